#!/bin/sh
# Times the native Gaussian fill of two git revisions against each other (noise_fill_ab.c):
#   bench/native/fill-ab.sh OLD NEW [runs] [iterations]
# builds each revision's trainers/src/main/c sources with the flags of trainers' build.sh, then runs
# the harness `runs` times (default 8), the two libraries' order swapped every other run, each run
# `iterations` fills a library (default 300). Prints each run's medians and OLD/NEW. Run from the
# repository; needs gcc and git. Nothing else may run meanwhile on a small machine.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD_REVISION NEW_REVISION [runs] [iterations]" >&2
  exit 2
fi
old="$1"; new="$2"; runs="${3:-8}"; iterations="${4:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for rev in "$old" "$new"; do
  mkdir -p "$work/$rev"
  for f in dpaudit_kernels.c dpaudit_noise.c; do
    git show "$rev:trainers/src/main/c/$f" > "$work/$rev/$f"
  done
  gcc -O2 -std=c11 -Wall -Wextra -Werror -fPIC -shared -ffp-contract=off -o "$work/$rev/lib.so" \
    "$work/$rev/dpaudit_kernels.c" "$work/$rev/dpaudit_noise.c" -lm
done
gcc -O2 -o "$work/ab" "$(dirname "$0")/noise_fill_ab.c" -ldl -lm
i=0
while [ "$i" -lt "$runs" ]; do
  if [ $((i % 2)) -eq 0 ]; then order="$work/$old/lib.so $work/$new/lib.so"; else order="$work/$new/lib.so $work/$old/lib.so"; fi
  # shellcheck disable=SC2086
  "$work/ab" "$iterations" $order > "$work/out"
  a=$(grep "^$work/$old/" "$work/out" | awk '{print $3}')
  b=$(grep "^$work/$new/" "$work/out" | awk '{print $3}')
  ca=$(grep "^$work/$old/" "$work/out" | awk '{print $NF}')
  cb=$(grep "^$work/$new/" "$work/out" | awk '{print $NF}')
  same="same draws"; [ "$ca" = "$cb" ] || same="DIFFERENT DRAWS ($ca against $cb)"
  echo "run $((i + 1)): $old $a ms, $new $b ms, $old/$new $(echo "$a $b" | awk '{printf "%.3f", $1 / $2}'), $same"
  i=$((i + 1))
done
