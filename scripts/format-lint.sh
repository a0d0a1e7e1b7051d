#!/usr/bin/env bash
# Checks the Swift sources against .swift-format (120 columns, four-space indents, otherwise
# swift-format's defaults) with the swift-format that ships with the toolchain (`swift format`).
# Exits non-zero on any finding (--strict turns warnings into errors).
#   scripts/format-lint.sh            lint Sources, Tests and Fuzz/Sources
#   scripts/format-lint.sh PATH ...   lint only these files or folders
# Fix what it finds with `swift format -i -r PATH ...` (it fixes all but a few rules by itself).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- Sources Tests Fuzz/Sources; fi
exec swift format lint --strict --configuration .swift-format -r "$@"
