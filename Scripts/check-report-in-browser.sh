#!/usr/bin/env bash
# Renders HTML reports and checks them in headless Chromium (Debian's `chromium` package).
#
# Usage: Scripts/check-report-in-browser.sh [OUTPUT_DIR]    (default .build/report-check)
#
# Installs chromium, fonts-dejavu-core and python3-pil when missing (apt-get as root, or with sudo),
# builds hedgesim (debug), then for each report — `hedgesim run --paths 5000 --seed 1 --format html`,
# and a second one with three leverages and stress scenarios when the CLI has `--stress` — checks:
#   1. assets (static, on the HTML file): every src/href/url()/@import/srcset/xlink:href is a
#      `#fragment` or a `data:` URL, so the page needs no file and no network; anything else is an
#      external or missing asset;
#   2. console (Chromium with --enable-logging=stderr --v=0): no console message of any level
#      (the page's one script logs nothing, so any is an error), no "Uncaught", "Failed to load" or
#      net::ERR_;
#   3. DOM (chromium --dump-dom): the rendered page has the recommendation, at least 5 charts, and
#      the decision's charts (P(liquidation) against leverage, risk against margin posted); the
#      "Explore a cell" section, hidden in the file (so it stays out of a page without JavaScript),
#      is shown and opens on the recommended cell;
#   4. the explorer's controls (chromium --dump-dom on report.html#selftest): the page's script picks
#      another ratio (and leverage) and dispatches `change`, checks that the cell, its figures and its
#      chart changed, and writes PASS or FAIL into the section's data-selftest; then the figures shown
#      (mean, P(liquidation), total cost) must be those embedded in the page for the cell now picked,
#      which must not be the recommended one;
#   5. screenshots at desktop (1280 px) and phone (390 px) width: the PNG has the window's size, at
#      least 20 colours and 3 % of pixels off the background, and (desktop) pixels of the chart colours
#      (cost bars, liquidation lines, heat map), so the charts were drawn.
# Before that it checks the checks: a page with a console error and a missing image must fail 1 and 2,
# and a report whose controls do nothing (their change listeners renamed) must fail 4.
# Exits 0 with one "OK" line, or non-zero with one "FAIL: …" line; screenshots stay in OUTPUT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/report-check}"
fail() { echo "check-report-in-browser: FAIL: $*" >&2; exit 1; }

# --- Tools -------------------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
/usr/bin/python3 -c "import PIL" >/dev/null 2>&1 || missing+=(python3-pil)
# shellcheck source=lib/apt-install.sh
source Scripts/lib/apt-install.sh
apt_install_missing ${missing[@]+"${missing[@]}"}
# Debian's python, where python3-pil lives (a python3 earlier on PATH may lack it).
PY=/usr/bin/python3

rm -rf "$out" && mkdir -p "$out"
out="$(cd "$out" && pwd)"
swift build --product hedgesim >"$out/build.log" 2>&1 || fail "swift build --product hedgesim failed (see $out/build.log)"
hedgesim="$(swift build --show-bin-path)/hedgesim"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# --- Helpers -----------------------------------------------------------------------------------------
# chromium_run LOG ARGS…: headless Chromium on a throwaway profile with background networking off.
chromium_run() {
  local log="$1"
  shift
  timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-default-apps --disable-extensions \
    --disable-sync --mute-audio --force-device-scale-factor=1 --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" 2>"$log"
}

# check_assets HTML: every reference in the page is a #fragment or a data: URL.
check_assets() {
  "$PY" - "$1" <<'PY'
import re, sys
from html.parser import HTMLParser
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
found = []
class Collector(HTMLParser):
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "href", "xlink:href", "poster", "data", "action", "formaction", "background"):
                found.append(value)
            elif name == "srcset":
                found.extend(part.strip().split(" ")[0] for part in value.split(","))
            elif name == "style":
                found.extend(re.findall(r"url\(\s*['\"]?([^'\")]*)", value))
Collector().feed(text)
for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
    found += re.findall(r"url\(\s*['\"]?([^'\")]*)", style)
    found += re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\"); ]*)", style)
bad = [ref for ref in found if not (ref.startswith("#") or ref.startswith("data:"))]
if bad:
    print(f"{path}: external or missing asset {bad[0]!r} ({len(bad)} in all)")
    sys.exit(1)
