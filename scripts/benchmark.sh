#!/usr/bin/env bash
# tools/call through the hub vs. the same stdio upstream called directly, interleaved in one run;
# or, with --analyze, hub__analyze_prompt latency and when list_changed arrives.
# usage: scripts/benchmark.sh [--calls N] [--rounds R] [--seconds S] [--jvm "OPTIONS"]
#        scripts/benchmark.sh --analyze [--calls N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
main=io.mcphub.gateway.bench.CallBenchmark
if [ "${1:-}" = "--analyze" ]; then main=io.mcphub.gateway.bench.AnalyzeBenchmark; shift; fi
java -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.classpath)" "$main" "$@"
