#!/usr/bin/env bash
# The per-shape speed table of docs/performance.md ("Every shape on one kernel"): W1 and each W1 variant
# on one thread, 100,000 paths × 720 steps, alternated for ROUNDS rounds; prints each shape's
# in-process M path·steps/s per round, its median and the median's ratio to W1's.
#
# Usage: Scripts/shape-speeds.sh [ROUNDS]
#   HEDGESIM_BINARY   the release binary (default .build/release/hedgesim)
#   HISTORY           the bootstrap's hourly price history (default ../shared/data/btcusd_bitstamp_1h.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
binary=${HEDGESIM_BINARY:-.build/release/hedgesim}
history=${HISTORY:-../shared/data/btcusd_bitstamp_1h.csv}
names=("W1" "bridge (jumps)" "bridge (GBM)" "dated" "GARCH-t" "cross margin" "bootstrap" "several payments")
flags=("" "--between-step-check true" "--model gbm --between-step-check true" "--instrument dated --expiry-days 90"
  "--model garch" "--margin cross" "--model bootstrap --history $history" "--funding-interval-hours 0.25")
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((round = 1; round <= rounds; round++)); do
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086 # the flags split into words on purpose
    speed=$("$binary" run --scenario w1 --paths 100000 --threads 1 --format json ${flags[$i]} |
      python3 -c "import json, sys; print(json.load(sys.stdin)['timing']['pathStepsPerSecond'] / 1e6)")
    printf '%s\t%s\n' "$i" "$speed" >>"$results"
  done
done
python3 - "$results" "${names[@]}" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1])]
names = sys.argv[2:]
speeds = {i: [float(s) for j, s in rows if int(j) == i] for i in range(len(names))}
w1 = statistics.median(speeds[0])
for i, name in enumerate(names):
    median = statistics.median(speeds[i])
    print(f"{name:18} {' '.join(f'{s:6.1f}' for s in speeds[i])}   median {median:6.1f}   / W1 {median / w1:.2f}")
PY
