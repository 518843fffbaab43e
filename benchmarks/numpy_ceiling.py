#!/usr/bin/env python3
"""The matrix-product ceiling of one minibatch: numpy's float64 matmul of exactly the products that the
forward and backward pass of one minibatch needs (A W per layer, A^T D per layer, D W^T for every layer
but the first), timed back to back, with as many BLAS threads as OPENBLAS_NUM_THREADS says.

Prints one JSON object: for each architecture, the seconds of the products and the GFLOP/s they reach.

With --forward-only, only the forward products A W (the matrix products of prediction), e.g. for the
10,000 MNIST test rows: --rows 10000 --forward-only. With --dtype float32, the same in single precision
(what a float32 compute option could reach; the float64 figures are the ceiling of issue 5's targets).

Usage: numpy_ceiling.py [--rows 200] [--inputs 717] [--outputs 10] [--hidden 100 --hidden 256,128]
                        [--forward-only] [--dtype float64|float32]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def products(rows, sizes, rng, forward_only=False, dtype=np.float64):
    """The operand pairs (with destinations) of one minibatch's forward and backward products."""
    pairs = []
    for layer, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
        a = rng.standard_normal((rows, fan_in)).astype(dtype)
        w = rng.standard_normal((fan_in, fan_out)).astype(dtype)
        d = rng.standard_normal((rows, fan_out)).astype(dtype)
        pairs.append((a, w, np.empty((rows, fan_out), dtype=dtype)))            # forward: A W
        if forward_only:
            continue
        pairs.append((a.T, d, np.empty((fan_in, fan_out), dtype=dtype)))         # weight gradient: A^T D
        if layer > 0:
            pairs.append((d, w.T, np.empty((rows, fan_in), dtype=dtype)))        # delta below: D W^T
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--inputs", type=int, default=717)
    parser.add_argument("--outputs", type=int, default=10)
    parser.add_argument("--hidden", action="append")
    parser.add_argument("--seconds", type=float, default=2.0, help="measuring time per architecture")
    parser.add_argument("--forward-only", action="store_true", help="only the forward products (prediction)")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    result = {"threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
              "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""), "numpy": np.__version__,
              "rows": args.rows, "dtype": args.dtype, "forward_only": args.forward_only,
              "architectures": {}}
    for hidden in args.hidden or ["100", "256,128"]:
        sizes = [args.inputs] + [int(h) for h in hidden.split(",")] + [args.outputs]
        pairs = products(args.rows, sizes, rng, args.forward_only, np.dtype(args.dtype))
        flops = sum(2.0 * a.shape[0] * a.shape[1] * b.shape[1] for a, b, _ in pairs)

        def minibatch():
            for a, b, c in pairs:
                np.matmul(a, b, out=c)

        for _ in range(50):
            minibatch()
        samples = []
        end = time.perf_counter() + args.seconds
        while time.perf_counter() < end:
            t = time.perf_counter()
            for _ in range(10):
                minibatch()
            samples.append((time.perf_counter() - t) / 10)
        seconds = statistics.median(samples)
        result["architectures"][hidden] = {"flops": flops, "seconds": seconds, "gflops": flops / seconds / 1e9,
                                           "best_gflops": flops / min(samples) / 1e9}
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
