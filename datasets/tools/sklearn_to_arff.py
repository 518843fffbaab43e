#!/usr/bin/env python3
"""Convert scikit-learn's bundled digits and diabetes data files to ARFF.

Usage: sklearn_to_arff.py SKLEARN_DATA_DIR OUT_DIR

SKLEARN_DATA_DIR is the folder sklearn/datasets/data of a scikit-learn
installation or of the extracted Debian package python3-sklearn. Writes
OUT_DIR/digits.arff and OUT_DIR/diabetes_regression.arff.

Python 3 standard library only, so it runs without scikit-learn itself.
Output is deterministic: values are copied as the source text spells them
(no float round trip), rows keep their source order.
"""

import csv
import gzip
import os
import sys

DIGITS_HEADER = """\
% Optical Recognition of Handwritten Digits, 8x8 version as bundled with scikit-learn
% (sklearn/datasets/data/digits.csv.gz; sklearn.datasets.load_digits()).
% This is the test part of the UCI data set by E. Alpaydin and C. Kaynak (1998):
% https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits
% 32x32 bitmaps divided into 4x4 blocks; each value counts the set pixels in a block (0-16).
% pixelK = row (K-1)/8, column (K-1)%8 of the 8x8 grid. Class: the digit 0-9.
% Converted by datasets/tools/sklearn_to_arff.py.
"""

DIABETES_HEADER = """\
% Diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004), "Least Angle Regression",
% Annals of Statistics 32(2), 407-499; https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html
% As bundled with scikit-learn (sklearn/datasets/data/diabetes_data_raw.csv.gz and
% diabetes_target.csv.gz; sklearn.datasets.load_diabetes(scaled=False)).
% The values are the original, UNscaled measurements (load_diabetes() scales by default).
% age: years; sex: 1 or 2 (coded as in the source); bmi: body mass index;
% bp: average blood pressure; s1 tc total serum cholesterol; s2 ldl low-density lipoproteins;
% s3 hdl high-density lipoproteins; s4 tch total cholesterol / HDL; s5 ltg possibly log of
% serum triglycerides level; s6 glu blood sugar level.
% progression: quantitative measure of disease progression one year after baseline (target).
% Converted by datasets/tools/sklearn_to_arff.py.
"""

DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def check_number(token, where):
    """Fail on anything that is not a plain number, rather than writing a bad ARFF."""
    try:
        float(token)
    except ValueError:
        sys.exit(f"{where}: not a number: {token!r}")
    return token


def convert_digits(data_dir, out_path):
    src = os.path.join(data_dir, "digits.csv.gz")
    with gzip.open(src, "rt", encoding="ascii", newline="") as f:
        rows = [row for row in csv.reader(f) if row]
    for i, row in enumerate(rows, 1):
        if len(row) != 65:
            sys.exit(f"{src}: row {i} has {len(row)} columns, expected 65 (64 pixels + digit)")
        for v in row[:64]:
            # The UCI description promises integer counts 0..16; check instead of trusting it.
            if not v.isdigit() or not 0 <= int(v) <= 16:
                sys.exit(f"{src}: row {i}: pixel value {v!r} is not an integer 0-16")
        if row[64] not in [str(d) for d in range(10)]:
            sys.exit(f"{src}: row {i}: class {row[64]!r} is not a digit 0-9")
    if len(rows) != 1797:
        sys.exit(f"{src}: {len(rows)} rows, expected 1797")
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        out.write(DIGITS_HEADER)
        out.write("@relation digits\n\n")
        for k in range(1, 65):
            out.write(f"@attribute pixel{k} numeric\n")
        out.write("@attribute class {0,1,2,3,4,5,6,7,8,9}\n\n@data\n")
        for row in rows:
            out.write(",".join(row) + "\n")
    return len(rows)


def convert_diabetes(data_dir, out_path):
    src_x = os.path.join(data_dir, "diabetes_data_raw.csv.gz")
    src_y = os.path.join(data_dir, "diabetes_target.csv.gz")
    with gzip.open(src_x, "rt", encoding="ascii") as f:
        xs = [line.split() for line in f if line.strip()]
    with gzip.open(src_y, "rt", encoding="ascii") as f:
        ys = [line.strip() for line in f if line.strip()]
    if len(xs) != len(ys):
        sys.exit(f"{src_x} has {len(xs)} rows but {src_y} has {len(ys)}")
    if len(xs) != 442:
        sys.exit(f"{src_x}: {len(xs)} rows, expected 442")
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        out.write(DIABETES_HEADER)
        out.write("@relation diabetes_regression\n\n")
        for name in DIABETES_FEATURES:
            out.write(f"@attribute {name} numeric\n")
        out.write("@attribute progression numeric\n\n@data\n")
        for i, (x, y) in enumerate(zip(xs, ys), 1):
            if len(x) != 10:
                sys.exit(f"{src_x}: row {i} has {len(x)} columns, expected 10")
            for v in x:
                check_number(v, f"{src_x}: row {i}")
            # The target file spells integers as 1.510000000000000000e+02; write them as 151.
            target = float(check_number(y, f"{src_y}: row {i}"))
            y_text = str(int(target)) if target.is_integer() else repr(target)
            out.write(",".join(x) + "," + y_text + "\n")
    return len(xs)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    data_dir, out_dir = argv[1], argv[2]
    n = convert_digits(data_dir, os.path.join(out_dir, "digits.arff"))
    print(f"wrote {os.path.join(out_dir, 'digits.arff')}: {n} rows")
    n = convert_diabetes(data_dir, os.path.join(out_dir, "diabetes_regression.arff"))
    print(f"wrote {os.path.join(out_dir, 'diabetes_regression.arff')}: {n} rows")


if __name__ == "__main__":
    main(sys.argv)
