#!/usr/bin/env bash
# Peak memory of `qnav list` (and of the reader) on hostile sizes, against
# the bytes it keeps.
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

# The reader, in a pseudo-terminal of 120×40: its peak (VmHWM) after eight
# seconds (loaded, wrapped, indexed, drawn), then `q`.
reader_peak() {
    python3 - "$qnav" "$1" "$dir/state" <<'PY'
import os, pty, select, struct, sys, time, fcntl, termios
qnav, path, state = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm-256color", XDG_STATE_HOME=state)
    os.execv(qnav, [qnav, path])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
peak, start = 0, time.time()
while time.time() - start < 8:
    if select.select([fd], [], [], 0.2)[0]:
        try:
            os.read(fd, 1 << 16)
        except OSError:
            break
    with open(f"/proc/{pid}/status") as f:
        peak = max([peak] + [int(l.split()[1]) for l in f if l.startswith("VmHWM")])
os.write(fd, b"q")
time.sleep(0.5)
try:
    os.kill(pid, 9)
except ProcessLookupError:
    pass
print(peak)
PY
}
echo
printf '%-20s %12s %12s %8s\n' "reader: file" bytes peak_kb ratio
for f in one-word.txt words-one-line.txt; do
    bytes=$(stat -c %s "$dir/$f")
    peak=$(reader_peak "$dir/$f")
    ratio=$(python3 -c "print(f'{$peak * 1024 / $bytes:.2f}')")
    printf '%-20s %12s %12s %8s\n' "$f" "$bytes" "$peak" "$ratio"
done
