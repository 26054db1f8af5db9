#!/usr/bin/env bash
# Builds the example categorizer plugin into target/name-match-categorizer.jar (needs the project built once:
# mvn -B -q -DskipTests install). Use it with: java -jar gateway/target/mcp-hub.jar --plugins examples/categorizer-plugin/target
set -euo pipefail
cd "$(dirname "$0")"
root=../..
api=$(ls "$root"/categorizer-api/target/categorizer-api-*.jar | grep -v tests | head -1)
vertx=$(ls ~/.m2/repository/io/vertx/vertx-core/*/vertx-core-*.jar | grep -v sources | tail -1)
rm -rf target && mkdir -p target/classes
javac --release 17 -cp "$api:$vertx" -d target/classes $(find src/main/java -name '*.java')
cp -r src/main/resources/. target/classes/
jar cf target/name-match-categorizer.jar -C target/classes .
echo "built examples/categorizer-plugin/target/name-match-categorizer.jar"
