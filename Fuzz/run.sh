#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer and AddressSanitizer and runs it for SECONDS.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags ...]     e.g. Fuzz/run.sh FuzzExpression 60
#   Fuzz/run.sh TARGET 0                                 build only
#   Fuzz/run.sh all 0                                    build every target
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
if [ "$target" = all ] && [ "$seconds" != 0 ]; then
  echo "'all' only builds (SECONDS 0): run the targets one at a time" >&2
  exit 2
fi
if [ "$target" != all ] && [ ! -d "Sources/$target" ]; then
  echo "no fuzz target '$target'; targets: $(ls Sources | tr '\n' ' ')" >&2
  exit 2
fi
case "$seconds" in
  ''|*[!0-9]*) echo "SECONDS must be a whole number of seconds, got '$seconds'" >&2; exit 2 ;;
esac

# Only the target's own product and its dependencies are built (with the sanitizers).
#
# `-Xswiftc -sanitize=fuzzer,address` is what makes the Swift code coverage-instrumented: SwiftPM
# turns `--sanitize=fuzzer --sanitize=address` into two `-sanitize=` options (from a Set, in an order
# that changes from one planning of the build to the next), and swift-driver 6.3 hands the frontend
# only the last of them. When that was `-sanitize=address`, the modules compiled in that planning
# had no coverage and libFuzzer mutated blindly. One combined option, last on the line, gives every
# Swift module both. The `--sanitize` options stay: they instrument the C targets and link the
# libFuzzer and AddressSanitizer runtimes.
build=(swift build -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
# The same Set order in every planning: otherwise half the plannings swap the two `--sanitize`
# options, every command line changes, and the whole build (30 minutes here) runs again. The fuzz
# targets inherit it too, so that an input hashes (and so runs) the same way every time.
export SWIFT_DETERMINISTIC_HASHING=1

# Refuses a build whose Swift modules lack coverage counters: a module compiled without
# `-sanitize=fuzzer` has no object with a `__sancov_cntrs` section, and libFuzzer would mutate
# blindly where it runs. Checked: this package's targets and pendo-replay's own modules.
check_instrumented() {
  local module objects missing=()
  for module in "$@"; do
    objects=(.build/debug/"$module".build/*.swift.o)
    [ -e "${objects[0]}" ] || continue
    local found=no object
    for object in "${objects[@]}"; do
      # grep reads all of readelf's output (no -q): under pipefail, an early exit's SIGPIPE to
      # readelf would count as no match.
      if readelf -S --wide "$object" 2>/dev/null | grep __sancov_cntrs > /dev/null; then found=yes; break; fi
    done
    [ "$found" = yes ] || missing+=("$module")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Fuzz/run.sh: no coverage instrumentation in ${missing[*]} (compiled without -sanitize=fuzzer);" \
      "libFuzzer would run blind. Delete Fuzz/.build and build again with this script." >&2
    exit 3
  fi
}
own_modules=(ReplayCommon PendoEvents DataPrep Reports LoadDriver InletEmulator)

if [ "$target" = all ]; then
  "${build[@]}"
  check_instrumented "${own_modules[@]}" $(ls Sources)
  exit 0
fi
"${build[@]}" --product "$target"
check_instrumented "${own_modules[@]}" "$target"
[ "$seconds" -eq 0 ] && exit 0

case "$target" in
  FuzzCorpusReader|FuzzJSONSyntax|FuzzDataPrepJSON|FuzzBatchDocument) dict=json.dict ;;
  FuzzExpression) dict=expression.dict ;;
  FuzzMappingSet|FuzzXDMSchema) dict=mapping.dict ;;
  FuzzDatePattern) dict=date-pattern.dict ;;
  FuzzThreshold|FuzzDuration|FuzzStages) dict=threshold.dict ;;
  FuzzResponseParser) dict=http.dict ;;
  FuzzEmulatorRoutes) dict=routes.dict ;;
  FuzzHdrHistogram) dict= ;;
  *) dict= ;;
esac

corpus=.corpus/$target
artifacts=artifacts/$target
mkdir -p "$corpus" "$artifacts"
# Leak checks are off, per input (-detect_leaks=0) and at exit (ASAN_OPTIONS): Foundation's
# NSRegularExpression on Linux never frees the ICU pattern under it (`_CFRegularExpressionCreate`),
# which LeakSanitizer reports at the first regex an input builds, and at the end of any run that
# built one (exit 1, with an empty "crash" file). Leaks of our own show as growing rss instead.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/")
[ -n "$dict" ] && flags+=(-dict="Dictionaries/$dict")
seeds=()
[ -d "Seeds/$target" ] && seeds=("Seeds/$target")
# The run's log (libFuzzer's stderr, shown on stdout as it runs) is kept in artifacts/TARGET/run.log
# and read after the run: a run with no coverage feedback fails here even when the build check
# passed (libFuzzer says "no interesting inputs ... Is the code instrumented for coverage?" or
# shows `INITED cov: 0`).
log="$artifacts/run.log"
set +e
".build/debug/$target" "${flags[@]}" "$@" "$corpus" "${seeds[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if grep -q "Is the code instrumented for coverage" "$log"; then
  echo "Fuzz/run.sh: $target ran without coverage feedback (libFuzzer: no interesting inputs); see $log" >&2
  exit 3
fi
inited=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -n 1)
if [ -z "$inited" ] || [ "$inited" -eq 0 ]; then
  echo "Fuzz/run.sh: $target shows no covered edges at start (INITED cov: ${inited:-none}); see $log" >&2
  exit 3
fi
exit "$status"
