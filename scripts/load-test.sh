#!/usr/bin/env bash
# Load test: N sessions at once, each repeating initialize -> hub__analyze_prompt -> tools/list -> tools/call -> delete.
#   scripts/load-test.sh [--sessions 100] [--seconds 30] [--think-ms 1000] [--warmup-seconds 5] [--url URL --tool NAME --args JSON --expect TEXT --prompt TEXT]
#   (--think-ms is the pause between a session's rounds, as a user would; 0 saturates the hub to measure capacity)
# Soak test: many tool calls and analyses, with the hub's RSS before, during and after.
#   scripts/load-test.sh --soak [--calls 1000000] [--analyses 100000] [--concurrency 16]
# Without --url the hub jar is started (with --jvm "OPTIONS" if given) in front of our stdio fixture server.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.classpath)" io.mcphub.gateway.bench.LoadTest "$@"
