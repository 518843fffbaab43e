package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The branch-free relu kernels and the fused bias-and-activation step against their plain definitions.
 */
class ActivationTest {

  @Test
  void reluIsMaxOfZeroAndItsDerivativeAStepAtZero() {
    double[] z = {-3.0, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1e-300, 0.5, 7.0, 1e300};
    double[] a = z.clone();
    Activation.RELU.apply(a, a.length);
    for (int i = 0; i < z.length; i++) {
      assertEquals(z[i] > 0 ? z[i] : 0.0, a[i], 0.0, "relu(" + z[i] + ")");
    }
    double[] delta = new double[z.length];
    java.util.Arrays.fill(delta, -2.5);
    Activation.RELU.multiplyByDerivative(a, delta, delta.length);
    for (int i = 0; i < z.length; i++) {
      // zero where the unit is inactive, untouched where it is active (however small its output)
      assertEquals(a[i] > 0 ? -2.5 : 0.0, delta[i], 0.0, "relu'(" + z[i] + ")");
    }
  }

  @Test
  void applyWithBiasIsAddingTheBiasRowThenApplying() {
    Random random = new Random(4);
    int rows = 7;
    int cols = 5;
    double[] bias = new double[cols];
    for (int c = 0; c < cols; c++) {
      bias[c] = random.nextGaussian();
    }
    for (Activation activation : Activation.values()) {
      double[] fused = new double[rows * cols];
      for (int i = 0; i < fused.length; i++) {
        fused[i] = random.nextGaussian();
      }
      double[] plain = fused.clone();
      for (int i = 0; i < plain.length; i++) {
        plain[i] += bias[i % cols];
      }
      activation.apply(plain, plain.length);
      activation.applyWithBias(fused, rows, bias);
      for (int i = 0; i < plain.length; i++) {
        assertEquals(plain[i], fused[i], 0.0, activation + " entry " + i);
      }
    }
  }
}
