#!/usr/bin/env bash
# Whole-process W1 against the hand-tuned C peer (../shared/peers/w1_c.c), alternated A B A B on this
# host so that both see the same noise: `hedgesim run --scenario w1 --paths 100000 --threads 2 --format
# json --output /dev/null` against `w1_c --n 100000 --reps 1 --warmup 0 --quiet` (2 OpenMP threads),
# wall clock of each process. Prints every pair and the medians, and the ratio hedgesim / C.
#
#   Scripts/whole-process.sh [ROUNDS]      (default 7; needs a release build of hedgesim)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
binary="${HEDGESIM_BINARY:-.build/release/hedgesim}"
peer_source="../shared/peers/w1_c.c"
peer=".build/w1_c"
[[ -x "$binary" ]] || { echo "whole-process: no $binary (swift build -c release --product hedgesim)" >&2; exit 1; }
[[ -f "$peer_source" ]] || { echo "whole-process: no $peer_source (the C peer lives beside the project)" >&2; exit 1; }
if [[ ! -x "$peer" || "$peer_source" -nt "$peer" ]]; then
    gcc -O3 -march=native -ffast-math -fopenmp "$peer_source" -o "$peer" -lm
fi

# Wall seconds of one command, from bash's microsecond clock.
wall() {
    local start end
    start=$EPOCHREALTIME
    "$@" > /dev/null 2>&1
    end=$EPOCHREALTIME
    echo "$start $end" | awk '{printf "%.4f", $2 - $1}'
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

ours=() theirs=()
for ((round = 1; round <= rounds; round++)); do
    a=$(wall "$binary" run --scenario w1 --paths 100000 --threads 2 --format json --output /dev/null)
    b=$(OMP_NUM_THREADS=2 wall "$peer" --n 100000 --reps 1 --warmup 0 --quiet)
    ours+=("$a") theirs+=("$b")
    echo "round $round: hedgesim $a s, C peer $b s"
done
m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_theirs=$(printf '%s\n' "${theirs[@]}" | median)
echo "median: hedgesim $m_ours s, C peer $m_theirs s, ratio $(awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN {printf "%.2f", a / b}')"
