#!/usr/bin/env bash
# Runs the whole test suite under the thread sanitizer and then the address sanitizer, each in its
# own build folder (.build-tsan, .build-asan). Exits non-zero on the first report. Leaks inside the
# toolchain's own libraries are suppressed (Scripts/lsan-suppressions.txt says which and why).
#   Scripts/sanitizers.sh [thread|address]...      (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(thread address)
for kind in "${kinds[@]}"; do
  folder=.build-${kind:0:1}san
  echo "== $kind sanitizer ($folder)" >&2
  swift build --build-tests --sanitize="$kind" --scratch-path "$folder"
  TSAN_OPTIONS="halt_on_error=1" ASAN_OPTIONS="detect_leaks=1:halt_on_error=1" \
    LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt:print_suppressions=0" \
    swift test --skip-build --sanitize="$kind" --scratch-path "$folder"
done
