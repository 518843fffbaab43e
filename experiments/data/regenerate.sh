#!/usr/bin/env bash
# Regenerates the extra benchmark data sets of the Experimenter comparisons (experiments/data/) from two
# Debian (bookworm) packages, which are only downloaded and unpacked into a temporary folder, never installed:
#   weka 3.6.14-3               -> breast-cancer, credit-g, glass, ionosphere, vote (Weka's classic ARFFs, verbatim)
#   python3-sklearn 1.2.1+dfsg-1 -> boston_housing.arff (converted from boston_house_prices.csv)
# The other data sets of the comparisons live in datasets/ (see datasets/README.md).
#
# Needs: apt-get (run 'apt-get update' once before), dpkg-deb, sha256sum, python3 (standard library only).
# Run from anywhere: bash experiments/data/regenerate.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/experiments-data.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download -q "weka=3.6.14-3" "python3-sklearn=1.2.1+dfsg-1")
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done
wk="$work/root/usr/share/doc/weka/examples"
sk="$work/root/usr/lib/python3/dist-packages/sklearn/datasets/data"

# Pinned inputs: another package version with other data must stop here.
sha256sum --check --strict <<SUMS
f37aea89243c1ea4fff82269ccd0a677afd5d88966bd927295be9f774a15e9d9  $wk/breast-cancer.arff
bd94085134e4eb845c96b34c93ed65a223f89d089bacb273ef96f57509ce0bed  $wk/credit-g.arff
db7a3d381da2ef74c228fc4e910e2169b8a0dca0507c2dfdde782fd2f5347829  $wk/glass.arff
bb8cf3bb9a1bf2aa6434b71ec2e1b2c254c90e0c0cbd7c87f62bf047a0798b43  $wk/ionosphere.arff
ee647a77207729d73d02cea20646afcd274fe9de95711cbf9909c903636cd65f  $wk/vote.arff
d98212636026544fc9b9c0f372e5f819872e6fa6fa757ab025efdda22180f2d6  $sk/boston_house_prices.csv
SUMS

for f in breast-cancer credit-g glass ionosphere vote; do
  cp "$wk/$f.arff" "$here/$f.arff"
done

# boston_house_prices.csv: a "506,13" count line, a header line, then 506 rows of 13 features and MEDV.
python3 - "$sk/boston_house_prices.csv" "$here/boston_housing.arff" <<'PY'
import csv, sys
source, target = sys.argv[1], sys.argv[2]
with open(source, newline="") as f:
    rows = list(csv.reader(f))
count = int(rows[0][0])
header, data = rows[1], rows[2:]
assert len(data) == count == 506 and len(header) == 14, (count, len(data), len(header))
with open(target, "w", newline="\n") as out:
    out.write("% Boston house prices (Harrison and Rubinfeld, 1978), as shipped in scikit-learn 1.2.1's\n")
    out.write("% sklearn/datasets/data/boston_house_prices.csv. Target: MEDV, median home value in $1000s.\n")
    out.write("% Converted by experiments/data/regenerate.sh; see experiments/README.md for this data set's caveats.\n")
    out.write("@relation boston_housing\n\n")
    for name in header:
        out.write("@attribute %s numeric\n" % name)
    out.write("\n@data\n")
    for row in data:
        assert len(row) == 14, row
        out.write(",".join(v.strip() for v in row) + "\n")
PY

(cd "$here" && sha256sum breast-cancer.arff credit-g.arff glass.arff ionosphere.arff vote.arff boston_housing.arff)
