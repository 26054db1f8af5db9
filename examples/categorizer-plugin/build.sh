#!/usr/bin/env bash
# Builds the example categorizer plugin into target/name-match-categorizer.jar. Maven builds categorizer-api from this
# checkout and names the jars it compiles against, so nothing needs `mvn install` and whichever local repository
# Maven is set to use is used (settings.xml, MAVEN_OPTS, or arguments given here, e.g. -o -Dmaven.repo.local=DIR).
# usage: examples/categorizer-plugin/build.sh [MAVEN ARGUMENTS...]
# Use it with: java -jar gateway/target/mcp-hub.jar --plugins examples/categorizer-plugin/target
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
mvn -B -q -f "$root/pom.xml" -pl categorizer-api -am compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile=target/plugin.classpath "$@"
classpath="$root/categorizer-api/target/classes:$(cat "$root/categorizer-api/target/plugin.classpath")"
rm -rf target && mkdir -p target/classes
javac --release 17 -cp "$classpath" -d target/classes $(find src/main/java -name '*.java')
cp -r src/main/resources/. target/classes/
jar cf target/name-match-categorizer.jar -C target/classes .
echo "built examples/categorizer-plugin/target/name-match-categorizer.jar"
