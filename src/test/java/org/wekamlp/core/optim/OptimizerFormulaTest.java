package org.wekamlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each optimizer's update rebuilt from its formula, written out with scalars; the schedules. */
class OptimizerFormulaTest {

  private static final double[][] GRADIENTS_1 = {{0.5, -1.0}, {2.0}};
  private static final double[][] GRADIENTS_2 = {{-0.25, 0.75}, {1.0}};

  private static double[][] start() {
    return new double[][] {{1.0, 2.0}, {-3.0}};
  }

  @Test
  void sgdWithMomentumFollowsItsFormula() {
    double rate = 0.1;
    double mu = 0.9;
    double[][] p = start();
    Sgd sgd = new Sgd(p, rate, LearningRateSchedule.CONSTANT, 0.5, mu, false);
    sgd.update(p, GRADIENTS_1);
    sgd.update(p, GRADIENTS_2);
    double[][] expected = start();
    for (int k = 0; k < expected.length; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        double v1 = -rate * GRADIENTS_1[k][i];
        double v2 = mu * v1 - rate * GRADIENTS_2[k][i];
        expected[k][i] += v1 + v2;
      }
    }
    assertClose(expected, p);
  }

  @Test
  void sgdWithNesterovMomentumFollowsItsFormula() {
    double rate = 0.05;
    double mu = 0.8;
    double[][] p = start();
    Sgd sgd = new Sgd(p, rate, LearningRateSchedule.CONSTANT, 0.5, mu, true);
    sgd.update(p, GRADIENTS_1);
    sgd.update(p, GRADIENTS_2);
    double[][] expected = start();
    for (int k = 0; k < expected.length; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        double v1 = -rate * GRADIENTS_1[k][i];
        double step1 = mu * v1 - rate * GRADIENTS_1[k][i];
        double v2 = mu * v1 - rate * GRADIENTS_2[k][i];
        double step2 = mu * v2 - rate * GRADIENTS_2[k][i];
        expected[k][i] += step1 + step2;
      }
    }
    assertClose(expected, p);
  }

  @Test
  void adamFollowsItsFormula() {
    double rate = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[][] p = start();
    Adam adam = new Adam(p, rate, b1, b2, eps);
    adam.update(p, GRADIENTS_1);
    adam.update(p, GRADIENTS_2);
    assertEquals(2, adam.steps());
    double[][] expected = start();
    for (int k = 0; k < expected.length; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        double m = 0;
        double v = 0;
        double[] gs = {GRADIENTS_1[k][i], GRADIENTS_2[k][i]};
        for (int t = 1; t <= 2; t++) {
          double g = gs[t - 1];
          m = b1 * m + (1 - b1) * g;
          v = b2 * v + (1 - b2) * g * g;
          // the paper's bias-corrected moments
          double mHat = m / (1 - Math.pow(b1, t));
          double vHat = v / (1 - Math.pow(b2, t));
          // the folded form used in the implementation equals this up to where epsilon enters
          double lrT = rate * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          expected[k][i] -= lrT * m / (Math.sqrt(v) + eps);
          assertEquals(rate * mHat / Math.sqrt(vHat), lrT * m / Math.sqrt(v), 1e-12);
        }
      }
    }
    assertClose(expected, p);
  }

  @Test
  void firstAdamStepMovesEachParameterByAboutTheLearningRate() {
    double[][] p = start();
    new Adam(p, 0.01, 0.9, 0.999, 1e-8).update(p, GRADIENTS_1);
    // step 1: m_hat = g, v_hat = g^2, so the step is rate * sign(g), shortened by epsilon's share of the
    // denominator (relative 1e-8 / (sqrt(1 - beta2) |g|), here below 1e-6)
    assertEquals(1.0 - 0.01, p[0][0], 1e-8);
    assertEquals(2.0 + 0.01, p[0][1], 1e-8);
    assertEquals(-3.0 - 0.01, p[1][0], 1e-8);
  }

  @Test
  void invscalingScheduleDividesByPowerOfSamplesSeen() {
    Sgd sgd = new Sgd(start(), 0.2, LearningRateSchedule.INVSCALING, 0.5, 0.9, true);
    assertEquals(0.2, sgd.learningRate(), 0.0);
    sgd.endEpoch(99);
    assertEquals(0.2 / Math.pow(100, 0.5), sgd.learningRate(), 1e-15);
    sgd.endEpoch(999);
    assertEquals(0.2 / Math.pow(1000, 0.5), sgd.learningRate(), 1e-15);
    assertTrue(sgd.onNoImprovement(), "invscaling stops when the loss stalls");
  }

  @Test
  void adaptiveScheduleDividesByFiveUntilTheFloor() {
    Sgd sgd = new Sgd(start(), 0.001, LearningRateSchedule.ADAPTIVE, 0.5, 0.9, true);
    sgd.endEpoch(1000);
    assertEquals(0.001, sgd.learningRate(), 0.0, "adaptive ignores the epoch count");
    int reductions = 0;
    while (!sgd.onNoImprovement()) {
      reductions++;
      assertEquals(0.001 / Math.pow(5, reductions), sgd.learningRate(), 1e-18);
    }
    // 0.001 / 5^5 = 3.2e-7 <= 1e-6 after five reductions; the sixth stall stops training
    assertEquals(5, reductions);
    assertTrue(sgd.learningRate() <= 1e-6);
  }

  @Test
  void constantScheduleNeverChanges() {
    Sgd sgd = new Sgd(start(), 0.3, LearningRateSchedule.CONSTANT, 0.5, 0.9, true);
    sgd.endEpoch(12345);
    assertEquals(0.3, sgd.learningRate(), 0.0);
    assertTrue(sgd.onNoImprovement());
    Adam adam = new Adam(start(), 0.3, 0.9, 0.999, 1e-8);
    assertTrue(adam.onNoImprovement());
    assertFalse(Double.isNaN(adam.learningRate()));
  }

  private static void assertClose(double[][] expected, double[][] actual) {
    for (int k = 0; k < expected.length; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        assertEquals(expected[k][i], actual[k][i], 1e-12, "parameter [" + k + "][" + i + "]");
      }
    }
  }
}
