#!/usr/bin/env bash
# Runs a sharded simulation on this machine with xargs (or GNU parallel), then merges it:
#   Scripts/cluster/local-shards.sh SHARDS [hedgesim run options...]
# e.g. Scripts/cluster/local-shards.sh 4 --seed 7 --paths 200000 --leverage 3 --format json --output report.json
# The options before --format/--output go to every shard; the merged report honours --format/--output.
# Shards need a seed and a fixed leverage (a list such as 3 or 2,3,5: `auto` needs every path).
set -euo pipefail
cd "$(dirname "$0")/../.."
shards=${1:?usage: local-shards.sh SHARDS [run options]}
shift
run_args=() merge_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --format|--output) merge_args+=("$1" "$2"); shift 2 ;;
    *) run_args+=("$1"); shift ;;
  esac
done
HS=${HEDGESIM:-.build/release/hedgesim}
[ -n "${HEDGESIM:-}" ] || swift build -c release --product hedgesim >&2
parts=$(mktemp -d)
trap 'rm -rf "$parts"' EXIT
seq 0 $((shards - 1)) | xargs -P "$(nproc)" -I{} \
  "$HS" run "${run_args[@]}" --threads 1 --shard "{}/$shards" --partial "$parts/run.{}.part"
"$HS" merge "$parts"/run.*.part "${merge_args[@]}"
