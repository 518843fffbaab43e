package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backends;

/**
 * Instance weights in the core: rows of weight 0 take no minibatch slot, no validation slot and no share of the
 * penalty's row count, and the epoch loss is the weighted mean of the minibatch losses.
 */
class InstanceWeightsTest {

  /**
   * Blobs of {@link TrainingRunTest#blobs} with unequal weights; with {@code zeroRows} > 0, that many extra rows of
   * weight 0 with values far from the others are mixed in (every third position).
   */
  private static TrainingData weighted(int n, int k, int zeroRows, boolean classification) {
    TrainingData base = TrainingRunTest.blobs(n, k, 11);
    Random random = new Random(12);
    Random wild = new Random(13);
    int total = n + zeroRows;
    int outputs = classification ? k : 1;
    DMatrixRMaj x = new DMatrixRMaj(total, 2);
    DMatrixRMaj y = new DMatrixRMaj(total, outputs);
    double[] w = new double[total];
    int[] labels = new int[total];
    int next = 0;
    int zeros = 0;
    for (int i = 0; i < total; i++) {
      boolean zero = zeros < zeroRows && (i % 3 == 1 || total - i <= zeroRows - zeros);
      if (zero) {
        zeros++;
        x.data[2 * i] = 40 + wild.nextDouble();
        x.data[2 * i + 1] = -35;
        labels[i] = k - 1 - (i % 2);
        y.data[i * outputs + (classification ? labels[i] : 0)] = classification ? 1 : 500;
        continue;
      }
      x.data[2 * i] = base.inputs().data[2 * next];
      x.data[2 * i + 1] = base.inputs().data[2 * next + 1];
      labels[i] = base.classLabels()[next];
      y.data[i * outputs + (classification ? labels[i] : 0)] = classification ? 1 : x.data[2 * i] - labels[i];
      w[i] = new double[] {0.5, 1.0, 3.0, 0.25}[random.nextInt(4)];
      next++;
    }
    return new TrainingData(x, y, w, classification ? labels : null);
  }

  private static TrainingRun run(TrainingConfig c, TrainingData data, boolean classification) {
    Network net = TrainingRunTest.network(c, 2, classification ? 3 : 1,
      classification ? OutputLayer.SOFTMAX_CROSS_ENTROPY : OutputLayer.IDENTITY_SQUARED_ERROR);
    return TrainingRunTest.train(c, net, data);
  }

  @Test
  void zeroWeightRowsChangeNothing() {
    for (boolean classification : new boolean[] {true, false}) {
      for (int variant = 0; variant < 4; variant++) {
        TrainingConfig c = TrainingRunTest.config(variant == 3 ? Solver.LBFGS : variant == 2 ? Solver.SGD
          : Solver.ADAM);
        c.alpha = 0.01;
        c.miniBatchSize = 16;
        c.maxIterations = 15;
        c.earlyStopping = variant == 1;
        TrainingRun without = run(c, weighted(60, 3, 0, classification), classification);
        TrainingRun with = run(c, weighted(60, 3, 25, classification), classification);
        String name = (classification ? "classification " : "regression ") + c.solver
          + (c.earlyStopping ? " with early stopping" : "");
        assertEquals(without.numTrainingRows(), with.numTrainingRows(), name);
        assertEquals(without.numValidationRows(), with.numValidationRows(), name);
        assertArrayEquals(without.history().lossCurve(), with.history().lossCurve(), 0.0, name);
        assertArrayEquals(without.history().validationScores(), with.history().validationScores(), 0.0, name);
        double[][] expected = without.network().parameterArrays();
        double[][] actual = with.network().parameterArrays();
        for (int p = 0; p < expected.length; p++) {
          assertArrayEquals(expected[p], actual[p], 0.0, name + ", parameter array " + p);
        }
      }
    }
  }

