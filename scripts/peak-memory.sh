#!/usr/bin/env bash
# Peak memory of `qnav list` on hostile sizes, against the bytes it keeps.
#
#   bash scripts/peak-memory.sh            (builds the release binary first)
#
# Makes, in a temporary folder: a 50 MB file of one word (no space, no line
# break), a 50 MB file of words on one line, and a 1 GB sparse file (all
# NUL bytes, nothing on disk). Prints each one's peak resident set (GNU
# time's %M) and its ratio to the text qnav keeps of it (the file's bytes
# for text; nothing for the sparse file, which is skipped unread).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
qnav="$PWD/target/release/qnav"
time_bin=/usr/bin/time
if ! "$time_bin" -f %M true >/dev/null 2>&1; then
    echo "needs GNU time at $time_bin (apt-get install time)" >&2
    exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import random, sys
d = sys.argv[1]
open(f"{d}/one-word.txt", "w").write("a" * 50_000_000)
random.seed(1)
words = ["alpha", "beta", "gamma", "delta", "word", "text"]
with open(f"{d}/words-one-line.txt", "w") as f:
    f.write(" ".join(random.choice(words) for _ in range(9_000_000)))
PY
truncate -s 1G "$dir/sparse.txt"
printf 'Q: Why?\n\nA: Because.\n' >"$dir/tiny.txt"
# What the process takes whatever it reads (code, stack, the first heap).
peak_of() { "$time_bin" -f %M "$qnav" list "$1" 2>&1 >/dev/null | tail -1 || true; }
base=$(peak_of "$dir/tiny.txt")
echo "baseline (a two-line file): $base KB"
printf '%-20s %12s %12s %8s %14s\n' file bytes peak_kb ratio above_baseline
for f in one-word.txt words-one-line.txt sparse.txt; do
    bytes=$(stat -c %s "$dir/$f")
    peak=$(peak_of "$dir/$f")
    if [ "$f" = sparse.txt ]; then
        ratio="-"; above="-"
    else
        ratio=$(python3 -c "print(f'{$peak * 1024 / $bytes:.2f}')")
        above=$(python3 -c "print(f'{($peak - $base) * 1024 / $bytes:.2f}')")
    fi
    printf '%-20s %12s %12s %8s %14s\n' "$f" "$bytes" "$peak" "$ratio" "$above"
done
