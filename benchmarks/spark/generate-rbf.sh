#!/usr/bin/env bash
# The larger tabular data set of BENCHMARKS.md's issue-13 section. SYNTHETIC: no large real tabular set
# (covertype, HIGGS, ...) can be downloaded on the project's machine, so Weka's own generator RandomRBF writes one
# with a fixed seed: 20 numeric attributes, 5 classes, 50 centroids (all numeric, so MLlib and TrainOnSpark read the
# same values with no nominal encoding to choose). One stream of ROWS + TEST_ROWS rows (seed 1) is split: the first
# ROWS rows are the training file, the rest the test file (RandomRBF's seed also draws the centroids, so a test
# file from another seed would be another problem). The files go to target/rbf/ and are not committed.
# Usage: benchmarks/spark/generate-rbf.sh [rows (default 1000000)] [test rows (default 100000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
TEST_ROWS=${2:-100000}
[ -f target/classpath.txt ] || mvn -B -q -DskipTests package
OUT=target/rbf
mkdir -p "$OUT"
java -cp "$(cat target/classpath.txt)" weka.datagenerators.classifiers.classification.RandomRBF \
  -r rbf -S 1 -n $((ROWS + TEST_ROWS)) -a 20 -c 5 -C 50 -o "$OUT/rbf-all.arff"
# the header (Weka's comment lines with the centroids, the declarations, @data) goes to both files, then the first
# ROWS data lines to the training file and the rest to the test file
awk -v rows="$ROWS" -v train="$OUT/rbf-train.arff" -v test="$OUT/rbf-test.arff" '
  !data { print > train; print > test; if (tolower($0) ~ /^@data/) data = 1; next }
  /^[[:space:]]*$/ { next }
  { n++; print > (n <= rows ? train : test) }' "$OUT/rbf-all.arff"
rm "$OUT/rbf-all.arff"
echo "$OUT/rbf-train.arff: $(grep -c -v -e '^[@%]' -e '^[[:space:]]*$' "$OUT/rbf-train.arff") rows;" \
  "$OUT/rbf-test.arff: $(grep -c -v -e '^[@%]' -e '^[[:space:]]*$' "$OUT/rbf-test.arff") rows"
