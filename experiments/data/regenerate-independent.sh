#!/usr/bin/env bash
# Builds the nine "independent" classification data sets of the README's -tune check on data that shaped none
# of -tune's defaults (labor, soybean, segment-challenge, unbalanced, wine, wdbc, sonar, vehicle, vowel) into a
# folder of your choice (default target/independent-data, not tracked). They are not shipped: they only serve
# that check. Sources, all pinned Debian bookworm packages, downloaded into a temporary folder:
#   weka 3.6.14-3                -> labor, soybean, segment-challenge, unbalanced (Weka's example ARFFs, verbatim)
#   python3-sklearn 1.2.1+dfsg-1 -> wine, wdbc (sklearn/datasets/data/*.csv, converted)
#   r-cran-mlbench 2.1-3-1       -> sonar, vehicle, vowel (R data files, converted with Rscript)
#
# Needs: apt-get with Debian bookworm's sources (the pinned versions are bookworm's; run 'apt-get update' once
# before), dpkg-deb, sha256sum, python3 (standard library only) and R:
# 'apt-get install r-base-core' (R reads mlbench's .rda files; the mlbench package itself is only downloaded,
# like the others).
# Usage: bash experiments/data/regenerate-independent.sh [OUTPUT-FOLDER]
set -euo pipefail

out="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/target/independent-data}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
command -v Rscript > /dev/null || { echo "Rscript not found: apt-get install r-base-core" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/independent-data.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download -q "weka=3.6.14-3" "python3-sklearn=1.2.1+dfsg-1" "r-cran-mlbench=2.1-3-1")
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done
wk="$work/root/usr/share/doc/weka/examples"
sk="$work/root/usr/lib/python3/dist-packages/sklearn/datasets/data"

# Weka's files verbatim; the check of all nine at the end covers them
for f in labor soybean segment-challenge unbalanced; do
  cp "$wk/$f.arff" "$out/$f.arff"
done

# scikit-learn's CSVs: a line "rows,columns,class names...", then rows of features and a class index.
python3 - "$sk" "$out" <<'PY'
import csv, os, sys
source, target = sys.argv[1], sys.argv[2]
for csv_name, name, rows_expected in (("wine_data.csv", "wine", 178), ("breast_cancer.csv", "wdbc", 569)):
    with open(os.path.join(source, csv_name), newline="") as f:
        rows = list(csv.reader(f))
    count, columns, classes = int(rows[0][0]), int(rows[0][1]), rows[0][2:]
    data = rows[1:]
    assert count == len(data) == rows_expected, (csv_name, count, len(data))
    with open(os.path.join(target, name + ".arff"), "w", newline="\n") as out:
        out.write("%% %s as shipped in scikit-learn 1.2.1's sklearn/datasets/data/%s (UCI Machine Learning Repository)\n"
                  % (name, csv_name))
        out.write("@relation %s\n\n" % name)
        for i in range(columns):
            out.write("@attribute x%d numeric\n" % (i + 1))
        out.write("@attribute class {%s}\n\n@data\n" % ",".join(classes))
        for row in data:
            assert len(row) == columns + 1, row
            out.write(",".join(v.strip() for v in row[:columns]) + "," + classes[int(row[columns])] + "\n")
PY

# mlbench's R data files: the data frames written as ARFF by R itself (factors nominal, NA as '?').
R_LIBS="$work/root/usr/lib/R/site-library" Rscript - "$out" <<'R'
library(mlbench)
target <- commandArgs(trailingOnly = TRUE)[1]
arff <- function(df, name) {
  f <- file(file.path(target, paste0(name, ".arff")), "w")
  cat("% ", name, " from the R package mlbench 2.1-3 (UCI Machine Learning Repository)\n", file = f, sep = "")
  cat("@relation ", name, "\n\n", file = f, sep = "")
  for (n in names(df)) {
    v <- df[[n]]
    type <- if (is.factor(v)) paste0("{", paste0("'", levels(v), "'", collapse = ","), "}") else "numeric"
    cat("@attribute ", make.names(n), " ", type, "\n", file = f, sep = "")
  }
  cat("\n@data\n", file = f)
  cols <- lapply(df, function(v) {
    s <- if (is.factor(v)) paste0("'", as.character(v), "'") else format(v, digits = 15, trim = TRUE)
    s[is.na(v)] <- "?"
    s
  })
  writeLines(do.call(paste, c(cols, sep = ",")), f)
  close(f)
}
data(Sonar); arff(Sonar, "sonar")
data(Vehicle); arff(Vehicle, "vehicle")
data(Vowel); arff(Vowel, "vowel")
R

# The files the README's results were measured on: another package version, or a conversion by another R or
# Python that writes other bytes, must stop here.
(cd "$out" && sha256sum --check --strict) <<'SUMS'
5d2733aa879fdab2c2108efeedc874e6ffee6bcc121472eda9002096dddab36f  labor.arff
5645bcd667e9f9efa65a2a45aabb8ed7eb339d9b6e3fa6f7c92a58c4862f0227  soybean.arff
f83454c706ab4ebabe66673975bec8de15925bdb448d475da2a26aad06694cff  segment-challenge.arff
bfe38e1026d3726e269b2717745809730caa31f5f2232532841a26a76ade4e76  unbalanced.arff
221252de7bbf47783903f09367e5d3d2265a22cca9cab9f90b6ce42644f297d3  wine.arff
c504f0b3d6ed3722be57908261ee32f4485e1473327e4831156da7b00735ec34  wdbc.arff
0920e9d31dd1deb251cff16999b54731a9c417d87ced7cf5dc6b4f1d4e41dd67  sonar.arff
687384b2dee182757757267cd0c0bf0689246449b9914265c6cde17197fef042  vehicle.arff
5a72fbae72a595e02671556b74848bf10338fa9f24ef214e23f16d4a85e76e88  vowel.arff
SUMS
