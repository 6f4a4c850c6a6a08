#!/usr/bin/env bash
# Checks the C kernels (Sources/CVectorMath) on AArch64 without an ARM machine: builds a small driver
# (Scripts/aarch64/kernel-driver.c) that runs every kernel on fixed inputs and prints every output
# bit, once for this x86-64 machine at each vector level (0 baseline, 2 AVX2, 3 AVX-512; levels the
# CPU lacks are lowered) and once cross-compiled for aarch64-linux-gnu (NEON) and run under
# qemu-user, then demands identical bits everywhere (a NaN counts as NaN whatever its sign).
#
# Installs Debian's libc6-dev-arm64-cross, libgcc-12-dev-arm64-cross and qemu-user-static when
# missing (apt-get as root, or with sudo). Uses the clang of the Swift toolchain (or clang on PATH)
# with the package's own C flags. Exits 0 with one "OK" line, or non-zero with one "FAIL: …" line.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-aarch64: FAIL: $*" >&2; exit 1; }

# --- Tools -------------------------------------------------------------------------------------------
missing=()
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-dev-arm64-cross)
ls /usr/lib/gcc-cross/aarch64-linux-gnu/*/crtbeginS.o >/dev/null 2>&1 || missing+=(libgcc-12-dev-arm64-cross)
command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
# shellcheck source=lib/apt-install.sh
source Scripts/lib/apt-install.sh
apt_install_missing ${missing[@]+"${missing[@]}"}
clang=""
if command -v swift >/dev/null 2>&1 && [ -x "$(dirname "$(readlink -f "$(command -v swift)")")/clang" ]; then
  clang="$(dirname "$(readlink -f "$(command -v swift)")")/clang"
elif command -v clang >/dev/null 2>&1; then
  clang="$(command -v clang)"
fi
[ -n "$clang" ] || fail "no clang (the Swift toolchain's or one on PATH)"

# --- Builds ------------------------------------------------------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The package's flags for the C target (Package.swift, cVectorFlags).
flags=(-O3 -fno-math-errno -ffp-contract=off -ISources/CVectorMath/include -ISources/CVectorMath)
sources=(Scripts/aarch64/kernel-driver.c Sources/CVectorMath/*.c)

"$clang" "${flags[@]}" "${sources[@]}" -lm -o "$work/driver-x86_64" 2>"$work/x86.log" \
  || fail "x86-64 build of the driver failed: $(head -c 300 "$work/x86.log")"
mkdir -p "$work/arm64"
pids=()
for source in "${sources[@]}"; do
  "$clang" --target=aarch64-linux-gnu "${flags[@]}" -Werror -c "$source" -o "$work/arm64/$(basename "$source" .c).o" \
    2>"$work/arm64/$(basename "$source" .c).log" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || fail "aarch64 compile failed: $(cat "$work"/arm64/*.log | head -c 300)"
done
"$clang" --target=aarch64-linux-gnu --gcc-toolchain=/usr -fuse-ld=lld "$work"/arm64/*.o -lm -o "$work/driver-aarch64" \
  2>"$work/link.log" || fail "aarch64 link failed: $(head -c 300 "$work/link.log")"

# --- Runs and comparison -----------------------------------------------------------------------------
for level in 0 2 3; do
  "$work/driver-x86_64" "$level" >"$work/x86_64-$level.txt" || fail "x86-64 driver at level $level failed"
done
qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/driver-aarch64" >"$work/aarch64.txt" \
  || fail "the aarch64 driver failed under qemu"
head -1 "$work/aarch64.txt" | grep -qx "level 1" || fail "the aarch64 build does not run its NEON level: $(head -1 "$work/aarch64.txt")"
tail -n +2 "$work/aarch64.txt" >"$work/reference.txt"
[ "$(wc -l <"$work/reference.txt")" -gt 1000 ] || fail "the aarch64 driver printed too little"
for level in 0 2 3; do
  tail -n +2 "$work/x86_64-$level.txt" >"$work/x86_64-$level.body"
  if ! cmp -s "$work/x86_64-$level.body" "$work/reference.txt"; then
    diff "$work/x86_64-$level.body" "$work/reference.txt" >"$work/diff.txt" || true
    first="$(sed -n 1p "$work/diff.txt")"
    row="${first%%[!0-9]*}"
    name="$(head -n "${row:-1}" "$work/reference.txt" | grep -E '^[a-z_0-9]+ [0-9]+$' | tail -1 || true)"
    fail "x86-64 level $level ($(head -1 "$work/x86_64-$level.txt")) and aarch64 differ in block '${name:-?}' at line ${row:-?}"
  fi
done
values="$(grep -cvE '^[a-z_0-9]+ [0-9]+$' "$work/reference.txt")"
echo "check-aarch64: OK: every kernel gives identical bits on x86-64 levels 0/2/3 and aarch64 (NEON, qemu) ($values output lines)"
