package org.wekamlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A step spread over ranges (as the training loop's threads do it, in any order) equals the whole-array
 * update, for every optimizer, over several steps.
 */
class OptimizerRangeTest {

  private static double[][] random(Random random, int... lengths) {
    double[][] arrays = new double[lengths.length][];
    for (int k = 0; k < lengths.length; k++) {
      arrays[k] = new double[lengths[k]];
      for (int i = 0; i < lengths[k]; i++) {
        arrays[k][i] = random.nextGaussian();
      }
    }
    return arrays;
  }

  private static double[][] copy(double[][] arrays) {
    double[][] copy = new double[arrays.length][];
    for (int k = 0; k < arrays.length; k++) {
      copy[k] = arrays[k].clone();
    }
    return copy;
  }

  private static void check(Optimizer whole, Optimizer ranges, double[][] start) {
    Random random = new Random(9);
    double[][] a = copy(start);
    double[][] b = copy(start);
    for (int step = 0; step < 5; step++) {
      double[][] g = random(random, 13, 4, 9);
      whole.update(a, g);
      ranges.beginStep();
      // backwards and in uneven pieces, as disjoint ranges of different threads may run
      for (int k = g.length - 1; k >= 0; k--) {
        int cut = g[k].length / 3;
        ranges.updateRange(b, g, k, cut, g[k].length);
        ranges.updateRange(b, g, k, 0, cut);
      }
    }
    for (int k = 0; k < a.length; k++) {
      assertArrayEquals(a[k], b[k], 0.0);
    }
  }

  @Test
  void adamInRangesEqualsAdamWhole() {
    double[][] start = random(new Random(1), 13, 4, 9);
    check(new Adam(start, 0.01, 0.9, 0.999, 1e-8), new Adam(start, 0.01, 0.9, 0.999, 1e-8), start);
  }

  @Test
  void sgdInRangesEqualsSgdWhole() {
    double[][] start = random(new Random(2), 13, 4, 9);
    for (boolean nesterov : new boolean[] {true, false}) {
      check(new Sgd(start, 0.1, LearningRateSchedule.CONSTANT, 0.5, 0.9, nesterov),
        new Sgd(start, 0.1, LearningRateSchedule.CONSTANT, 0.5, 0.9, nesterov), start);
    }
  }
}
