#!/usr/bin/env bash
# Regenerates the small datasets in datasets/ from two Debian (bookworm) packages:
#   python3-sklearn 1.2.1+dfsg-1 -> digits.arff, diabetes_regression.arff (via tools/sklearn_to_arff.py)
#   weka 3.6.14-3                -> iris.arff, diabetes.arff, cpu.arff (copied verbatim)
# The packages are only downloaded and unpacked into a temporary folder, never installed.
#
# Needs: apt-get (run 'apt-get update' once before), dpkg-deb, sha256sum, python3.
# Run from anywhere: bash datasets/regenerate-debian.sh
set -euo pipefail

SKLEARN_DEB="python3-sklearn=1.2.1+dfsg-1"
WEKA_DEB="weka=3.6.14-3"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/datasets-regen.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== Downloading $SKLEARN_DEB and $WEKA_DEB into $work"
# apt-get download writes into the current directory. Run as root it prints a harmless warning
# ("Download is performed unsandboxed as root ...") because the _apt user cannot write there.
(cd "$work" && apt-get download -q "$SKLEARN_DEB" "$WEKA_DEB")
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done

sk="$work/root/usr/lib/python3/dist-packages/sklearn/datasets/data"
wk="$work/root/usr/share/doc/weka/examples"

# sha256 of the source files as shipped in the pinned package versions: a different package
# version with different data must fail here instead of silently changing the data sets.
check() {
  local expected="$1" file="$2" actual
  actual="$(sha256sum "$file" | cut -d' ' -f1)"
  if [[ "$actual" != "$expected" ]]; then
    echo "ERROR: sha256 mismatch for $file: expected $expected, got $actual" >&2
    exit 1
  fi
  echo "   sha256 ok  ${file#"$work/root"}"
}
check 46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a "$sk/digits.csv.gz"
check fc08fc59c1cbfe65550d9ebb36321d505de9e8f004bf92c1566d2908962f08ff "$sk/diabetes_data_raw.csv.gz"
check bf1ddd1f9d377278450a5f02c24b5e77b1501f2ad673fe9fdf4c4090d27eb5cc "$sk/diabetes_target.csv.gz"
check 7d34ba556497e9dc28335ea6628a37d1dbcba090a1ae20dc2de9c7032d199153 "$wk/iris.arff"
check 01c38ba089121a39a4ee5bafb3c9bddd71e4337d8f0268c85a999a37c1a027e6 "$wk/diabetes.arff"
check 3f5c572fa5d4205ca1769f69851bcefa33f7b62df64a65823c5be9e58970c993 "$wk/cpu.arff"

echo "== Converting"
python3 "$here/tools/sklearn_to_arff.py" "$sk" "$here"
for f in iris.arff diabetes.arff cpu.arff; do
  cp "$wk/$f" "$here/$f"
  echo "copied $here/$f"
done

echo "== Result"
(cd "$here" && sha256sum digits.arff diabetes_regression.arff iris.arff diabetes.arff cpu.arff)
