#!/usr/bin/env bash
# Scores the heuristic categorizer on a labelled prompt set (eval rule of the project's prompt set) and
# prints per-prompt latency. usage: scripts/eval-heuristic.sh [FILE.jsonl] [THRESHOLD]
set -euo pipefail
cd "$(dirname "$0")/.."
file=$(realpath "${1:-categorizer-heuristic/src/test/resources/eval/prompts-dev.jsonl}")
threshold=${2:-0.7}
# one reactor build (the parent POM and categorizer-api come from this checkout): nothing needs `mvn install`;
# Maven's own settings apply (settings.xml, MAVEN_OPTS such as -Dmaven.repo.local=DIR)
mvn -B -q -pl categorizer-heuristic -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/eval.classpath
java -cp "categorizer-heuristic/target/test-classes:categorizer-heuristic/target/classes:$(cat categorizer-heuristic/target/eval.classpath)" \
  io.mcphub.categorizer.heuristic.EvalSet "$file" "$threshold" --misses --timing
