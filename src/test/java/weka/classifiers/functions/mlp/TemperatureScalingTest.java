package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import org.wekamlp.core.ReliabilityBins;

/** The temperature fit on synthetic predictions: its derivatives, its minimum, the argmax, weights, the clamps. */
class TemperatureScalingTest {

  private static final int K = 4;

  /**
   * Rows whose labels are drawn from softmax(z / trueT) while the probabilities given are softmax(z): an
   * overconfident model for trueT > 1.
   */
  private static double[] probabilities(int n, double trueT, long seed, int[] labels) {
    Random random = new Random(seed);
    double[] p = new double[n * K];
    double[] drawn = new double[K];
    for (int i = 0; i < n; i++) {
      double[] z = new double[K];
      for (int k = 0; k < K; k++) {
        z[k] = 4 * random.nextGaussian();
      }
      softmax(z, 1.0, p, i * K);
      softmax(z, 1.0 / trueT, drawn, 0);
      double u = random.nextDouble();
      int label = 0;
      for (double c = drawn[0]; c < u && label < K - 1; c += drawn[++label]) {
        // walk the cumulative distribution
      }
      labels[i] = label;
    }
    return p;
  }

  private static void softmax(double[] z, double beta, double[] destination, int offset) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0.0;
    for (int k = 0; k < z.length; k++) {
      destination[offset + k] = Math.exp(beta * (z[k] - max));
      sum += destination[offset + k];
    }
    for (int k = 0; k < z.length; k++) {
      destination[offset + k] /= sum;
    }
  }

  /** Fits rows made by {@link #probabilities}, which are copied into {@code p} (length n * K). */
  private static TemperatureScaling fitted(int n, double trueT, long seed, double[] p) {
    int[] labels = new int[n];
    System.arraycopy(probabilities(n, trueT, seed, labels), 0, p, 0, n * K);
    return TemperatureScaling.fit(p, K, labels, ones(n), "test");
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  @Test
  void recoversTheTemperatureThatGeneratedTheLabels() {
    TemperatureScaling scaling = fitted(20000, 2.5, 1, new double[20000 * K]);
    assertEquals(2.5, scaling.temperature(), 0.15);
    assertTrue(scaling.logLoss()[1] < scaling.logLoss()[0], "log-loss lower after");
    assertTrue(scaling.expectedCalibrationError()[1] < 0.5 * scaling.expectedCalibrationError()[0],
      "ECE " + scaling.expectedCalibrationError()[0] + " -> " + scaling.expectedCalibrationError()[1]);
  }

  /** The minimum: the derivative is 0 there, and the loss higher a little to either side. */
  @Test
  void findsTheMinimumOfTheConvexLoss() {
    int n = 3000;
    int[] labels = new int[n];
    double[] p = probabilities(n, 0.6, 2, labels);
    double[] logits = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      logits[i] = Math.log(p[i]);
    }
    TemperatureScaling.Objective objective = new TemperatureScaling.Objective(logits, K, labels, ones(n));
    double beta = objective.minimize();
    assertEquals(0.0, objective.evaluate(beta)[1], 1e-10);
    assertTrue(objective.meanLoss(beta) < objective.meanLoss(beta * 1.01));
    assertTrue(objective.meanLoss(beta) < objective.meanLoss(beta / 1.01));
    // the analytic derivatives against central differences
    double h = 1e-5;
    double[] f = objective.evaluate(0.8);
    assertEquals((objective.meanLoss(0.8 + h) - objective.meanLoss(0.8 - h)) / (2 * h), f[1], 1e-7);
    assertEquals((objective.evaluate(0.8 + h)[1] - objective.evaluate(0.8 - h)[1]) / (2 * h), f[2], 1e-6);
  }

  @Test
  void keepsTheMostProbableClassOfEveryRow() {
    int n = 2000;
    double[] p = new double[n * K];
    TemperatureScaling scaling = fitted(n, 3.0, 3, p);
    double[] scaled = new double[K];
    for (int i = 0; i < n; i++) {
      scaling.apply(p, i * K, K, scaled);
      assertEquals(ReliabilityBins.topLabel(p, i * K, K), ReliabilityBins.topLabel(scaled, 0, K), "row " + i);
      double sum = 0.0;
      for (double v : scaled) {
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  /** A weight of 2 counts as the row twice: the same temperature as with the row duplicated. */
  @Test
  void honoursInstanceWeights() {
    int n = 500;
    int[] labels = new int[n];
    double[] p = probabilities(n, 1.7, 4, labels);
    double[] weights = ones(n);
    int doubled = 0;
    for (int i = 0; i < n; i += 3) {
      weights[i] = 2.0;
      doubled++;
    }
    double[] p2 = new double[(n + doubled) * K];
    int[] labels2 = new int[n + doubled];
    System.arraycopy(p, 0, p2, 0, p.length);
    System.arraycopy(labels, 0, labels2, 0, n);
    for (int i = 0, j = n; i < n; i += 3, j++) {
      System.arraycopy(p, i * K, p2, j * K, K);
      labels2[j] = labels[i];
    }
    double weighted = TemperatureScaling.fit(p, K, labels, weights, "w").temperature();
    double duplicated = TemperatureScaling.fit(p2, K, labels2, ones(n + doubled), "d").temperature();
    assertEquals(duplicated, weighted, 1e-9 * duplicated);
    double unweighted = TemperatureScaling.fit(p, K, labels, ones(n), "u").temperature();
    assertTrue(Math.abs(unweighted - weighted) > 1e-6, "the weights change the fit");
  }

  /** Held-out predictions no better than chance would push T to infinity: it stops at 100, the argmax kept. */
  @Test
  void clampsTheTemperatureOfAModelNoBetterThanChance() {
    double[] p = {0.9, 0.1, 0.1, 0.9, 0.8, 0.2, 0.3, 0.7};
    int[] wrong = {1, 0, 1, 0};
    assertEquals(1.0 / TemperatureScaling.MIN_BETA, TemperatureScaling.fit(p, 2, wrong, ones(4), "t").temperature(),
      1e-12);
    int[] right = {0, 1, 0, 1};
    assertEquals(1.0 / TemperatureScaling.MAX_BETA, TemperatureScaling.fit(p, 2, right, ones(4), "t").temperature(),
      1e-12);
  }
}
