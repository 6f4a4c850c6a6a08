#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the release binary and runs
# `hedgesim run` with the given arguments (none: the built-in default scenario).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build -c release --product hedgesim >&2
exec .build/release/hedgesim run "$@"
