package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backends;

/** Behaviour of whole training runs on small synthetic problems. */
class TrainingRunTest {

  /** Two Gaussian blobs per class in 2-D, k classes, with some overlap. */
  static TrainingData blobs(int n, int k, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj x = new DMatrixRMaj(n, 2);
    DMatrixRMaj y = new DMatrixRMaj(n, k);
    int[] labels = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      labels[i] = c;
      y.data[i * k + c] = 1;
      double angle = 2 * Math.PI * c / k;
      x.data[2 * i] = 2 * Math.cos(angle) + random.nextGaussian();
      x.data[2 * i + 1] = 2 * Math.sin(angle) + random.nextGaussian();
      w[i] = 1.0;
    }
    return new TrainingData(x, y, w, labels);
  }

  static TrainingConfig config(Solver solver) {
    TrainingConfig c = new TrainingConfig();
    c.solver = solver;
    c.hiddenLayerSizes = new int[] {8};
    c.numThreads = 1;
    return c;
  }

  static Network network(TrainingConfig c, int inputs, int outputs, OutputLayer output) {
    int[] sizes = new int[c.hiddenLayerSizes.length + 2];
    sizes[0] = inputs;
    System.arraycopy(c.hiddenLayerSizes, 0, sizes, 1, c.hiddenLayerSizes.length);
    sizes[sizes.length - 1] = outputs;
    return new Network(sizes, c.activation, output);
  }

  static TrainingRun train(TrainingConfig c, Network net, TrainingData data) {
    TrainingRun run = new TrainingRun(net, data, c, Backends.ejml(), null);
    while (run.nextEpoch()) {
      // train
    }
    run.finish();
    return run;
  }

  @Test
  void lossDecreasesForEverySolver() {
    TrainingData data = blobs(120, 3, 1);
    for (Solver solver : Solver.values()) {
      TrainingConfig c = config(solver);
      c.maxIterations = 50;
      c.learningRateInit = solver == Solver.SGD ? 0.05 : 0.01;
      TrainingRun run = train(c, network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY), data);
      double[] curve = run.history().lossCurve();
      assertTrue(curve[curve.length - 1] < 0.6 * curve[0],
        solver + ": loss from " + curve[0] + " to " + curve[curve.length - 1]);
    }
  }

  @Test
  void largerAlphaGivesSmallerWeights() {
    TrainingData data = blobs(90, 3, 2);
    double previous = Double.POSITIVE_INFINITY;
    for (double alpha : new double[] {0.0, 0.1, 1.0, 10.0}) {
      TrainingConfig c = config(Solver.LBFGS);
      c.alpha = alpha;
      c.maxIterations = 300;
      Network net = network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
      train(c, net, data);
      double norm = net.squaredWeightNorm();
      assertTrue(norm < previous, "alpha " + alpha + ": ||W||^2 " + norm + " not below " + previous);
      previous = norm;
    }
  }

  @Test
  void sameSeedGivesBitIdenticalNetworksAndAnotherSeedDoesNot() {
    TrainingData data = blobs(100, 2, 3);
    TrainingConfig c = config(Solver.ADAM);
    c.maxIterations = 20;
    c.numThreads = 2;
    c.miniBatchSize = 40;
    Network a = network(c, 2, 2, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    Network b = network(c, 2, 2, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    train(c, a, data);
    train(c, b, data);
    for (int k = 0; k < a.parameterArrays().length; k++) {
      assertArrayEquals(a.parameterArrays()[k], b.parameterArrays()[k], 0.0);
    }
    c.seed = 2;
    Network other = network(c, 2, 2, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    train(c, other, data);
    assertNotEquals(a.weights(0).get(0, 0), other.weights(0).get(0, 0));
  }

  @Test
  void oneAndSeveralThreadsAgreeWithinRoundingForTheWholeRun() {
    TrainingData data = blobs(200, 3, 4);
    TrainingConfig c = config(Solver.ADAM);
    // wide enough for three threads to pay off (smaller networks train on fewer threads than asked for)
    c.hiddenLayerSizes = new int[] {256, 256};
    c.maxIterations = 5;
    c.miniBatchSize = 100;
    Network serial = network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    train(c, serial, data);
    c.numThreads = 3;
    Network parallel = network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    TrainingRun run = train(c, parallel, data);
    assertEquals(3, run.numThreads());
    for (int k = 0; k < serial.parameterArrays().length; k++) {
      assertArrayEquals(serial.parameterArrays()[k], parallel.parameterArrays()[k], 1e-9);
    }
  }

  @Test
  void aSmallNetworkTrainsOnFewerThreadsThanAskedFor() {
    TrainingData data = blobs(200, 3, 4);
    TrainingConfig c = config(Solver.ADAM);
    c.numThreads = 4;
    c.maxIterations = 1;
    assertEquals(1, train(c, network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY), data).numThreads());
  }

  @Test
  void earlyStoppingRestoresTheWeightsOfTheBestValidationEpoch() {
    // noisy labels: the validation score peaks and then wanders while training continues
    TrainingData data = blobs(200, 2, 5);
    TrainingConfig c = config(Solver.ADAM);
    c.hiddenLayerSizes = new int[] {32};
    c.earlyStopping = true;
    c.learningRateInit = 0.05;
    c.nIterNoChange = 5;
    c.maxIterations = 100;
    Network net = network(c, 2, 2, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    List<double[][]> snapshots = new ArrayList<>();
    TrainingRun run = new TrainingRun(net, data, c, Backends.ejml(), (epoch, loss, score, seconds) -> {
      double[][] copy = net.parameterArrays();
      for (int k = 0; k < copy.length; k++) {
        copy[k] = copy[k].clone();
      }
      snapshots.add(copy);
    });
    assertEquals(20, run.numValidationRows());
    assertEquals(180, run.numTrainingRows());
    while (run.nextEpoch()) {
      // train
    }
    TrainingHistory history = run.history();
    int best = history.bestValidationEpoch();
    assertTrue(best >= 1 && best < history.epochs(), "best epoch " + best + " of " + history.epochs());
    double[] scores = history.validationScores();
    for (double s : scores) {
      assertTrue(s <= history.bestValidationScore());
    }
    run.finish();
    double[][] expected = snapshots.get(best - 1);
    double[][] actual = net.parameterArrays();
    for (int k = 0; k < expected.length; k++) {
      assertArrayEquals(expected[k], actual[k], 0.0);
    }
    assertEquals(StopReason.VALIDATION_SCORE_CONVERGED, history.stopReason());
  }

  @Test
  void stratifiedValidationSplitKeepsClassProportions() {
    int n = 100;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i < 80 ? 0 : 1;
    }
    int[][] split = ValidationSplit.split(n, labels, 0.2, new Random(1));
    assertEquals(20, split[1].length);
    int minority = 0;
    for (int row : split[1]) {
      minority += labels[row];
    }
    assertEquals(4, minority);
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
      () -> ValidationSplit.split(1, new int[] {0}, 0.1, new Random(1)));
    // the core names the setting; a front end renders it with its flag (the Weka layer: -early-stopping)
    String rendered = e.messageNaming(setting -> "earlyStopping".equals(setting) ? "-early-stopping" : setting);
    assertTrue(rendered.startsWith("-early-stopping needs at least 2"), rendered);
  }

  @Test
  void lbfgsReachesTheOptimumOfAConvexSoftmaxRegression() {
    TrainingData data = blobs(150, 3, 6);
    TrainingConfig c = config(Solver.LBFGS);
    c.hiddenLayerSizes = new int[0];
    c.alpha = 1.0;
    c.tolerance = 1e-8;
    c.maxIterations = 500;
    Network net = network(c, 2, 3, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    TrainingRun run = train(c, net, data);
    assertTrue(run.history().stopReason() == StopReason.GRADIENT_CONVERGED
      || run.history().stopReason() == StopReason.LOSS_CONVERGED, String.valueOf(run.history().stopReason()));
    int[] rows = new int[150];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Gradient g = new Gradient(net);
    try (GradientEvaluator evaluator = new GradientEvaluator(net, 150, 1, Backends.ejml())) {
      evaluator.lossAndGradient(data, rows, 0, 150, 150.0, 1.0, g);
    }
    double max = 0;
    for (double[] a : g.arrays()) {
      for (double v : a) {
        max = Math.max(max, Math.abs(v));
      }
    }
    assertTrue(max < 1e-5, "gradient max-norm at the end " + max);
  }

  @Test
  void divergenceEndsWithAnErrorThatSaysWhatToChange() {
    // squared error with sgd at rate 10: every step overshoots further until the numbers overflow
    Random random = new Random(7);
    int n = 100;
    DMatrixRMaj x = new DMatrixRMaj(n, 2);
    DMatrixRMaj y = new DMatrixRMaj(n, 1);
    for (int i = 0; i < n; i++) {
      x.data[2 * i] = random.nextGaussian();
      x.data[2 * i + 1] = random.nextGaussian();
      y.data[i] = x.data[2 * i] - x.data[2 * i + 1];
    }
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    TrainingConfig c = config(Solver.SGD);
    c.learningRateInit = 10.0;
    Network net = network(c, 2, 1, OutputLayer.IDENTITY_SQUARED_ERROR);
    TrainingRun run = new TrainingRun(net, new TrainingData(x, y, w, null), c, Backends.ejml(), null);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
      while (run.nextEpoch()) {
        // train until it fails
      }
    });
    // the core names the setting; a front end renders it with its flag (the Weka layer: -learning-rate-init)
    String rendered = e.messageNaming(setting -> "learningRateInit".equals(setting) ? "-learning-rate-init" : setting);
    assertTrue(rendered.contains("smaller -learning-rate-init (now 10.0)"), rendered);
    run.finish();
  }

  @Test
  void interruptStopsTrainingAtTheNextMinibatch() {
    TrainingData data = blobs(400, 2, 8);
    TrainingConfig c = config(Solver.ADAM);
    c.miniBatchSize = 10;
    c.numThreads = 2;
    Network net = network(c, 2, 2, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    TrainingRun run = new TrainingRun(net, data, c, Backends.ejml(), null);
    Thread.currentThread().interrupt();
    try {
      assertThrows(TrainingInterruptedException.class, run::nextEpoch);
      assertEquals(0, run.history().epochs());
    } finally {
      Thread.interrupted();
      run.finish();
    }
  }

  @Test
  void regressionLearnsALinearFunction() {
    Random random = new Random(9);
    int n = 200;
    DMatrixRMaj x = new DMatrixRMaj(n, 3);
    DMatrixRMaj y = new DMatrixRMaj(n, 1);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0.3;
      for (int j = 0; j < 3; j++) {
        x.data[i * 3 + j] = random.nextGaussian();
        sum += (j + 1) * 0.5 * x.data[i * 3 + j];
      }
      y.data[i] = sum;
      w[i] = 1;
    }
    TrainingConfig c = config(Solver.LBFGS);
    c.activation = Activation.IDENTITY;
    c.alpha = 0.0;
    c.tolerance = 1e-10;
    c.maxIterations = 500;
    Network net = network(c, 3, 1, OutputLayer.IDENTITY_SQUARED_ERROR);
    train(c, net, new TrainingData(x, y, w, null));
    DMatrixRMaj out = new DMatrixRMaj(n, 1);
    net.predict(x, out);
    for (int i = 0; i < n; i++) {
      assertEquals(y.data[i], out.data[i], 1e-4);
    }
  }
}
