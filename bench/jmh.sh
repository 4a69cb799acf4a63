#!/usr/bin/env bash
# Runs matcalc's JMH benchmarks (not part of the test suite). Arguments go to JMH, e.g.
#   bench/jmh.sh DeriveBenchmark -p problem='x'"'"'*A*x|x'      (default: all benchmarks, 1 fork)
#   bench/jmh.sh -wi 1 -i 1 -f 1 DeriveBenchmark              (a quick smoke run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
cd "$here"
mkdir -p target
# The benchmarks live in the core module's test tree.
mvn -q -B -DskipTests -pl core test-compile dependency:build-classpath -Dmdep.outputFile="$here/target/test-classpath.txt" \
  -Dmdep.includeScope=test > target/jmh-build.log 2>&1 || { tail -30 target/jmh-build.log; exit 3; }
exec "$JAVA_HOME/bin/java" -cp "core/target/test-classes:core/target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main "$@"