  @Test
  void thePenaltyIsDividedByTheRowsWithWeight() {
    TrainingData data = weighted(30, 3, 12, true);
    int[] all = new int[data.numRows()];
    int positive = 0;
    double weight = 0;
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
      weight += data.weights()[i];
      positive += data.weights()[i] > 0 ? 1 : 0;
    }
    int[] weighted = new int[positive];
    for (int i = 0, j = 0; i < all.length; i++) {
      if (data.weights()[i] > 0) {
        weighted[j++] = i;
      }
    }
    TrainingConfig c = TrainingRunTest.config(Solver.ADAM);
    Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    net.initialize(new Random(3));
    Gradient onAll = new Gradient(net);
    Gradient onWeighted = new Gradient(net);
    double alpha = 2.0;
    try (GradientEvaluator evaluator = new GradientEvaluator(net, all.length, 1, Backends.ejml())) {
      double lossAll = evaluator.lossAndGradient(data, all, 0, all.length, weight, alpha, onAll);
      double lossWeighted = evaluator.lossAndGradient(data, weighted, 0, weighted.length, weight, alpha,
        onWeighted);
      double penalty = 0.5 * alpha * net.squaredWeightNorm() / positive;
      double dataLoss = evaluator.lossAndGradient(data, weighted, 0, weighted.length, weight, 0.0, onWeighted);
      assertEquals(dataLoss + penalty, lossWeighted, 1e-12);
      assertEquals(lossWeighted, lossAll, 1e-12);
      evaluator.lossAndGradient(data, weighted, 0, weighted.length, weight, alpha, onWeighted);
    }
    for (int p = 0; p < onAll.arrays().length; p++) {
      assertArrayEquals(onWeighted.arrays()[p], onAll.arrays()[p], 1e-12, "parameter array " + p);
    }
  }

  /**
   * One epoch of plain sgd (no momentum, constant rate, no shuffling) replayed step by step: the loss of each
   * minibatch at the parameters it was evaluated at, weighted by the minibatch's weight over the epoch's, must be
   * the recorded epoch loss. Minibatches of 4, 4 and 1 of 9 rows of unequal weights (and, in the second round, 4
   * zero-weight rows that take no slot): a mean weighted by row counts differs, which the test checks too.
   */
  @Test
  void theEpochLossIsTheWeightedMeanOfTheMinibatchLosses() {
    for (int zeroRows : new int[] {0, 4}) {
      TrainingData data = weighted(9, 3, zeroRows, true);
      TrainingConfig c = TrainingRunTest.config(Solver.SGD);
      c.momentum = 0.0;
      c.nesterov = false;
      c.learningRateInit = 0.3;
      c.alpha = 0.05;
      c.miniBatchSize = 4;
      c.shuffle = false;
      c.maxIterations = 2;
      Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
      TrainingRun run = new TrainingRun(net, data, c, Backends.ejml(), null);
      Network replay = net.copy();
      int[] rows = new int[9];
      for (int i = 0, j = 0; i < data.numRows(); i++) {
        if (data.weights()[i] > 0) {
          rows[j++] = i;
        }
      }
      double[] expected = new double[2];
      double[] byRowCounts = new double[2];
      try (GradientEvaluator evaluator = new GradientEvaluator(replay, 4, 1, Backends.ejml())) {
        Gradient gradient = new Gradient(replay);
        for (int epoch = 0; epoch < 2; epoch++) {
          double weightedLosses = 0;
          double totalWeight = 0;
          for (int from = 0; from < rows.length; from += 4) {
            int to = Math.min(rows.length, from + 4);
            double batchWeight = 0;
            for (int j = from; j < to; j++) {
              batchWeight += data.weights()[rows[j]];
            }
            double loss = evaluator.lossAndGradient(data, rows, from, to, batchWeight, c.alpha, gradient);
            weightedLosses += batchWeight * loss;
            byRowCounts[epoch] += loss * (to - from) / rows.length;
            totalWeight += batchWeight;
            for (int p = 0; p < gradient.arrays().length; p++) {
              double[] parameters = replay.parameterArrays()[p];
              double[] g = gradient.arrays()[p];
              for (int i = 0; i < g.length; i++) {
                parameters[i] -= c.learningRateInit * g[i];
              }
            }
          }
          expected[epoch] = weightedLosses / totalWeight;
        }
      }
      while (run.nextEpoch()) {
        // two epochs
      }
      run.finish();
      double[] curve = run.history().lossCurve();
      assertEquals(2, curve.length);
      for (int epoch = 0; epoch < 2; epoch++) {
        String name = "epoch " + (epoch + 1) + ", " + zeroRows + " zero-weight rows";
        assertEquals(expected[epoch], curve[epoch], 1e-13 * expected[epoch], name);
        assertTrue(Math.abs(expected[epoch] - byRowCounts[epoch]) > 1e-4 * expected[epoch],
          name + ": the weights should make a difference to a mean by row counts");
      }
      // the replay took the run's steps: the same parameters
      for (int p = 0; p < net.parameterArrays().length; p++) {
        assertArrayEquals(replay.parameterArrays()[p], net.parameterArrays()[p], 1e-15, "parameter array " + p);
      }
    }
  }

  @Test
  void theValidationSplitAndTheZeroWeightErrorCountOnlyRowsWithWeight() {
    TrainingData data = weighted(1, 3, 5, true);
    TrainingConfig c = TrainingRunTest.config(Solver.ADAM);
    c.earlyStopping = true;
    Network net = TrainingRunTest.network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> new TrainingRun(net, data, c, Backends.ejml(), null));
    assertTrue(e.getMessage().startsWith("earlyStopping needs at least 2 training instances")
      && e.getMessage().contains("got 1."), e.getMessage());
    TrainingData noWeight = weighted(0, 3, 5, true);
    c.earlyStopping = false;
    e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(net, noWeight, c, Backends.ejml(),
      null));
    assertEquals("The training rows have a total instance weight of 0.0: at least one instance needs a positive "
      + "weight.", e.getMessage());
  }

  @Test
  void negativeOrNonFiniteWeightsAreRefused() {
    for (double bad : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      double[] w = {1.0, bad, 2.0};
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingData(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 1), w, null));
      assertEquals("Row 2 has the weight " + bad + "; instance weights must be finite and >= 0.", e.getMessage());
    }
  }
}
