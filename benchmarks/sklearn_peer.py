#!/usr/bin/env python3
"""The scikit-learn peer of the end-to-end benchmark: one timed run, printed as one JSON object.

Trains scikit-learn's MLPClassifier (or MLPRegressor) on the inputs exactly as this package encodes them
(written by org.wekamlp.benchmarks.ExportEncoded), with the same architecture, solver, minibatch size and a
fixed number of epochs (the stopping rule cannot fire), in float64, then times predict_proba (predict for
regression) on the test rows. The number of BLAS threads is set by the caller through OPENBLAS_NUM_THREADS
(run_benchmarks.py does that before Python starts); threadpoolctl's report of it is included in the output.

Epoch times come from scikit-learn's own verbose output: each "Iteration n, loss = ..." line it prints at
the end of an epoch is time-stamped as it is written.

Usage: sklearn_peer.py --data DIR --task classification|regression [--hidden 100] [--epochs 10]
       [--seed 1] [--predict-repetitions 5]
"""
import argparse
import contextlib
import gc
import io
import json
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np


class EpochClock(io.TextIOBase):
    """A stdout stand-in that records when scikit-learn reports the end of an epoch."""

    def __init__(self):
        self.stamps = []

    def write(self, text):
        if text.startswith("Iteration"):
            self.stamps.append(time.perf_counter())
        return len(text)


def proc_status(field):
    """A memory figure of this process from /proc/self/status, in bytes (-1 if unavailable)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return -1


def reset_peak_rss():
    """Resets VmHWM to the current resident set (Linux 4.0 and later)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--task", choices=["classification", "regression"], required=True)
    parser.add_argument("--hidden", default="100")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--predict-repetitions", type=int, default=5)
    args = parser.parse_args()

    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from threadpoolctl import threadpool_info

    x_train = np.load(os.path.join(args.data, "X_train.npy"))
    y_train = np.load(os.path.join(args.data, "y_train.npy"))
    x_test = np.load(os.path.join(args.data, "X_test.npy"))
    y_test = np.load(os.path.join(args.data, "y_test.npy"))
    hidden = tuple(int(h) for h in args.hidden.split(","))
    common = dict(hidden_layer_sizes=hidden, activation="relu", solver="adam", alpha=1e-4, batch_size=200,
                  learning_rate_init=1e-3, max_iter=args.epochs, shuffle=True, random_state=args.seed, tol=1e-4,
                  n_iter_no_change=args.epochs + 1, early_stopping=False, verbose=True)
    if args.task == "classification":
        model = MLPClassifier(**common)
        target = y_train
    else:
        # this package standardizes the target by default; scikit-learn's user does it by hand
        y_mean, y_std = y_train.mean(), y_train.std()
        model = MLPRegressor(**common)
        target = (y_train - y_mean) / y_std

    for _ in range(3):
        gc.collect()
    baseline_rss = proc_status("VmRSS:")
    peak_reset = reset_peak_rss()
    clock = EpochClock()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        with contextlib.redirect_stdout(clock):
            model.fit(x_train, target)
        training_seconds = time.perf_counter() - start
    stamps = [start] + clock.stamps
    epoch_seconds = [b - a for a, b in zip(stamps, stamps[1:])]
    peak_rss = proc_status("VmHWM:") if peak_reset else -1

    predict = model.predict_proba if args.task == "classification" else model.predict
    # warm-up: the same rule as EndToEndBenchmark (calls until 1 s has passed, at least one)
    warm_up_end = time.perf_counter() + 1.0
    predict(x_test)
    while time.perf_counter() < warm_up_end:
        predict(x_test)
    predict_seconds = []
    outputs = None
    for _ in range(args.predict_repetitions):
        t = time.perf_counter()
        outputs = predict(x_test)
        predict_seconds.append(time.perf_counter() - t)

    result = {
        "implementation": "sklearn",
        "hidden": args.hidden,
        "epochs": args.epochs,
        "threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
        "train_rows": int(x_train.shape[0]),
        "test_rows": int(x_test.shape[0]),
        "encoded_columns": int(x_train.shape[1]),
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "blas": [{k: info.get(k) for k in ("internal_api", "version", "num_threads", "architecture")}
                 for info in threadpool_info() if info.get("user_api") == "blas"],
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""),
        "training_seconds": training_seconds,
        "epoch_seconds": epoch_seconds,
        "n_iter": int(model.n_iter_),
        "baseline_rss_bytes": baseline_rss,
        "peak_rss_bytes": peak_rss,
        "encoded_bytes": int(x_train.nbytes),
        "predict_seconds": predict_seconds,
    }
    if args.task == "classification":
        result["test_accuracy"] = float(np.mean(np.argmax(outputs, axis=1) == y_test))
    else:
        predictions = outputs * y_std + y_mean
        result["test_r2"] = float(1 - np.sum((y_test - predictions) ** 2) / np.sum((y_test - y_test.mean()) ** 2))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
