#!/usr/bin/env python3
"""Runs the speed benchmarks of issue 5 side by side on this machine and writes the tables.

Called by benchmarks/run.sh after the build. Every run is a fresh process: this package's classifier
(org.wekamlp.benchmarks.EndToEndBenchmark, JVM) and scikit-learn's MLPClassifier / MLPRegressor
(benchmarks/sklearn_peer.py) on MNIST 784-100-10, MNIST 784-256-128-10 and a regression workload, in
alternating order, several repetitions (repetition r uses seed r); Weka's MultilayerPerceptron and the
multiLayerPerceptrons package's MLPClassifier on a subset of the rows, their epoch times extrapolated to
the full data and marked as such. Then the JMH minibatch benchmarks and numpy's matrix-product ceiling.

Results: benchmarks/results/<name>.json (every run, raw) and benchmarks/results/<name>.md (the tables).
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "benchmarks")
MNIST = {"train": "datasets/mnist_train.arff.gz", "test": "datasets/mnist_test.arff.gz"}
REGRESSION_DATA = "datasets/diabetes_regression.arff"


def log(message):
    print("[benchmarks %s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def load_and_pressure():
    """The 1-minute load average and the share of time some task waited for a CPU (PSI), if available."""
    with open("/proc/loadavg") as f:
        load = float(f.read().split()[0])
    pressure = None
    try:
        with open("/proc/pressure/cpu") as f:
            pressure = float(re.search(r"avg10=([0-9.]+)", f.readline()).group(1))
    except OSError:
        pass
    return load, pressure


def busy_share(seconds=2.0):
    """The share of all CPUs' time spent busy over a short window (this driver itself idles meanwhile)."""
    def sample():
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values), idle
    total_before, idle_before = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    total = max(1, total_after - total_before)
    return 1.0 - (idle_after - idle_before) / total


QUIET = {"max_busy": 0.25, "timeout": 900}
# this package's implementation name in the results, per -precision
OURS = {"float64": "mlp", "float32": "mlp-float32"}
# --whole-products: float64 once more, with OPENBLAS_NUM_THREADS=1 for this package's JVM (products in one call each)
WHOLE = "mlp-whole"
NAMES = {"mlp": "**this package**, float64", "mlp-float32": "**this package**, float32",
         WHOLE: "**this package**, float64, OPENBLAS_NUM_THREADS=1 (whole products)", "sklearn": "scikit-learn",
         "weka-mlp": "Weka MultilayerPerceptron", "mlpclassifier": "multiLayerPerceptrons MLPClassifier"}


def wait_for_quiet():
    """Waits (up to QUIET['timeout'] seconds) until other processes leave the CPUs mostly idle."""
    deadline = time.time() + QUIET["timeout"]
    busy = busy_share()
    while busy > QUIET["max_busy"] and time.time() < deadline:
        log("machine busy (%.0f %% of CPU time used by other processes), waiting" % (100 * busy))
        time.sleep(10)
        busy = busy_share()
    return busy


