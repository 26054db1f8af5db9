#!/usr/bin/env bash
# What tool selection costs on a catalog of 1,000 tools (the catalog's servers, then copies of them until there are
# enough): hub__analyze_prompt latency through the hub's dispatcher (heuristic; p50/p99 per run, min of runs, the whole
# distribution, GC and process CPU per run), each step of an analysis timed alone, re-indexing after an upstream's
# list_changed (notification to searchable), and the heap and RSS the hub's tool list and index take.
# usage: scripts/bench-selection.sh [CATALOG.json TASKS.jsonl] [--tools N] [--runs N] [--warmup N] [--reindex-runs N]
#                                   [--config hub.json] [--jvm "OPTIONS"]
#   CATALOG, TASKS: a set in the toolsel format; default: the dev catalog and its guard tasks in the test resources
#   --jvm: options for the benchmark's JVM (default: -Xmx512m -XX:+UseG1GC)
# The hub logs as it would in production (one line per analysis); its log goes to gateway/target/bench-selection.log.
set -euo pipefail
cd "$(dirname "$0")/.."
catalog=gateway/src/test/resources/toolsel/catalog.json
tasks=gateway/src/test/resources/toolsel/tasks-guard.jsonl
if [ $# -ge 2 ] && [ "${1#--}" = "$1" ]; then
  catalog=$(realpath "$1")
  tasks=$(realpath "$2")
  shift 2
fi
jvm="-Xmx512m -XX:+UseG1GC"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jvm) jvm="$2"; shift 2 ;;
    --config) args+=("$1" "$(realpath -m "$2")"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
# One reactor build: the categorizer modules come from their target/classes, nothing is installed into ~/.m2.
mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/eval.classpath
# shellcheck disable=SC2086
java $jvm -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/eval.classpath)" \
  io.mcphub.gateway.bench.SelectionBenchmark "$catalog" "$tasks" "${args[@]}" 2>gateway/target/bench-selection.log
