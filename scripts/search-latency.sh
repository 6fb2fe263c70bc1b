#!/usr/bin/env bash
# Whole-process time of `qnav search QUERY FOLDER` from a warm cache (its
# search file), without the cache, and `rg -i QUERY FOLDER` (where ripgrep
# is installed), measured in the same run: the median of N runs of each,
# interleaved so a noisy neighbour slows all three alike. Peak resident
# memory (GNU time's %M) beside each.
#
#   bash scripts/search-latency.sh [QUERY] [FOLDER] [N]
#   (defaults: inflation ../shared/corpus 10; builds the release binary)
#
# The cache lives in a temporary folder, warmed by two searches first.
set -euo pipefail
cd "$(dirname "$0")/.."
query=${1:-inflation}
folder=${2:-../shared/corpus}
runs=${3:-10}
if [ ! -d "$folder" ]; then
    echo "skipped: $folder is absent" >&2
    exit 0
fi
cargo build --release --quiet --bin qnav
qnav="$PWD/target/release/qnav"
time_bin=/usr/bin/time
if ! "$time_bin" -f %M true >/dev/null 2>&1; then
    echo "needs GNU time at $time_bin (apt-get install time)" >&2
    exit 2
fi
cache=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$cache" "$out"' EXIT
export XDG_CACHE_HOME="$cache"
# The first search writes the cache; the second its search file, unless a
# file changed in the last three seconds.
"$qnav" search "$query" "$folder" >/dev/null || true
"$qnav" search "$query" "$folder" >/dev/null || true
if ! "$qnav" search --timings "$query" "$folder" 2>&1 >/dev/null | grep -q search_file=true; then
    echo "note: the warm runs were not answered from a search file" >&2
fi
rg_bin=$(command -v rg || true)
for i in $(seq "$runs"); do
    "$time_bin" -f '%e %M' -a -o "$out/warm" "$qnav" search "$query" "$folder" >/dev/null || true
    "$time_bin" -f '%e %M' -a -o "$out/fresh" "$qnav" --no-cache search "$query" "$folder" >/dev/null || true
    if [ -n "$rg_bin" ]; then
        "$time_bin" -f '%e %M' -a -o "$out/rg" "$rg_bin" -i "$query" "$folder" >/dev/null || true
    fi
done
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
report() {
    local name=$1 file=$2
    [ -s "$file" ] || return 0
    local secs mem
    secs=$(awk '{ print $1 }' "$file" | median)
    mem=$(awk '{ print $2 }' "$file" | median)
    printf '%-34s median %6.3f s   peak %6.1f MB\n' "$name" "$secs" "$(echo "$mem / 1000" | bc -l)"
}
bytes=$(du -sb "$folder" | cut -f1)
echo "$runs runs each, query '$query', $folder ($((bytes / 1000000)) MB)"
report "qnav search, warm cache" "$out/warm"
report "qnav --no-cache search" "$out/fresh"
if [ -n "$rg_bin" ]; then
    report "rg -i" "$out/rg"
else
    echo "rg -i                              (ripgrep not installed)"
fi