def run_json(command, env=None, timeout=None):
    """Runs a command whose last line of standard output is a JSON object; returns it with the load."""
    busy_before = wait_for_quiet()
    load_before, pressure_before = load_and_pressure()
    full_env = dict(os.environ)
    full_env.update(env or {})
    completed = subprocess.run(command, cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s" % (" ".join(command), completed.returncode, completed.stderr[-3000:]))
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    load_after, pressure_after = load_and_pressure()
    result["busy_before"] = busy_before
    result["load_before"] = load_before
    result["load_after"] = load_after
    result["cpu_pressure_before"] = pressure_before
    result["cpu_pressure_after"] = pressure_after
    return result


class Runner:
    def __init__(self, args):
        self.args = args
        with open(os.path.join(WORK, "classpath.txt")) as f:
            dependencies = f.read().strip()
        self.classpath = os.pathsep.join([os.path.join(ROOT, "target", "test-classes"),
                                          os.path.join(ROOT, "target", "classes"), dependencies])
        self.java = [args.java] + args.jvm_arg + ["-cp", self.classpath]
        self.python = args.python
        self.blas_env = {"OPENBLAS_NUM_THREADS": str(args.threads), "OMP_NUM_THREADS": str(args.threads),
                         "MKL_NUM_THREADS": str(args.threads)}
        if args.openblas_coretype:
            self.blas_env["OPENBLAS_CORETYPE"] = args.openblas_coretype

    def export(self):
        """The encoded inputs for scikit-learn, written by this package's own encoder."""
        mnist_dir = os.path.join(WORK, "data", "mnist")
        if not os.path.exists(os.path.join(mnist_dir, "y_test.npy")):
            log("encoding MNIST for scikit-learn")
            subprocess.run(self.java + ["org.wekamlp.benchmarks.ExportEncoded", "--train", MNIST["train"], "--test",
                                        MNIST["test"], "--out", mnist_dir], cwd=ROOT, check=True)
        regression_dir = os.path.join(WORK, "data", "regression")
        if not os.path.exists(os.path.join(regression_dir, "y_test.npy")):
            subprocess.run(self.java + ["org.wekamlp.benchmarks.ExportEncoded", "--data", REGRESSION_DATA,
                                        "--test-every", "5", "--out", regression_dir], cwd=ROOT, check=True)
        return mnist_dir, regression_dir

    def ours(self, workload, seed, precision="float64", whole=False):
        """This package with -precision float64 or float32 (implementation "mlp" or "mlp-float32"); whole: float64
        with OPENBLAS_NUM_THREADS=1 for this JVM only, so that its products run whole (implementation WHOLE)."""
        command = self.java + ["org.wekamlp.benchmarks.EndToEndBenchmark", "mlp", "--train", workload["train"],
                               "--test", workload["test"], "--hidden", workload["hidden"], "--epochs",
                               str(workload["epochs"]), "--threads", str(self.args.threads), "--seed", str(seed),
                               "--predict-repetitions", str(self.args.predict_repetitions), "--precision", precision]
        env = {"JAVA_TOOL_OPTIONS": ""}
        if whole:
            env["OPENBLAS_NUM_THREADS"] = "1"
        result = run_json(command, env=env)
        result["implementation"] = WHOLE if whole else OURS[precision]
        return result

    def sklearn(self, workload, seed):
        command = [self.python, os.path.join(ROOT, "benchmarks", "sklearn_peer.py"), "--data", workload["npy"],
                   "--task", workload["task"], "--hidden", workload["hidden"], "--epochs", str(workload["epochs"]),
                   "--seed", str(seed), "--predict-repetitions", str(self.args.predict_repetitions)]
        return run_json(command, env=self.blas_env)

    def subset_peer(self, implementation, workload, seed):
        command = self.java + ["org.wekamlp.benchmarks.EndToEndBenchmark", implementation, "--train",
                               workload["train"], "--test", workload["test"], "--hidden", workload["hidden"],
                               "--epochs", "1", "--threads", str(self.args.threads), "--seed", str(seed),
                               "--subset", str(self.args.subset), "--test-subset", str(self.args.subset),
                               "--predict-repetitions", "1"]
        return run_json(command, timeout=self.args.peer_timeout)

    def ceiling(self, threads):
        command = [self.python, os.path.join(ROOT, "benchmarks", "numpy_ceiling.py"), "--hidden", "100", "--hidden",
                   "256,128", "--inputs", str(self.encoded_columns())]
        env = dict(self.blas_env)
        env["OPENBLAS_NUM_THREADS"] = str(threads)
        return run_json(command, env=env)

    def encoded_columns(self):
        with open(os.path.join(WORK, "data", "mnist", "X_train.npy"), "rb") as f:
            header = f.read(128).decode("latin1")
        return int(re.search(r"'shape': \(\d+, (\d+)\)", header).group(1))

    def jmh(self):
        output = os.path.join(WORK, "jmh.json")
        command = self.java + ["org.openjdk.jmh.Main", "MinibatchBenchmark", "-rf", "json", "-rff", output]
        if self.args.quick:
            command += ["-wi", "2", "-i", "3", "-w", "1", "-r", "1"]
        wait_for_quiet()
        log("JMH: " + " ".join(command[len(self.java):]))
        subprocess.run(command, cwd=ROOT, check=True, stdout=sys.stderr)
        with open(output) as f:
            return json.load(f)


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version()}
    try:
        lscpu = subprocess.run(["lscpu"], stdout=subprocess.PIPE, universal_newlines=True).stdout
        for key in ("Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket", "Hypervisor vendor",
                    "L2 cache", "L3 cache"):
            match = re.search(r"^%s:\s+(.*)$" % re.escape(key), lscpu, re.M)
            if match:
                info[key] = match.group(1).strip()
        flags = re.search(r"^Flags:\s+(.*)$", lscpu, re.M)
        if flags:
            info["avx512f"] = "avx512f" in flags.group(1).split()
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        info["memory"] = f.readline().split(":")[1].strip()
    return info


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs):
    """Medians over repetitions of each implementation and workload."""
    summary = {}
    for run in runs:
        key = (run["workload"], run["implementation"])
        summary.setdefault(key, []).append(run)
    table = {}
    for (workload, implementation), group in summary.items():
        epoch = []
        for run in group:
            seconds = run.get("epoch_seconds") or []
            # the first epoch holds one-time costs (JIT compilation, initialisation); the rest are steady
            steady = seconds[1:] if len(seconds) > 1 else seconds
            if steady:
                epoch.append(statistics.median(steady))
        row = {
            "runs": len(group),
            "epoch_seconds": median(epoch),
            "predict_seconds": median([statistics.median(r["predict_seconds"]) for r in group]),
            "test_rows": group[0]["test_rows"],
            "train_rows": group[0]["train_rows"],
            "test_accuracy": median([r.get("test_accuracy") for r in group]),
            "test_accuracy_all": [r.get("test_accuracy") for r in group],
            "test_r2": median([r.get("test_r2") for r in group]),
            "baseline_rss": median([r["baseline_rss_bytes"] for r in group if r.get("baseline_rss_bytes", -1) > 0]),
            "best_epoch_seconds": min(epoch) if epoch else None,
            "peak_rss": median([r["peak_rss_bytes"] for r in group if r.get("peak_rss_bytes", -1) > 0]),
            "peak_heap_added": median([r["peak_heap_bytes"] - r["baseline_heap_bytes"] for r in group
                                       if "peak_heap_bytes" in r]),
            "allocated_per_minibatch": median(
                [r["allocated_bytes_epochs_2_on"] / (r["minibatches_per_epoch"] * (r["epochs"] - 1)) for r in group
                 if r.get("allocated_bytes_epochs_2_on", -1) >= 0 and r["epochs"] > 1]),
            "training_seconds": median([r["training_seconds"] for r in group]),
            "load": max(max(r["load_before"], r["load_after"]) for r in group),
            "busy_before": max(r.get("busy_before", 0.0) for r in group),
            "extrapolated": bool(group[0].get("subset")),
        }
        if row["predict_seconds"]:
            row["predict_rows_per_second"] = row["test_rows"] / row["predict_seconds"]
        for key in ("core_predict_instances", "core_predict_encoded"):
            seconds = median([statistics.median(r[key + "_seconds"]) for r in group if r.get(key + "_seconds")])
            row[key + "_rows_per_second"] = row["test_rows"] / seconds if seconds else None
        if row["extrapolated"]:
            # trained on `subset` rows, scaled linearly to the full training set: Weka's MultilayerPerceptron
            # for one epoch; MLPClassifier (full-batch conjugate gradients to convergence) per pass over the
            # data, i.e. per loss evaluation
            full_rows = group[0]["full_train_rows"]
            row["epoch_seconds"] = median([r["training_seconds"] / max(1, r.get("loss_evaluations", 1))
                                           * full_rows / r["train_rows"] for r in group])
            row["loss_evaluations"] = group[0].get("loss_evaluations")
        table[(workload, implementation)] = row
    return table


