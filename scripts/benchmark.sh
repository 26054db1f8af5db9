#!/usr/bin/env bash
# tools/call through the hub vs. the same stdio upstream called directly, interleaved in one run.
# usage: scripts/benchmark.sh [--calls N] [--rounds R] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.classpath)" \
  io.mcphub.gateway.bench.CallBenchmark "$@"
