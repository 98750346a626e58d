#!/usr/bin/env bash
# Opens an HTML report in headless Chromium, takes a screenshot, and fails (exit 1, one line) if the
# page is blank or shows a rendering error. It installs nothing: it needs chromium (Debian package
# 'chromium'; or set CHROMIUM=/path/to/browser) and java (to measure the screenshot).
#
#   scripts/browser-check.sh [--full-page] REPORT.html OUT.png
#
# --full-page: the screenshot is the whole page, not its first 2400 pixels (rendered in a window
# 16000 pixels tall, then cropped below the page's last content); this is how the screenshots in
# docs/ are taken (scripts/docs-screenshots.sh).
#
# Checks, in order:
#   1. the browser loads the file and the DOM it built is a dpaudit report (its generator meta tag),
#      not a browser error page, with no error text (a template or Java exception) and with charts;
#   2. the screenshot (1400x2400, or the full page) exists and is not blank: see scripts/PngStats.java
#      for the measure.
# Exit codes: 0 the page renders, 1 blank or a rendering error, 2 bad usage or a missing tool.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "browser-check: FAIL: $*" >&2; exit 1; }
usage() { echo "browser-check: $*" >&2; exit 2; }

height=2400
crop=""
if [ "${1:-}" = "--full-page" ]; then
  height=16000
  crop="--crop"
  shift
fi
[ $# -eq 2 ] || usage "usage: scripts/browser-check.sh [--full-page] REPORT.html OUT.png"
report="$1"
out="$2"
[ -f "$report" ] || usage "no such file: $report"
browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser="$(command -v "$b")"; break; fi
  done
fi
[ -n "$browser" ] || usage "chromium is not installed (Debian package 'chromium'; or set CHROMIUM)"
command -v "$browser" >/dev/null 2>&1 || usage "not an executable browser: $browser"
command -v java >/dev/null 2>&1 || usage "java is not installed (needed to measure the screenshot)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="file://$(realpath "$report")"
mkdir -p "$(dirname "$out")"
shot="$(realpath -m "$out")"

run_browser() {  # a fresh profile for each run: nothing cached, nothing synced
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1400,"$height" "$@" "$url" 2>>"$work/browser.log"
}
last_log_line() { grep -v -e 'dbus' -e '^\s*$' "$work/browser.log" | tail -n 1; }

run_browser --dump-dom >"$work/dom.html" || fail "chromium could not load $report ($(last_log_line))"
grep -q -E 'id="main-frame-error"|class="neterror"|ERR_FILE_NOT_FOUND|ERR_ACCESS_DENIED' "$work/dom.html" \
  && fail "the browser shows an error page instead of $report"
grep -q 'name="generator" content="dpaudit"' "$work/dom.html" \
  || fail "$report did not render as a dpaudit report (no generator tag in the page the browser built)"
if grep -q -E 'PebbleException|java\.lang\.[A-Za-z]*(Exception|Error)|Traceback \(most recent' "$work/dom.html"; then
  fail "the page shows an error message: $(grep -o -m1 -E '(PebbleException|java\.lang\.[A-Za-z]*(Exception|Error)|Traceback)[^<]{0,80}' "$work/dom.html")"
fi
grep -q '<svg' "$work/dom.html" || fail "the page has no charts (no SVG element)"

rm -f "$shot"
run_browser --screenshot="$shot" >/dev/null || fail "chromium could not take a screenshot ($(last_log_line))"
[ -s "$shot" ] || fail "chromium wrote no screenshot to $out"
stats="$(java "$here/PngStats.java" $crop "$shot")" || fail "$stats"
echo "browser-check: ok: $report renders ($stats); screenshot $out"
