package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backends;

/**
 * The seam of cluster training: the loss and gradient of a block of rows are the sums of those of its rows, and the
 * summed blocks divided by the weight plus the penalty are the full-batch objective of a local run.
 */
class BlockGradientTest {

  private static TrainingData data(int rows, boolean classification, long seed) {
    Random random = new Random(seed);
    int outputs = classification ? 3 : 1;
    DMatrixRMaj x = new DMatrixRMaj(rows, 4);
    DMatrixRMaj y = new DMatrixRMaj(rows, outputs);
    double[] w = new double[rows];
    int[] labels = classification ? new int[rows] : null;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 4; j++) {
        x.set(i, j, random.nextGaussian());
      }
      w[i] = 0.25 + random.nextInt(4);
      if (classification) {
        labels[i] = random.nextInt(3);
        y.set(i, labels[i], 1.0);
      } else {
        y.set(i, 0, random.nextGaussian());
      }
    }
    return new TrainingData(x, y, w, labels);
  }

  private static Network network(boolean classification) {
    Network network = new Network(new int[] {4, 6, 5, classification ? 3 : 1}, Activation.TANH,
      classification ? OutputLayer.SOFTMAX_CROSS_ENTROPY : OutputLayer.IDENTITY_SQUARED_ERROR);
    network.initialize(new Random(3));
    return network;
  }

  private static int[] range(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  @Test
  void aBlockGradientIsTheSumOfItsRowsGradients() {
    for (boolean classification : new boolean[] {true, false}) {
      TrainingData data = data(37, classification, 5);
      Network network = network(classification);
      int n = BlockGradient.flatten(network).length;
      double[] block = new double[n];
      double[] rowByRow = new double[n];
      try (BlockGradient gradient = new BlockGradient(network, 8, Backends.ejml())) {
        double blockLoss = gradient.addLossAndGradient(data, range(37), 37, block);
        double rowLosses = 0.0;
        for (int i = 0; i < 37; i++) {
          rowLosses += gradient.addLossAndGradient(data, new int[] {i}, 1, rowByRow);
        }
        assertEquals(rowLosses, blockLoss, 1e-12 * Math.abs(rowLosses));
        for (int p = 0; p < n; p++) {
          assertEquals(rowByRow[p], block[p], 1e-12 * (1.0 + Math.abs(rowByRow[p])), "parameter " + p);
        }
      }
    }
  }

  @Test
  void summedBlocksWithThePenaltyAreTheLocalObjective() {
    TrainingData data = data(50, true, 7);
    Network network = network(true);
    double alpha = 0.3;
    GradientEvaluator local = new GradientEvaluator(network, 64, 1, Backends.ejml());
    Gradient expected = new Gradient(network);
    double weight = 0.0;
    for (double w : data.weights()) {
      weight += w;
    }
    double expectedLoss = local.lossAndGradient(data, range(50), 0, 50, weight, alpha, expected);
    local.close();
    double[] parameters = BlockGradient.flatten(network);
    double[] summed = new double[parameters.length];
    double loss = 0.0;
    try (BlockGradient gradient = new BlockGradient(network, 16, Backends.ejml())) {
      int[] rows = range(50);
      loss += gradient.addLossAndGradient(data, rows, 20, summed); // the first 20 rows, then the other 30
      loss += gradient.addLossAndGradient(data, java.util.Arrays.copyOfRange(rows, 20, 50), 30, summed);
    }
    for (int p = 0; p < summed.length; p++) {
      summed[p] /= weight;
    }
    loss = loss / weight + BlockGradient.addPenalty(network, parameters, alpha / 50, summed);
    assertEquals(expectedLoss, loss, 1e-12 * expectedLoss);
    int offset = 0;
    for (double[] g : expected.arrays()) {
      for (int i = 0; i < g.length; i++) {
        assertEquals(g[i], summed[offset + i], 1e-12 * (1.0 + Math.abs(g[i])));
      }
      offset += g.length;
    }
  }
}
