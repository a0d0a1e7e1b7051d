#!/usr/bin/env bash
# Builds bench/harness/main.swift against DataPrep and PendoEvents compiled -O -wmo, from the
# work tree or from commit REV's DataPrep (the CLI files and PendoEvents come from the work tree).
# Needs the debug build (swift build): it links that build's swift-crypto objects (sha256 &c.
# run unoptimized in both harnesses alike) and reads its module maps.
# usage: bench/harness/build.sh [REV]   -> /tmp/pendo-harness-{tree|REV}/harness
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
rev=${1:-}
out=/tmp/pendo-harness-${rev:-tree}
mkdir -p "$out/mc" "$out/src"
D=$(swift build --show-bin-path)
CK=$root/.build/checkouts
flags=(-I "$D/Modules" -O -wmo -DSWIFT_PACKAGE -swift-version 6 -package-name harness -module-cache-path "$out/mc" -g
  -Xcc -fmodule-map-file="$CK/swift-crypto/Sources/CCryptoBoringSSLShims/include/module.modulemap" -Xcc -I -Xcc "$CK/swift-crypto/Sources/CCryptoBoringSSLShims/include"
  -Xcc -fmodule-map-file="$CK/swift-crypto/Sources/CCryptoBoringSSL/include/module.modulemap" -Xcc -I -Xcc "$CK/swift-crypto/Sources/CCryptoBoringSSL/include"
  -Xcc -fmodule-map-file="$root/Sources/CZlib/module.modulemap")
dataprep=$root/Sources/DataPrep
if [ -n "$rev" ]; then
  rm -rf "$out/src/Sources"
  git archive "$rev" Sources/DataPrep | tar -x -C "$out/src"
  dataprep=$out/src/Sources/DataPrep
fi
swiftc -module-name PendoEvents -parse-as-library -emit-module -emit-module-path "$out/PendoEvents.swiftmodule" -c -o "$out/PendoEvents.o" \
  $(find "$root/Sources/PendoEvents" -name '*.swift') "${flags[@]}"
swiftc -module-name DataPrep -parse-as-library -emit-module -emit-module-path "$out/DataPrep.swiftmodule" -c -o "$out/DataPrep.o" \
  $(find "$dataprep" -name '*.swift') "${flags[@]}"
cli=$root/Sources/PendoReplayCLI/Mapping
# From the output folder: swiftc leaves the executable's module files in the current folder.
cd "$out"
swiftc -module-name harness -I "$out" "${flags[@]}" "$root/bench/harness/main.swift" "$cli/CorpusFanOut.swift" "$cli/CorpusValidator.swift" \
  "$cli/CorpusDiffer.swift" "$cli/IdentitySpill.swift" "$out/DataPrep.o" "$out/PendoEvents.o" \
  $(find "$D/Crypto.build" "$D/CryptoBoringWrapper.build" "$D/CCryptoBoringSSL.build" "$D/CCryptoBoringSSLShims.build" -name '*.o') \
  -lz -lstdc++ -o "$out/harness"
echo "$out/harness"
