#!/usr/bin/env bash
# L2-regularized logistic regression on Spark: MLlib's LogisticRegression beside matcalc's minimize
# on the same Parquet table, in the same SparkSession, the same objective; local[1] and local[2] by
# default. Writes bench/RESULTS-spark.md's table to stdout.
#   bench/spark.sh [ROWS] [COLS] [--scales 1,2,4] [--mllib-scales 1] [--block-rows 4096] [MASTER...]
#        (default 200000 50, scale 1, local[1] local[2]; data ×k for each scale k, MLlib at --mllib-scales,
#        default the first scale; BENCH_HEAP sets the JVM's heap, default 12g)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
cd "$here"
mkdir -p target
export SPARK_LOCAL_IP=127.0.0.1   # Spark stays on loopback
# One BLAS thread per Spark task, as ./matcalc --spark runs (both tools share the JVM, so both get it)
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
rows="${1:-200000}"; cols="${2:-50}"; shift $(( $# > 2 ? 2 : $# )) || true
rest=("$@")   # masters and options; SparkBench defaults to local[1] local[2]
mvn -q -B -DskipTests -pl spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test > target/spark-bench-build.log 2>&1 \
  || { tail -30 target/spark-bench-build.log; exit 3; }
exec "$JAVA_HOME/bin/java" -Xmx${BENCH_HEAP:-12g} --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector \
  -cp "spark/target/test-classes:spark/target/classes:core/target/classes:$(cat spark/target/bench-classpath.txt)" \
  dev.matcalc.spark.SparkBench "$rows" "$cols" ${rest[@]+"${rest[@]}"}
