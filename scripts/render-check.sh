#!/usr/bin/env bash
# Renders a report.html with headless Chromium (Debian's `chromium`) and checks the screenshot is
# not blank: enough distinct colours and enough non-background pixels.
#   scripts/render-check.sh [REPORT.html] [OUT.png]
# Defaults: the golden report the tests render, screenshot to .build/render-check.png.
# Installs chromium and python3-pil with apt-get when missing (root, as on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
html=${1:-Tests/ReportsTests/Golden/report.html}
png=${2:-.build/render-check.png}
mkdir -p "$(dirname "$png")"

. scripts/chromium-deps.sh

rm -f "$png"
# --no-sandbox: CI runs as root; the page has no script and loads nothing from the network.
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-dev-shm-usage \
  --window-size=1000,2600 --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "render-check: chromium wrote no screenshot of $html" >&2; exit 1; }

"$py" - "$png" <<'PY'
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
width, height = image.size
pixels = list(image.getdata())
colours = len(set(pixels))
background = max(set(pixels), key=pixels.count)
ink = sum(1 for p in pixels if abs(p[0] - background[0]) + abs(p[1] - background[1]) + abs(p[2] - background[2]) > 60)
share = ink / len(pixels)
print(f"render-check: {sys.argv[1]} {width}x{height}, {colours} colours, {share:.1%} of pixels drawn")
if colours < 16 or share < 0.005:
    print("render-check: FAIL: the screenshot looks blank", file=sys.stderr)
    sys.exit(1)
print("render-check: ok")
PY
