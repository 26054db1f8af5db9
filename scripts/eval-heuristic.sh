#!/usr/bin/env bash
# Scores the heuristic categorizer on a labelled prompt set (eval rule of the project's prompt set) and
# prints per-prompt latency. usage: scripts/eval-heuristic.sh [FILE.jsonl] [THRESHOLD]
set -euo pipefail
cd "$(dirname "$0")/.."
file=$(realpath "${1:-categorizer-heuristic/src/test/resources/eval/prompts-dev.jsonl}")
threshold=${2:-0.7}
mvn -B -q -DskipTests install -pl categorizer-api,categorizer-heuristic
mvn -B -q -pl categorizer-heuristic dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/eval.classpath
java -cp "categorizer-heuristic/target/test-classes:categorizer-heuristic/target/classes:$(cat categorizer-heuristic/target/eval.classpath)" \
  io.mcphub.categorizer.heuristic.EvalSet "$file" "$threshold" --misses --timing
