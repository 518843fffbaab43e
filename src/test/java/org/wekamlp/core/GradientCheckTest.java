package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.wekamlp.core.backend.Backends;

/**
 * The analytic gradient of the whole loss (data loss with instance weights plus the L2 penalty) against
 * central finite differences, for every hidden activation, output type and alpha, on a tiny seeded
 * network with two hidden layers, in double precision.
 */
class GradientCheckTest {

  private static final double STEP = 1e-6;
  private static final double TOLERANCE = 1e-6;

  /** A problem: a network with random parameters and random weighted data. */
  static final class Problem {

    final Network network;
    final TrainingData data;
    final int[] rows;

    Problem(Activation activation, int outputs, long seed) {
      Random random = new Random(seed);
      int inputs = 4;
      int n = 9;
      OutputLayer output = outputs == 0 ? OutputLayer.IDENTITY_SQUARED_ERROR : OutputLayer.SOFTMAX_CROSS_ENTROPY;
      int k = outputs == 0 ? 1 : outputs;
      network = new Network(new int[] {inputs, 5, 3, k}, activation, output);
      network.initialize(random);
      // larger biases keep relu units away from their kink at 0, where finite differences are meaningless
      DMatrixRMaj x = new DMatrixRMaj(n, inputs);
      for (int i = 0; i < x.data.length; i++) {
        x.data[i] = random.nextGaussian();
      }
      DMatrixRMaj y = new DMatrixRMaj(n, k);
      int[] labels = outputs == 0 ? null : new int[n];
      for (int i = 0; i < n; i++) {
        if (outputs == 0) {
          y.data[i] = random.nextGaussian();
        } else {
          labels[i] = random.nextInt(k);
          y.data[i * k + labels[i]] = 1.0;
        }
      }
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        weights[i] = 0.5 + random.nextDouble();
      }
      data = new TrainingData(x, y, weights, labels);
      rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
    }

    double totalWeight() {
      double total = 0;
      for (double w : data.weights()) {
        total += w;
      }
      return total;
    }
  }

  @TestFactory
  List<DynamicTest> analyticGradientMatchesFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    int[] outputCases = {0, 2, 4}; // regression, two classes, several classes
    double[] alphas = {0.0, 0.7};
    long seed = 11;
    for (Activation activation : Activation.values()) {
      for (int outputs : outputCases) {
        for (double alpha : alphas) {
          String name = activation.optionName() + ", " + (outputs == 0 ? "regression" : outputs + " classes")
            + ", alpha " + alpha;
          long problemSeed = seed++;
          tests.add(DynamicTest.dynamicTest(name, () -> check(new Problem(activation, outputs, problemSeed), alpha)));
        }
      }
    }
    return tests;
  }

  private static void check(Problem problem, double alpha) {
    Network network = problem.network;
    double total = problem.totalWeight();
    int n = problem.rows.length;
    try (GradientEvaluator evaluator = new GradientEvaluator(network, n, 1, Backends.ejml())) {
      Gradient analytic = new Gradient(network);
      evaluator.lossAndGradient(problem.data, problem.rows, 0, n, total, alpha, analytic);
      Gradient scratch = new Gradient(network);
      double[][] parameters = network.parameterArrays();
      double differenceSquares = 0;
      double sumSquares = 0;
      for (int k = 0; k < parameters.length; k++) {
        double[] p = parameters[k];
        for (int i = 0; i < p.length; i++) {
          double original = p[i];
          p[i] = original + STEP;
          double plus = evaluator.lossAndGradient(problem.data, problem.rows, 0, n, total, alpha, scratch);
          p[i] = original - STEP;
          double minus = evaluator.lossAndGradient(problem.data, problem.rows, 0, n, total, alpha, scratch);
          p[i] = original;
          double numeric = (plus - minus) / (2 * STEP);
          double a = analytic.arrays()[k][i];
          differenceSquares += (a - numeric) * (a - numeric);
          sumSquares += a * a + numeric * numeric;
        }
      }
      double relativeError = Math.sqrt(differenceSquares) / Math.sqrt(sumSquares);
      assertTrue(sumSquares > 0, "gradient must not vanish");
      assertTrue(relativeError < TOLERANCE, "relative error " + relativeError);
    }
  }

  @Test
  void parallelChunksGiveTheSerialGradient() {
    Problem problem = new Problem(Activation.TANH, 3, 5);
    // enlarge the data so that it splits into several chunks of at least 16 rows
    Random random = new Random(3);
    int n = 100;
    DMatrixRMaj x = new DMatrixRMaj(n, 4);
    DMatrixRMaj y = new DMatrixRMaj(n, 3);
    double[] w = new double[n];
    int[] labels = new int[n];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x.data[i * 4 + j] = random.nextGaussian();
      }
      labels[i] = random.nextInt(3);
      y.data[i * 3 + labels[i]] = 1;
      w[i] = 1 + random.nextDouble();
      rows[i] = n - 1 - i;
    }
    TrainingData data = new TrainingData(x, y, w, labels);
    Gradient serial = new Gradient(problem.network);
    Gradient parallel = new Gradient(problem.network);
    double serialLoss;
    double parallelLoss;
    try (GradientEvaluator one = new GradientEvaluator(problem.network, n, 1, Backends.ejml());
      GradientEvaluator four = new GradientEvaluator(problem.network, n, 4, Backends.ejml())) {
      assertEquals(4, four.numThreads());
      serialLoss = one.lossAndGradient(data, rows, 0, n, 150.0, 0.3, serial);
      parallelLoss = four.lossAndGradient(data, rows, 0, n, 150.0, 0.3, parallel);
    }
    assertEquals(serialLoss, parallelLoss, 1e-12 * Math.abs(serialLoss));
    for (int k = 0; k < serial.arrays().length; k++) {
      for (int i = 0; i < serial.arrays()[k].length; i++) {
        assertEquals(serial.arrays()[k][i], parallel.arrays()[k][i], 1e-12);
      }
    }
  }
}
