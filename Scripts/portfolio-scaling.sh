#!/usr/bin/env bash
# Measures `hedgesim portfolio` at K = 1, 2, 5, 10, 20 coins (docs/performance.md, "Several coins"):
# equicorrelated coins (0.5), each hedged with its own inverse perpetual at ratio 1 and 3x, PATHS paths
# × 720 hourly steps, one run per K; prints coin·path·steps per second from the JSON report's timing.
#
# Usage: Scripts/portfolio-scaling.sh [PATHS] [THREADS]    (defaults 100000 and all cores)
#   HEDGESIM_BINARY=/path/to/hedgesim   the binary to time (default .build/release/hedgesim)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=${1:-100000}
threads=${2:-$(nproc)}
binary=${HEDGESIM_BINARY:-.build/release/hedgesim}
[ -x "$binary" ] || { echo "portfolio-scaling: no binary at $binary (swift build -c release --product hedgesim)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%4s %16s %14s %22s\n' K "path·steps/s" "seconds" "coin·path·steps/s"
for k in 1 2 5 10 20; do
  file="$work/k$k.yaml"
  {
    echo "paths: $paths"
    echo "assets:"
    for i in $(seq 1 "$k"); do echo "  - {name: C$i, holding: 10, price: 100, vol: 0.6}"; done
    echo "correlations:"
    for i in $(seq 1 "$k"); do
      row=""
      for j in $(seq 1 "$k"); do
        value=0.5; [ "$i" = "$j" ] && value=1
        row="$row${row:+, }$value"
      done
      echo "  - [$row]"
    done
    echo "hedges:"
    for i in $(seq 1 "$k"); do echo "  - {asset: C$i, ratios: [1], leverage: 3}"; done
  } > "$file"
  "$binary" portfolio "$file" --threads "$threads" --format json --output "$work/out.json"
  python3 - "$work/out.json" "$k" <<'PY'
import json, sys
timing = json.load(open(sys.argv[1]))["timing"]
k = int(sys.argv[2])
print(f"{k:4d} {timing['pathStepsPerSecond']:16.4g} {timing['simulationSeconds']:14.3f} {timing['pathStepsPerSecond'] * k:22.4g}")
PY
done