PY
}

# check_console LOG: no console message, uncaught error, failed load or network error.
check_console() {
  local hit
  hit="$(grep -E ':CONSOLE|Uncaught|Failed to load|net::ERR_' "$1" | head -n 1 || true)"
  [ -z "$hit" ] || { echo "console: $hit"; return 1; }
}

# check_explorer HTML DOM SELFTEST_DOM: the explorer, hidden in HTML, is shown in DOM (the page as
# rendered) on the recommended cell; in SELFTEST_DOM (after #selftest) the self-test passed, and the
# figures shown are those embedded in HTML for the cell then picked, which is not the recommended one.
check_explorer() {
  "$PY" - "$@" <<'PY'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
opened = open(sys.argv[2], encoding="utf-8").read()
dom = open(sys.argv[3], encoding="utf-8").read()
def fail(message):
    print(f"explorer: {message}")
    sys.exit(1)
def picked(text):
    found = re.search(r'<div id="explore-panel"[^>]*data-cell="(\d+)"', text)
    return int(found.group(1)) if found else None
block = re.search(r'<script type="application/json" id="explore-data">(.*?)</script>', page, re.S)
data = json.loads(block.group(1))
if '<section id="explore" hidden>' not in page:
    fail("the section is not hidden in the file, so it would show without JavaScript")
if not re.search(r'<section id="explore">', opened):
    fail("the script did not show the section")
if picked(opened) != data["recommended"]:
    fail(f"opens on cell {picked(opened)}, the recommended one is {data['recommended']}")
verdict = re.search(r'<section id="explore"[^>]*data-selftest="([^"]*)"', dom)
if not verdict:
    fail("no self-test verdict in the rendered page (did the script run?)")
if verdict.group(1) != "PASS":
    fail(f"self-test: {verdict.group(1)}")
index = picked(dom)
if index is None or index == data["recommended"]:
    fail("the self-test left the recommended cell picked")
cell = data["cells"][index]
def shown(key):
    found = re.search(rf'<dd data-f="{key}">([^<]*)</dd>', dom)
    return found.group(1) if found else ""
# Whether a shown figure ("351,810 ± 297 USD", "18.4 %") is `want` to the digits shown.
def close(text, want):
    if text.startswith("< 0.001"):
        return want is not None and 0 < want < 0.001
    found = re.match(r"(-?[\d,]+)(?:\.(\d+))?", text)
    if not found or want is None:
        return False
    digits = found.group(2) or ""
    value = float(found.group(1).replace(",", "") + ("." + digits if digits else ""))
    return abs(value - want) <= 0.5 * 10 ** -len(digits) + 1e-9
for key, want in [
    ("mean", cell["value"]["mean"]), ("total", cell["cost"]["total"]),
    ("probability", None if cell["liquidation"]["probability"] is None else 100 * cell["liquidation"]["probability"]),
]:
    if not close(shown(key), want):
        fail(f"cell {index}: {key} shows {shown(key)!r}, the page's data says {want}")
PY
}

# check_png PNG WIDTH HEIGHT [colours]: size, colour count, share off the background, chart colours.
check_png() {
  "$PY" - "$@" <<'PY'
import sys
from PIL import Image
path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
want_colours = len(sys.argv) > 4
image = Image.open(path).convert("RGB")
def fail(message):
    print(message)
    sys.exit(1)
if image.size != (width, height):
    fail(f"{path}: {image.size[0]}×{image.size[1]} px, expected {width}×{height}")
colours = image.getcolors(maxcolors=1 << 24)
colours.sort(reverse=True)
total = width * height
off = total - colours[0][0]
if len(colours) < 20 or off < 0.03 * total:
    fail(f"{path}: looks blank ({len(colours)} colours, {100 * off / total:.1f} % off the background)")
if want_colours:
    # Colours only the charts draw: funding bars, the heat-map key's amber, the recommendation's blue
    # (median line, outlines), the liquidation lines' red.
    targets = {"cost bars": (66, 99, 235), "heat map": (255, 212, 59), "recommended": (24, 100, 171), "liquidation": (201, 42, 42)}
    for name, (r, g, b) in targets.items():
        near = sum(n for n, (x, y, z) in colours if abs(x - r) + abs(y - g) + abs(z - b) <= 24)
        if near < 30:
            fail(f"{path}: no {name} colour rgb{(r, g, b)} drawn ({near} px)")
PY
}

