package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass over many rows, for prediction: the rows are split into one contiguous range per
 * thread, and each thread fills a block of rows from the {@link Network.RowSource} (encoding them, for the
 * Weka classifiers), runs the forward pass on it and copies the outputs out. Memory stays at one block's
 * workspace per thread however many rows are predicted.
 */
final class BatchPrediction {

  /** Rows per forward pass: large enough for full-speed matrix products, small enough to stay in cache. */
  static final int BLOCK_ROWS = 512;
  /**
   * Multiply-adds of a whole call below which the products run on the heap with EJML: a backend with its own
   * memory first copies all weights there, which for a few rows costs more than the products. Measured
   * after JIT warm-up: one MNIST row of 784-100-10 (72,700 multiply-adds) 45-53 us through OpenBLAS, 25-39 us
   * on the heap; 89 rows of 10-100-1 (98,000) about 79 and 68 us; above a few hundred thousand
   * multiply-adds OpenBLAS's speed outweighs the copy.
   */
  static final long MIN_MULTIPLY_ADDS_OFF_HEAP = 1L << 17;

  private BatchPrediction() {
  }

  /**
   * @param network parameters. Not modified.
   * @param rows number of rows
   * @param source writes row {@code i} into a block. Called from the worker threads, for disjoint rows.
   * @param outputs reshaped to rows x numOutputs and filled. Modified.
   * @param multiply matrix-product backend
   * @param numThreads threads to use, at least 1 (fewer when there are fewer blocks)
   */
  static void predict(Network network, int rows, Network.RowSource source, DMatrixRMaj outputs,
    MatrixMultiply multiply, int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    int outputsPerRow = network.numOutputs();
    outputs.reshape(rows, outputsPerRow, false);
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    int workers = Math.max(1, Math.min(numThreads, blocks));
    int capacity = Math.min(rows, BLOCK_ROWS);
    Workspace[] workspaces = new Workspace[workers];
    MatrixProducts.Pass[] passes = new MatrixProducts.Pass[workers];
    long work = rows * network.multiplyAddsPerRow();
    MatrixMultiply chosen = work < MIN_MULTIPLY_ADDS_OFF_HEAP ? MatrixMultiply.EJML : multiply;
    try (MatrixProducts products = MatrixProducts.of(chosen, network, workers)) {
      try {
        for (int w = 0; w < workers; w++) {
          workspaces[w] = new Workspace(network, capacity, false);
          passes[w] = products.newPass(capacity);
        }
        WorkerTeam.Task sync = worker -> products.syncWeights(worker, workers);
        WorkerTeam.Task forward = worker -> {
          long from = (long) rows * worker / workers;
          long to = (long) rows * (worker + 1) / workers;
          predictRange(network, (int) from, (int) to, source, outputs, passes[worker], workspaces[worker]);
        };
        if (workers == 1) {
          sync.run(0);
          forward.run(0);
        } else {
          try (WorkerTeam team = new WorkerTeam(workers)) {
            // the forward passes need all of the weights: every share is synced before any pass starts
            team.run(sync);
            team.run(forward);
          }
        }
      } finally {
        for (MatrixProducts.Pass pass : passes) {
          if (pass != null) {
            pass.close();
          }
        }
      }
    }
  }

  private static void predictRange(Network network, int from, int to, Network.RowSource source,
    DMatrixRMaj outputs, MatrixProducts.Pass products, Workspace workspace) {
    int inputsPerRow = network.numInputs();
    int outputsPerRow = network.numOutputs();
    for (int start = from; start < to; start += BLOCK_ROWS) {
      int count = Math.min(BLOCK_ROWS, to - start);
      workspace.setRows(count);
      double[] block = workspace.input().data;
      for (int i = 0; i < count; i++) {
        source.writeRow(start + i, block, i * inputsPerRow);
      }
      Backpropagation.forward(network, workspace, products);
      System.arraycopy(workspace.output().data, 0, outputs.data, start * outputsPerRow, count * outputsPerRow);
    }
  }
}
