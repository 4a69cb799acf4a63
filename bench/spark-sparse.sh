#!/usr/bin/env bash
# L2-regularized logistic regression on a sparse LIBSVM table on Spark: MLlib's LogisticRegression
# (Spark's libsvm source) beside matcalc's minimize (--table DIR.libsvm --data X=features --data y=label)
# on the same files, in the same SparkSession, the same objective; local[1] and local[2] by default.
# The data are synthetic and seeded: ROWS rows, FEATURES features, NNZ non-zeros a row, written once
# under target/spark-bench/. Writes bench/RESULTS-spark.md's sparse table to stdout.
#   bench/spark-sparse.sh ROWS FEATURES NNZ_PER_ROW [MASTER...]    (e.g. 100000 10000 20 local[1] local[2])
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
cd "$here"
if [ $# -lt 3 ]; then
  echo "usage: bench/spark-sparse.sh ROWS FEATURES NNZ_PER_ROW [MASTER...]" >&2
  exit 2
fi
mkdir -p target
export SPARK_LOCAL_IP=127.0.0.1   # Spark stays on loopback
# One BLAS thread per Spark task, as ./matcalc --spark runs (both tools share the JVM, so both get it)
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
rows="$1"; features="$2"; nnz="$3"; shift 3
masters=("$@"); [ ${#masters[@]} -gt 0 ] || masters=("local[1]" "local[2]")
mvn -q -B -DskipTests -pl spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test > target/spark-sparse-bench-build.log 2>&1 \
  || { tail -30 target/spark-sparse-bench-build.log; exit 3; }
exec "$JAVA_HOME/bin/java" -Xmx6g --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector \
  -cp "spark/target/test-classes:spark/target/classes:core/target/classes:$(cat spark/target/bench-classpath.txt)" \
  dev.matcalc.spark.SparkSparseBench "$rows" "$features" "$nnz" "${masters[@]}"
