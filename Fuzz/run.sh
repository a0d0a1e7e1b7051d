#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer and AddressSanitizer and runs it for SECONDS.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags ...]     e.g. Fuzz/run.sh FuzzExpression 60
#   Fuzz/run.sh TARGET 0                                 build only
#
# The working corpus grows in Fuzz/.corpus/TARGET (seeded from Fuzz/Seeds/TARGET); crashes, leaks,
# timeouts and out-of-memory inputs land in Fuzz/artifacts/TARGET/. A crash found goes under
# Tests/<Module>Tests/FailCases/, where `swift test` replays it (docs/RELIABILITY.md).
set -euo pipefail
cd "$(dirname "$0")"

if [ $# -lt 2 ]; then
  echo "usage: Fuzz/run.sh TARGET SECONDS [libFuzzer flags ...]; targets: $(ls Sources | tr '\n' ' ')" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
if [ ! -d "Sources/$target" ]; then
  echo "no fuzz target '$target'; targets: $(ls Sources | tr '\n' ' ')" >&2
  exit 2
fi
case "$seconds" in
  ''|*[!0-9]*) echo "SECONDS must be a whole number of seconds, got '$seconds'" >&2; exit 2 ;;
esac

# Only the target's own product and its dependencies are built (with the sanitizers). The main
# package is a path dependency whose file list SwiftPM caches in the build manifest: after files
# are added to it, delete Fuzz/.build and build again. Neither `--disable-build-manifest-caching`
# nor deleting only the manifest will do: with either, swift 6.3 compiled some modules without
# `-sanitize=fuzzer`, and libFuzzer then ran without coverage (seen 2026-12-05; the run's log
# says "no interesting inputs" and shows no `cov:`).
swift build -c debug --sanitize=fuzzer --sanitize=address --product "$target"
[ "$seconds" -eq 0 ] && exit 0

case "$target" in
  FuzzCorpusReader|FuzzJSONSyntax|FuzzDataPrepJSON|FuzzBatchDocument) dict=json.dict ;;
  FuzzExpression) dict=expression.dict ;;
  FuzzMappingSet|FuzzXDMSchema) dict=mapping.dict ;;
  FuzzDatePattern) dict=date-pattern.dict ;;
  FuzzThreshold|FuzzDuration|FuzzStages) dict=threshold.dict ;;
  FuzzResponseParser) dict=http.dict ;;
  FuzzHdrHistogram) dict= ;;
  *) dict= ;;
esac

corpus=.corpus/$target
artifacts=artifacts/$target
mkdir -p "$corpus" "$artifacts"
# Leak checks are off: Foundation's NSRegularExpression on Linux never frees the ICU pattern under
# it (`_CFRegularExpressionCreate`), which LeakSanitizer reports at the first regex an input builds.
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/")
[ -n "$dict" ] && flags+=(-dict="Dictionaries/$dict")
seeds=()
[ -d "Seeds/$target" ] && seeds=("Seeds/$target")
exec ".build/debug/$target" "${flags[@]}" "$@" "$corpus" "${seeds[@]}"
