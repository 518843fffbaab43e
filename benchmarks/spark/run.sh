#!/usr/bin/env bash
# The Spark comparison of BENCHMARKS.md ("Training on Spark"): MLlib's MultilayerPerceptronClassifier with its own
# setup next to TrainOnSpark with the same setup and with the package's defaults, same data, master and partitions.
# Usage: benchmarks/spark/run.sh [master] [train.arff[.gz]] [test.arff[.gz]] [hidden] [lbfgs iterations] \
#          [epochs of the defaults run] [partitions ...]
# A partition count may carry its own counts, P:ITERATIONS or P:ITERATIONS:EPOCHS (0 skips that part): e.g.
# "1:10 2:10 4:10 8:10 2:30:0" is a 10-iteration sweep plus 30 lbfgs iterations at 2 partitions without the
# defaults run. The class must be the last attribute. HEAP (default 4g) sets the JVM's -Xmx; SEED (default 1) the
# first weights' seed of both libraries.
set -euo pipefail
cd "$(dirname "$0")/../.."
MASTER=${1:-local[2]}
TRAIN=${2:-datasets/mnist_train.arff.gz}
TEST=${3:-datasets/mnist_test.arff.gz}
HIDDEN=${4:-100}
ITERATIONS=${5:-30}
EPOCHS=${6:-10}
shift $(( $# < 6 ? $# : 6 ))
PARTITIONS=${*:-2 8}
mvn -B -q -Pspark-bench -DskipTests test-compile
# MLlib's products run on the system's BLAS through netlib's JNI (Debian's OpenBLAS 0.3.21 here), which does not
# recognise this machine's CPU without OPENBLAS_CORETYPE (as for scikit-learn in benchmarks/run_benchmarks.py);
# the package's own OpenBLAS (JavaCPP's) reads the same variable. Without a system BLAS (Debian: apt-get install
# libopenblas0-pthread) MLlib falls back to pure Java, several times slower; the first output line names MLlib's BLAS. Set it empty to leave it unset.
if [ -n "${OPENBLAS_CORETYPE-SkylakeX}" ]; then export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-SkylakeX}; fi
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
  java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
exec java -Xmx"${HEAP:-4g}" -XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED $OPENS \
  -cp "target/classes:target/test-classes:$(cat target/spark-bench-classpath.txt)" \
  org.wekamlp.spark.MllibComparison "$MASTER" "$TRAIN" "$TEST" "$HIDDEN" "$ITERATIONS" "$EPOCHS" $PARTITIONS
