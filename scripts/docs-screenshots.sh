#!/usr/bin/env bash
# The screenshots in docs/, taken by the browser check (scripts/browser-check.sh --full-page) from a
# demo's output: the comparison, the DP-SGD run's report (verdict, canaries, ledger, epsilon per
# epoch) and the non-private run's report with a model-inversion section (the inversion attack is
# run on it first). Every screenshot passes the browser check's blank-page and error tests.
#
#   scripts/docs-screenshots.sh DEMO_DIR        e.g. after ./dpaudit demo --seed 1 --out runs/demo-readme
#
# Writes docs/demo-compare.png, docs/demo-report-dpsgd.png, docs/demo-report.png (with the inversion
# section). Exit codes: 0 written, 1 a check failed, 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { echo "usage: scripts/docs-screenshots.sh DEMO_DIR" >&2; exit 2; }
demo="$1"
for f in compare.html dpsgd-eps2/run.json nonprivate/run.json; do
  [ -f "$demo/$f" ] || { echo "docs-screenshots: $demo/$f is missing: run ./dpaudit demo --out $demo first" >&2; exit 2; }
done

if [ ! -f "$demo/nonprivate/attacks/inversion.json" ]; then
  ./dpaudit attack --run "$demo/nonprivate" --attack inversion --seed 1
fi
./dpaudit report --run "$demo/nonprivate" --out "$demo/nonprivate"
./dpaudit report --run "$demo/dpsgd-eps2" --out "$demo/dpsgd-eps2"

scripts/browser-check.sh --full-page "$demo/compare.html" docs/demo-compare.png
scripts/browser-check.sh --full-page "$demo/dpsgd-eps2/report.html" docs/demo-report-dpsgd.png
scripts/browser-check.sh --full-page "$demo/nonprivate/report.html" docs/demo-report.png
