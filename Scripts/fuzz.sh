#!/usr/bin/env bash
# Fuzzes the scenario-file parser with libFuzzer for a given time (default 60 s):
#   Scripts/fuzz.sh [SECONDS]
# Builds hedgesim-fuzz with -sanitize=fuzzer (plus address sanitizer) in .build-fuzz, starts from
# Fuzz/corpus/scenario, keeps new inputs in .build-fuzz/corpus and writes crash reproducers to
# .build-fuzz/crashes. A reproducer replays with a normal build: .build/debug/hedgesim-fuzz FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
Scripts/install-deps.sh
swift build --scratch-path .build-fuzz --product hedgesim-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING
mkdir -p .build-fuzz/corpus .build-fuzz/crashes
cp -n Fuzz/corpus/scenario/* .build-fuzz/corpus/ 2>/dev/null || true
.build-fuzz/debug/hedgesim-fuzz .build-fuzz/corpus -max_total_time="$seconds" -max_len=4096 \
  -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1
