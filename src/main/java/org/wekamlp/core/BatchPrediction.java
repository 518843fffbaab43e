package org.wekamlp.core;

import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Products;

/**
 * The forward pass over many rows, for prediction: the rows are cut into blocks of
 * {@value WorkPlan#PREDICTION_BLOCK_ROWS}, and each thread takes whole blocks, fills each from the
 * {@link Network.RowSource} (encoding the rows, for the Weka classifiers), runs the forward pass on it and copies
 * the outputs out. For rows with many zeros, {@link Network#predictSparse} takes the first layer through
 * {@link SparseFirstLayer}. The blocks depend on the number of rows alone, so the outputs do not depend on the
 * number of threads; memory stays at one block's workspace per thread however many rows are predicted.
 */
final class BatchPrediction {

  /** The forward pass of one block of rows on one worker, up to the network's pre-activations of layer 1. */
  private interface FirstLayer {

    /**
     * @param worker the worker
     * @param start the block's first row
     * @param count the block's rows
     * @param workspace the worker's workspace, set to count rows. Modified.
     * @param products the worker's products
     * @return the first layer whose product is still to do (0: the inputs are in the workspace; 1: the first
     *     layer's product is in {@code workspace.activation(1)})
     */
    int fill(int worker, int start, int count, Workspace workspace, Products.Pass products);
  }

  private BatchPrediction() {
  }

  /**
   * @param network parameters. Not modified.
   * @param rows number of rows
   * @param source writes row {@code i} into a block. Called from the worker threads, for disjoint rows.
   * @param outputs reshaped to rows x numOutputs and filled. Modified.
   * @param backend matrix-product backend (EJML for small calls, {@link WorkPlan#predictsOnHeap})
   * @param numThreads threads to use, at least 1 (fewer when there are fewer blocks)
   */
  static void predict(Network network, int rows, Network.RowSource source, DMatrixRMaj outputs, Backend backend,
    int numThreads) {
    run(network, rows, outputs, backend, numThreads, (worker, start, count, workspace, products) -> {
      readRows(source, start, count, workspace.input());
      return 0;
    });
  }

  /**
   * @param network parameters. Not modified.
   * @param rows number of rows
   * @param source writes row {@code i} into a block. Called from the worker threads, for disjoint rows.
   * @param outputs reshaped to rows x numOutputs and filled. Modified.
   * @param backend matrix-product backend (EJML for small calls, {@link WorkPlan#predictsOnHeap})
   * @param numThreads threads to use, at least 1 (fewer when there are fewer blocks)
   */
  static void predictSparse(Network network, int rows, Network.RowSource source, DMatrixRMaj outputs,
    Backend backend, int numThreads) {
    double[][] weightRows = SparseFirstLayer.weightRows(network);
    int workers = WorkPlan.predictionThreads(rows, checked(numThreads));
    SparseFirstLayer[] firstLayers = new SparseFirstLayer[workers];
    try {
      for (int w = 0; w < workers; w++) {
        firstLayers[w] = new SparseFirstLayer(weightRows, chosen(network, rows, backend), blockCapacity(rows));
      }
      run(network, rows, outputs, backend, numThreads, (worker, start, count, workspace, products) -> {
        readRows(source, start, count, workspace.input());
        firstLayers[worker].multiply(workspace.input(), products, workspace.activation(1));
        return 1;
      });
    } finally {
      for (SparseFirstLayer firstLayer : firstLayers) {
        if (firstLayer != null) {
          firstLayer.close();
        }
      }
    }
  }

  private static void readRows(Network.RowSource source, int start, int count, DMatrixRMaj block) {
    int inputsPerRow = block.numCols;
    for (int i = 0; i < count; i++) {
      source.writeRow(start + i, block.data, i * inputsPerRow);
    }
  }

  private static int checked(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    return numThreads;
  }

  private static int blockCapacity(int rows) {
    return Math.max(1, Math.min(rows, WorkPlan.PREDICTION_BLOCK_ROWS));
  }

  private static Backend chosen(Network network, int rows, Backend backend) {
    return WorkPlan.predictsOnHeap(network, rows) ? Backends.ejml() : backend;
  }

  private static void run(Network network, int rows, DMatrixRMaj outputs, Backend backend, int numThreads,
    FirstLayer firstLayer) {
    outputs.reshape(rows, network.numOutputs(), false);
    int workers = WorkPlan.predictionThreads(rows, checked(numThreads));
    int capacity = blockCapacity(rows);
    int blocks = (rows + WorkPlan.PREDICTION_BLOCK_ROWS - 1) / WorkPlan.PREDICTION_BLOCK_ROWS;
    DMatrixRMaj[] weights = new DMatrixRMaj[network.numLayers()];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = network.weights(l);
    }
    try (Products products = chosen(network, rows, backend).products(network.layerSizes(), weights, workers,
      capacity, workers)) {
      Workspace[] workspaces = new Workspace[workers];
      for (int w = 0; w < workers; w++) {
        workspaces[w] = new Workspace(network, capacity, false);
      }
      AtomicInteger next = new AtomicInteger();
      int outputsPerRow = network.numOutputs();
      WorkerTeam.Task forward = worker -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          int start = b * WorkPlan.PREDICTION_BLOCK_ROWS;
          int count = Math.min(WorkPlan.PREDICTION_BLOCK_ROWS, rows - start);
          Workspace workspace = workspaces[worker];
          workspace.setRows(count);
          Products.Pass pass = products.pass(worker);
          Backpropagation.forward(network, workspace, pass, firstLayer.fill(worker, start, count, workspace, pass));
          System.arraycopy(workspace.output().data, 0, outputs.data, start * outputsPerRow, count * outputsPerRow);
        }
      };
      int[][] shards = products.keepsWeights() ? WorkPlan.shards(network) : new int[0][];
      WorkerTeam.Task sync = worker -> {
        for (int s = worker; s < shards.length; s += workers) {
          GradientEvaluator.syncShard(products, shards[s], worker);
        }
      };
      if (workers == 1) {
        sync.run(0);
        forward.run(0);
      } else {
        try (WorkerTeam team = new WorkerTeam(workers)) {
          // the forward passes need all of the weights: every shard is synced before any pass starts
          team.run(sync);
          team.run(forward);
        }
      }
    }
  }
}
