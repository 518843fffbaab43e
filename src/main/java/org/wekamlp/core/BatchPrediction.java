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
 * the outputs out. The blocks depend on the number of rows alone, so the outputs do not depend on the number of
 * threads; memory stays at one block's workspace per thread however many rows are predicted.
 */
final class BatchPrediction {

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
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    outputs.reshape(rows, network.numOutputs(), false);
    int workers = WorkPlan.predictionThreads(rows, numThreads);
    int capacity = Math.min(rows, WorkPlan.PREDICTION_BLOCK_ROWS);
    int blocks = (rows + WorkPlan.PREDICTION_BLOCK_ROWS - 1) / WorkPlan.PREDICTION_BLOCK_ROWS;
    Backend chosen = WorkPlan.predictsOnHeap(network, rows) ? Backends.ejml() : backend;
    DMatrixRMaj[] weights = new DMatrixRMaj[network.numLayers()];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = network.weights(l);
    }
    try (Products products = chosen.products(network.layerSizes(), weights, workers, capacity, workers)) {
      Workspace[] workspaces = new Workspace[workers];
      for (int w = 0; w < workers; w++) {
        workspaces[w] = new Workspace(network, capacity, false);
      }
      AtomicInteger next = new AtomicInteger();
      WorkerTeam.Task forward = worker -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          predictBlock(network, b, rows, source, outputs, products.pass(worker), workspaces[worker]);
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

  private static void predictBlock(Network network, int block, int rows, Network.RowSource source,
    DMatrixRMaj outputs, Products.Pass products, Workspace workspace) {
    int inputsPerRow = network.numInputs();
    int outputsPerRow = network.numOutputs();
    int start = block * WorkPlan.PREDICTION_BLOCK_ROWS;
    int count = Math.min(WorkPlan.PREDICTION_BLOCK_ROWS, rows - start);
    workspace.setRows(count);
    double[] input = workspace.input().data;
    for (int i = 0; i < count; i++) {
      source.writeRow(start + i, input, i * inputsPerRow);
    }
    Backpropagation.forward(network, workspace, products);
    System.arraycopy(workspace.output().data, 0, outputs.data, start * outputsPerRow, count * outputsPerRow);
  }
}
