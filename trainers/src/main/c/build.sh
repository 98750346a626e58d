#!/bin/sh
# Builds dpaudit's native CPU kernels (dpaudit_kernels.c, dpaudit_noise.c) into the trainers jar, where JNA finds
# them (linux-x86-64/libdpaudit_kernels.so). Run by Maven (trainers/pom.xml) with the classes
# directory as its argument. Without gcc, or on another platform, nothing is built and dpaudit uses
# the tensor engine's operations instead (slower, same results to float32 rounding).
set -eu
out="$1/linux-x86-64"
src="$(dirname "$0")"
platform="$(uname -s)-$(uname -m)"
if [ "$platform" != "Linux-x86_64" ]; then
  echo "[dpaudit] native kernels: none for $platform; the tensor engine's operations are used"
  exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "[dpaudit] native kernels: gcc not found, not built; the tensor engine's operations are used"
  exit 0
fi
mkdir -p "$out"
# -ffp-contract=off: only the kernels' own FMA instructions fuse; no fast-math, so sums keep their order.
gcc -O2 -std=c11 -Wall -Wextra -Werror -fPIC -shared -ffp-contract=off \
  -o "$out/libdpaudit_kernels.so.tmp" "$src/dpaudit_kernels.c" "$src/dpaudit_noise.c" -lm
mv "$out/libdpaudit_kernels.so.tmp" "$out/libdpaudit_kernels.so"
echo "[dpaudit] native kernels: built $out/libdpaudit_kernels.so"