# --- Check the checks --------------------------------------------------------------------------------
cat >"$out/broken.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>broken</title></head>
<body><p>broken on purpose</p><img src="missing.png"><script>console.error("expected console error")</script></body></html>
HTML
message="$(check_assets "$out/broken.html" 2>&1)" || true
[[ "$message" == *"'missing.png'"* ]] || fail "the asset check missed a missing image: $message"
chromium_run "$out/broken.log" --screenshot="$out/broken.png" --window-size=400,300 "file://$out/broken.html" >/dev/null \
  || fail "chromium did not run (see $out/broken.log)"
check_console "$out/broken.log" >/dev/null && fail "the console check missed a console error (Chromium's log format changed?)"
rm -f "$out"/broken.*

# --- Reports -----------------------------------------------------------------------------------------
"$hedgesim" run --paths 5000 --seed 1 --format html --output "$out/report.html" || fail "hedgesim run --format html failed"
reports=(report)
# The explorer's self-test must fail when the controls do nothing.
sed "s/addEventListener('change'/addEventListener('inert'/g" "$out/report.html" >"$out/inert.html"
chromium_run "$out/inert.log" --dump-dom "file://$out/inert.html#selftest" >"$out/inert-dom.html" \
  || fail "chromium --dump-dom inert.html failed (see $out/inert.log)"
grep -q 'data-selftest="FAIL: ' "$out/inert-dom.html" || fail "the explorer's self-test missed controls that do nothing"
rm -f "$out"/inert*
if "$hedgesim" run --help 2>/dev/null | grep -q -- '--stress'; then
  "$hedgesim" run --paths 5000 --seed 1 --leverage 2,5 --stress squeeze,crash --format html --output "$out/stress.html" \
    || fail "hedgesim run --stress … --format html failed"
  reports+=(stress)
fi

for name in "${reports[@]}"; do
  html="$out/$name.html"
  message="$(check_assets "$html")" || fail "$message"
  chromium_run "$out/$name-dom.log" --dump-dom "file://$html" >"$out/$name-dom.html" || fail "chromium --dump-dom $name.html failed"
  message="$(check_console "$out/$name-dom.log")" || fail "$name.html: $message"
  grep -q 'id="recommendation"' "$out/$name-dom.html" || fail "$name.html: no recommendation in the rendered page"
  charts="$(grep -o '<svg class="chart"' "$out/$name-dom.html" | wc -l)"
  [ "$charts" -ge 5 ] || fail "$name.html: $charts charts in the rendered page, expected at least 5"
  # The decision's pictures: P(liquidation) against leverage, and risk against the margin posted.
  grep -q 'id="leverage"' "$out/$name-dom.html" && grep -q 'Liquidation probability against leverage at ratio' "$out/$name-dom.html" \
    || fail "$name.html: no P(liquidation) against leverage chart in the rendered page"
  grep -q 'against the margin posted' "$out/$name-dom.html" || fail "$name.html: no risk-against-margin chart in the rendered page"
  chromium_run "$out/$name-selftest.log" --dump-dom "file://$html#selftest" >"$out/$name-selftest.html" \
    || fail "chromium --dump-dom $name.html#selftest failed"
  message="$(check_console "$out/$name-selftest.log")" || fail "$name.html#selftest: $message"
  message="$(check_explorer "$html" "$out/$name-dom.html" "$out/$name-selftest.html")" || fail "$name.html: $message"
  for size in desktop:1280:12000 phone:390:16000; do
    IFS=: read -r label width height <<<"$size"
    png="$out/$name-$label.png"
    chromium_run "$out/$name-$label.log" --screenshot="$png" --window-size="$width,$height" "file://$html" >/dev/null \
      || fail "chromium screenshot of $name.html at $width px failed (see $out/$name-$label.log)"
    message="$(check_console "$out/$name-$label.log")" || fail "$name.html at $width px: $message"
    if [ "$label" = desktop ]; then
      message="$(check_png "$png" "$width" "$height" colours)" || fail "$message"
    else
      message="$(check_png "$png" "$width" "$height")" || fail "$message"
    fi
  done
done
echo "check-report-in-browser: OK: ${#reports[@]} report(s) rendered and checked; screenshots in $out"
