#!/usr/bin/env bash
# Runs the hub's real selection path (hub__analyze_prompt, then tools/list, per task) over a tool-selection set in
# the toolsel format and prints recall, all-needed rate, tools listed and analysis latency per kind.
# usage: scripts/eval-selection.sh CATALOG.json TASKS.jsonl [--config hub.json] [--out selections.jsonl] [--trace analyses.jsonl] [--warmup N]
#   --config: a hub config whose toolFiltering applies (mcpServers are replaced by the catalog's servers)
#   --out: also writes one {"id", "listed"} line per task (the toolsel scorer's input)
#   --trace: also writes one {"id", "result"} line per task: the analysis's structuredContent (why a tool was listed)
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,7p' "$0" >&2
  exit 2
fi
catalog=$(realpath "$1")
tasks=$(realpath "$2")
shift 2
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config|--out|--trace) args+=("$1" "$(realpath -m "$2")"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
cd "$(dirname "$0")/.."
# One reactor build: the categorizer modules come from their target/classes, nothing is installed into ~/.m2.
mvn -B -q -pl gateway -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/eval.classpath
java -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/eval.classpath)" \
  io.mcphub.gateway.bench.SelectionEval "$catalog" "$tasks" "${args[@]}"
