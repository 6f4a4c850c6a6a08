#!/usr/bin/env bash
# Runs the ordo-one/benchmark suite (Benchmarks/, its own package) and checks it against the
# thresholds kept in Benchmarks/Thresholds:
#   Scripts/benchmarks.sh            run and compare with the stored thresholds
#   Scripts/benchmarks.sh update     run and store new thresholds (review the git diff)
# Wall-clock thresholds are loose (25 %): a shared 2-core machine is noisy; allocation counts are tight.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
cd Benchmarks
case "${1:-check}" in
  update)
    swift package --allow-writing-to-package-directory benchmark thresholds update --path Thresholds --no-progress ;;
  check)
    swift package benchmark thresholds check --path Thresholds --no-progress ;;
  *)
    swift package benchmark "$@" ;;
esac
