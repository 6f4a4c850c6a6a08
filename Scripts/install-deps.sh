#!/usr/bin/env bash
# Installs the system libraries HedgeSim builds against (OpenBLAS, pkg-config) when they are missing.
# Debian/Ubuntu; needs root (or sudo). Safe to run again: does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
