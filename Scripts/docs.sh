#!/usr/bin/env bash
# Builds the DocC documentation of the library products (HedgeSimCore, HedgeSimRandom) with warnings
# as errors, so every symbol link in their catalogs and doc comments must resolve.
#
# Usage: Scripts/docs.sh [SCRATCH_PATH]   (default: .build)
# The archives land in SCRATCH_PATH/plugins/Swift-DocC/outputs/TARGET.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-.build}
Scripts/install-deps.sh
for target in HedgeSimCore HedgeSimRandom; do
  swift package --scratch-path "$scratch" generate-documentation --target "$target" --warnings-as-errors \
    || { echo "docs: FAIL: the documentation of $target has warnings or errors (above)" >&2; exit 1; }
done
echo "docs: HedgeSimCore and HedgeSimRandom documented without warnings"
