#!/usr/bin/env bash
# Regenerates the JDK's answers that JDKDifferentialTests reads (issue 16): seeded random calls of
# the Data Prep functions evaluated by scripts/jdk-oracle/DataPrepOracle.java with the JDK's own
# classes. Needs Java 17 or later (`java` runs the single source file; no build step).
# usage: scripts/jdk-golden.sh [SEED] [COUNT] [OUTPUT]
#   default: seed 16, 6000 cases, Tests/DataPrepTests/JDK/jdk-golden.jsonl
# Another seed into another file checks the library on inputs it was not tuned on:
#   scripts/jdk-golden.sh 2027 6000 /tmp/holdout.jsonl
#   JDK_GOLDEN=/tmp/holdout.jsonl swift test --filter JDKDifferentialTests
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-16}
count=${2:-6000}
output=${3:-Tests/DataPrepTests/JDK/jdk-golden.jsonl}
java -version 2>&1 | head -1 >&2
java scripts/jdk-oracle/DataPrepOracle.java "$seed" "$count" > "$output.tmp"
mv "$output.tmp" "$output"
echo "wrote $(wc -l < "$output") cases (seed $seed) to $output" >&2
