#!/usr/bin/env python3
"""The table of benchmarks/off-cost.sh: reads its raw file (one JSON line per run; other lines are ignored) and
prints, per measurement (wall-clock seconds, then the process's CPU seconds when recorded), the median and range of
each build's seconds, the median and range of the per-pair ratios current / baseline, in how many pairs the current
build was slower, and whether every run of both builds predicted the same bits (equal hashes)."""
import json
import statistics
import sys

MEASUREMENTS = [
    ("classifier_train", "classifier: training, MNIST 60000 x 784, default options, -max-iter E"),
    ("classifier_batch", "classifier: distributionsForInstances, MNIST test 10000 rows (median of passes)"),
    ("classifier_rows", "classifier: distributionForInstance row by row, 10000 rows (first pass)"),
    ("classifier_rows_later", "classifier: distributionForInstance row by row, later passes (median)"),
    ("regressor_train", "regressor: training, MNIST with the digit as numeric target, -max-iter E"),
    ("regressor_batch", "regressor: distributionsForInstances, 10000 rows (median of passes)"),
    ("regressor_rows", "regressor: distributionForInstance row by row, 10000 rows (first pass)"),
    ("regressor_rows_later", "regressor: distributionForInstance row by row, later passes (median)"),
]
HASHES = ["classifier_batch_hash", "classifier_rows_hash", "regressor_batch_hash", "regressor_rows_hash"]


def main(path):
    runs = []
    with open(path) as f:
        for line in f:
            if line.startswith("{"):
                runs.append(json.loads(line))
    pairs = sorted({r["pair"] for r in runs})
    by = {(r["pair"], r["build"]): r for r in runs}
    epochs = runs[0]["epochs"]
    print("| measurement (seconds) | baseline median [min, max] | current median [min, max] "
          "| current / baseline: median of pairs [min, max] | pairs with current slower |")
    print("| --- | --- | --- | --- | --- |")
    present = [(key, label) for key, label in MEASUREMENTS if key in runs[0]]
    rows = list(present)
    if "classifier_train_cpu" in runs[0]:
        rows += [(key + "_cpu", label.split(":")[0] + ", CPU seconds of the process:" + label.split(":", 1)[1])
                 for key, label in present]
    for key, label in rows:
        base = [by[(p, "baseline")][key] for p in pairs]
        cur = [by[(p, "current")][key] for p in pairs]
        ratios = [c / b for b, c in zip(base, cur)]
        print("| %s | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %d of %d |" % (
            label.replace("-max-iter E", "-max-iter %d" % epochs), statistics.median(base), min(base), max(base),
            statistics.median(cur), min(cur), max(cur), statistics.median(ratios), min(ratios), max(ratios),
            sum(r > 1 for r in ratios), len(ratios)))
    print()
    print("%d pairs; load average (1 min) at the end of each run: %.2f to %.2f" % (
        len(pairs), min(r["load1"] for r in runs), max(r["load1"] for r in runs)))
    for key in HASHES:
        values = sorted({r[key] for r in runs})
        print("%s: %s" % (key, "identical in all %d runs of both builds (%s)" % (len(runs), values[0])
                          if len(values) == 1 else "DIFFERENT: %s" % ", ".join(values)))


if __name__ == "__main__":
    main(sys.argv[1])
