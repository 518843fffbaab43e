#!/usr/bin/env bash
# The Spark comparison of BENCHMARKS.md ("Training on Spark"): MLlib's MultilayerPerceptronClassifier with its own
# setup next to TrainOnSpark with the same setup and with the package's defaults, same data, master and partitions.
# Usage: benchmarks/spark/run.sh [master] [train.arff[.gz]] [test.arff[.gz]] [hidden] [lbfgs iterations] \
#          [epochs of the defaults run] [partitions ...]
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
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
  java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
exec java -Xmx4g -XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED $OPENS \
  -cp "target/classes:target/test-classes:$(cat target/spark-bench-classpath.txt)" \
  org.wekamlp.spark.MllibComparison "$MASTER" "$TRAIN" "$TEST" "$HIDDEN" "$ITERATIONS" "$EPOCHS" $PARTITIONS
