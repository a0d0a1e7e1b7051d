# Sourced by the screenshot checks: makes sure headless Chromium and Python's PIL are there
# (apt-get install when missing; root, as on CI) and sets `py` to the python3 that has PIL.
need=()
command -v chromium >/dev/null || need+=(chromium fonts-dejavu-core)
# Debian's python3 (where python3-pil installs), not whichever python3 comes first in PATH.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import PIL' 2>/dev/null || need+=(python3-pil)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