def fmt(value, pattern, missing="n/a"):
    return missing if value is None else pattern % value


def markdown(report):
    lines = []
    m = report["machine"]
    lines.append("Machine: %s, %s CPU(s), %s; %s" % (m.get("Model name"), m.get("CPU(s)"), m.get("memory"),
                                                     m.get("platform")))
    lines.append("Run: %s, %d repetition(s), %d threads, %s epochs (MNIST); other processes used at most %.0f %% "
                 "of the CPUs just before a run; highest 1-minute load average seen %.1f"
                 % (report["started"], report["repetitions"], report["threads"], report["epochs"],
                    100 * max([r["busy_before"] for r in report["summary"].values()] or [0]),
                    max([r["load"] for r in report["summary"].values()] or [0])))
    lines.append("")
    lines.append("| workload | implementation | s/epoch (median of runs) | x scikit-learn | best run s/epoch "
                 "| x scikit-learn's best | test accuracy (R^2) | RSS after loading -> peak in training "
                 "| Java heap added | bytes allocated / minibatch |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for workload in report["workloads"]:
        reference = report["summary"].get((workload, "sklearn"))
        for implementation in ("mlp", WHOLE, "mlp-float32", "sklearn", "weka-mlp", "mlpclassifier"):
            row = report["summary"].get((workload, implementation))
            if row is None:
                continue
            epoch_ratio = (row["epoch_seconds"] / reference["epoch_seconds"]
                           if reference and row["epoch_seconds"] and reference["epoch_seconds"] else None)
            best = row["best_epoch_seconds"] if not row["extrapolated"] else None
            best_ratio = (best / reference["best_epoch_seconds"]
                          if best and reference and reference.get("best_epoch_seconds") else None)
            quality = row["test_accuracy"] if row["test_accuracy"] is not None else row["test_r2"]
            quality_text = (fmt(quality * 100, "%.2f %%") if row["test_accuracy"] is not None
                            else fmt(quality, "R^2 %.3f"))
            mark = " (extrapolated)" if row["extrapolated"] else ""
            name = NAMES[implementation]
            if row["extrapolated"]:
                quality_text += " (subset)"
            memory = "n/a"
            if row["baseline_rss"] and row["peak_rss"]:
                memory = "%.0f -> %.0f MiB" % (row["baseline_rss"] / 2 ** 20, row["peak_rss"] / 2 ** 20)
            lines.append("| %s | %s | %s%s | %s | %s | %s | %s | %s | %s | %s |" % (
                workload, name, fmt(row["epoch_seconds"], "%.3g"), mark, fmt(epoch_ratio, "%.2f"),
                fmt(best, "%.3g"), fmt(best_ratio, "%.2f"), quality_text, memory,
                fmt(row["peak_heap_added"] and row["peak_heap_added"] / 2 ** 20, "%.0f MiB"),
                fmt(row["allocated_per_minibatch"], "%.0f")))
    lines.append("")
    lines.append("| prediction of the test rows | implementation | rows/s | x scikit-learn |")
    lines.append("|---|---|---:|---:|")
    for workload in report["workloads"]:
        reference = report["summary"].get((workload, "sklearn"))
        reference_rate = reference.get("predict_rows_per_second") if reference else None
        rows = []
        for implementation, precision in (("mlp", "float64"), (WHOLE, "float64, OPENBLAS_NUM_THREADS=1"),
                                          ("mlp-float32", "float32")):
            ours = report["summary"].get((workload, implementation))
            if ours:
                rows += [("this package, %s, Weka `distributionsForInstances` (Instances in, as the face ships it)"
                          % precision, ours.get("predict_rows_per_second")),
                         ("this package, %s, `Network.predict` with a row source (Instances encoded in the worker "
                          "threads)" % precision, ours.get("core_predict_instances_rows_per_second")),
                         ("this package, %s, `Network.predict` on the encoded matrix" % precision,
                          ours.get("core_predict_encoded_rows_per_second"))]
        rows.append(("scikit-learn, float64, `predict_proba` / `predict` on the encoded matrix", reference_rate))
        for name, rate in rows:
            lines.append("| %s | %s | %s | %s |" % (workload, name, fmt(rate, "%.0f"),
                                                  fmt(rate / reference_rate if rate and reference_rate else None, "%.2f")))
    if report.get("jmh"):
        lines.append("")
        lines.append("| JMH: one minibatch of 200 rows | backend | threads | us/op | GFLOP/s | numpy, same products: "
                     "1 thread | numpy: 2 threads | 2 x numpy 1 thread |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for row in report["jmh"]:
            ceilings = row["ceilings"]
            lines.append("| %s %s | %s | %d | %.0f | %.1f | %s | %s | %s |" % (
                row["benchmark"], row["hidden"], row["backend"], row["threads"], row["microseconds"],
                row["gflops"], fmt(ceilings.get(1), "%.1f"), fmt(ceilings.get(2), "%.1f"),
                fmt(ceilings.get(1) and 2 * ceilings[1], "%.1f")))
    return "\n".join(lines) + "\n"


def jmh_rows(jmh, ceilings):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    rows = []
    for entry in jmh:
        params = entry.get("params", {})
        hidden = params["hidden"]
        sizes = [ceilings[0]["inputs"]] + [int(h) for h in hidden.split(",")] + [10]
        flops = 0.0
        for layer, (a, b) in enumerate(zip(sizes, sizes[1:])):
            product = 2.0 * 200 * a * b
            flops += 2 * product + (product if layer > 0 else 0)
        microseconds = entry["primaryMetric"]["score"]
        threads = int(params["threads"])
        rows.append({"benchmark": entry["benchmark"].rsplit(".", 1)[1], "hidden": hidden,
                     "backend": params["backend"], "threads": threads, "microseconds": microseconds,
                     "gflops": flops / (microseconds * 1e-6) / 1e9,
                     "ceilings": {c["threads"]: c["architectures"][hidden]["gflops"] for c in ceilings}})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=10, help="MNIST epochs (fixed, no early stop)")
    parser.add_argument("--regression-epochs", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--precision", default="float64", choices=["float64", "float32", "float64,float32"],
                        help="this package's -precision; both runs this package twice per repetition")
    parser.add_argument("--whole-products", action="store_true",
                        help="also run this package in float64 with OPENBLAS_NUM_THREADS=1 (its JVM only), where its "
                             "products run whole instead of in pieces")
    parser.add_argument("--predict-repetitions", type=int, default=5)
    parser.add_argument("--subset", type=int, default=1000, help="rows for the slow Weka peers")
    parser.add_argument("--peer-timeout", type=int, default=1800)
    parser.add_argument("--skip-peers", action="store_true", help="no Weka MultilayerPerceptron / MLPClassifier")
    parser.add_argument("--skip-jmh", action="store_true")
    parser.add_argument("--only-jmh", action="store_true")
    parser.add_argument("--quick", action="store_true", help="shorter JMH runs")
    parser.add_argument("--openblas-coretype", default="SkylakeX",
                        help="OPENBLAS_CORETYPE for numpy's OpenBLAS ('' to leave it unset)")
    parser.add_argument("--java", default="java")
    parser.add_argument("--jvm-arg", action="append", default=[])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--name", default=datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    parser.add_argument("--render", metavar="NAME", help="only rewrite the tables of benchmarks/results/NAME.json")
    parser.add_argument("--max-busy", type=float, default=0.25,
                        help="before each run, wait until other processes use at most this share of the CPUs")
    parser.add_argument("--quiet-timeout", type=int, default=900, help="longest wait for a quiet machine, seconds")
    args = parser.parse_args()
    QUIET.update(max_busy=args.max_busy, timeout=args.quiet_timeout)
    if args.render:
        with open(os.path.join(ROOT, "benchmarks", "results", args.render + ".json")) as f:
            report = json.load(f)
        report.pop("summary", None)
        write(report, args.render)
        return

    runner = Runner(args)
    mnist_dir, regression_dir = runner.export()
    workloads = {
        "MNIST 784-100-10": dict(MNIST, hidden="100", epochs=args.epochs, task="classification", npy=mnist_dir),
        "MNIST 784-256-128-10": dict(MNIST, hidden="256,128", epochs=args.epochs, task="classification",
                                     npy=mnist_dir),
        "diabetes regression 10-100-1": dict(train=os.path.join(regression_dir, "train.arff"),
                                             test=os.path.join(regression_dir, "test.arff"), hidden="100",
                                             epochs=args.regression_epochs, task="regression", npy=regression_dir),
    }
    report = {"started": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
              "repetitions": args.repetitions, "threads": args.threads, "epochs": args.epochs,
              "workloads": list(workloads), "runs": [], "command": sys.argv}
    if not args.only_jmh:
        for repetition in range(1, args.repetitions + 1):
            for name, workload in workloads.items():
                ours = [(OURS[p], lambda w, r, p=p: runner.ours(w, r, p)) for p in args.precision.split(",")]
                if args.whole_products:
                    ours.append((WHOLE, lambda w, r: runner.ours(w, r, "float64", whole=True)))
                sklearn = [("sklearn", runner.sklearn)]
                for label, measure in ours + sklearn if repetition % 2 else sklearn + ours:
                    log("repetition %d: %s, %s" % (repetition, name, label))
                    result = measure(workload, repetition)
                    result["workload"] = name
                    result["repetition"] = repetition
                    report["runs"].append(result)
        if not args.skip_peers:
            for name in ("MNIST 784-100-10", "MNIST 784-256-128-10"):
                peers = ["weka-mlp"] + (["mlpclassifier"] if "," not in workloads[name]["hidden"] else [])
                for implementation in peers:
                    log("%s on %d rows: %s" % (implementation, args.subset, name))
                    try:
                        result = runner.subset_peer(implementation, workloads[name], 1)
                    except (RuntimeError, subprocess.TimeoutExpired) as e:
                        log("%s failed: %s" % (implementation, e))
                        continue
                    result.update(workload=name, repetition=1, subset=args.subset, full_train_rows=60000)
                    report["runs"].append(result)
    if not args.skip_jmh:
        ceilings = []
        for threads in sorted({1, args.threads}):
            log("numpy ceiling, %d thread(s)" % threads)
            ceiling = runner.ceiling(threads)
            ceiling["inputs"] = runner.encoded_columns()
            ceilings.append(ceiling)
        report["ceilings"] = ceilings
        report["jmh_raw"] = runner.jmh()
    write(report, args.name)


def write(report, name):
    """Summarizes the runs and writes benchmarks/results/<name>.json and .md; prints the tables."""
    if report.get("jmh_raw"):
        report["jmh"] = jmh_rows(report["jmh_raw"], report["ceilings"])
    report["summary"] = summarize(report["runs"])
    results = os.path.join(ROOT, "benchmarks", "results")
    os.makedirs(results, exist_ok=True)
    raw = dict(report)
    raw["summary"] = [dict(row, workload=w, implementation=i) for (w, i), row in report["summary"].items()]
    with open(os.path.join(results, name + ".json"), "w") as f:
        json.dump(raw, f, indent=1)
    table = markdown(report)
    with open(os.path.join(results, name + ".md"), "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
