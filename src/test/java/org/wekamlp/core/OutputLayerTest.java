package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The validation scores of the output layers, against hand computations. */
class OutputLayerTest {

  /** Four data rows; the scored rows are 3, 0 and 2, in that order (row 1 is left out). */
  private static final int[] SCORED = {3, 0, 2};
  private static final double[] WEIGHTS = {1.0, 5.0, 2.0, 3.0};

  @Test
  void softmaxScoresTheWeightedAccuracyOfTheScoredRows() {
    // classes of the data rows 0..3: 0, 1, 1, 0 (one-hot)
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});
    // predicted: row 3 -> class 0 (right), row 0 -> a tie, which goes to the first class, 0 (right),
    // row 2 -> class 0 (wrong)
    DMatrixRMaj outputs = new DMatrixRMaj(new double[][] {{0.7, 0.3}, {0.5, 0.5}, {0.6, 0.4}});
    // right: weight 3 + 1 = 4 of 3 + 1 + 2 = 6; row 1 (weight 5) does not count
    assertEquals(4.0 / 6.0, OutputLayer.SOFTMAX_CROSS_ENTROPY.validationScore(outputs, targets, WEIGHTS, SCORED),
      1e-12);
  }

  @Test
  void softmaxScoresZeroOnRowsOfNoWeight() {
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{1, 0}});
    DMatrixRMaj outputs = new DMatrixRMaj(new double[][] {{0.9, 0.1}});
    assertEquals(0.0, OutputLayer.SOFTMAX_CROSS_ENTROPY.validationScore(outputs, targets, new double[] {0.0},
      new int[] {0}));
  }

  @Test
  void identityScoresTheWeightedRSquaredOfTheScoredRows() {
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{5}, {10}, {3}, {1}});
    DMatrixRMaj outputs = new DMatrixRMaj(new double[][] {{1.5}, {5}, {2}});
    // scored rows 3, 0, 2: targets 1, 5, 3 with weights 3, 1, 2
    // weighted mean (3 * 1 + 1 * 5 + 2 * 3) / 6 = 14 / 6 = 7 / 3
    // residual 3 * 0.5^2 + 1 * 0^2 + 2 * 1^2 = 2.75
    // total 3 * (4/3)^2 + 1 * (8/3)^2 + 2 * (2/3)^2 = (48 + 64 + 8) / 9 = 120 / 9
    // R^2 = 1 - 2.75 * 9 / 120 = 1 - 24.75 / 120 = 95.25 / 120
    assertEquals(95.25 / 120.0, OutputLayer.IDENTITY_SQUARED_ERROR.validationScore(outputs, targets, WEIGHTS, SCORED),
      1e-12);
  }

  @Test
  void identityAveragesRSquaredOverOutputs() {
    // first output as above; the second predicted exactly (R^2 = 1)
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{5, 2}, {10, 0}, {3, 4}, {1, 8}});
    DMatrixRMaj outputs = new DMatrixRMaj(new double[][] {{1.5, 8}, {5, 2}, {2, 4}});
    assertEquals((95.25 / 120.0 + 1.0) / 2.0,
      OutputLayer.IDENTITY_SQUARED_ERROR.validationScore(outputs, targets, WEIGHTS, SCORED), 1e-12);
  }

  @Test
  void identityOnAConstantTargetScoresOneOnlyForAPerfectFit() {
    DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{2}, {2}});
    double[] weights = {1.0, 1.0};
    int[] rows = {0, 1};
    assertEquals(1.0, OutputLayer.IDENTITY_SQUARED_ERROR.validationScore(new DMatrixRMaj(new double[][] {{2}, {2}}),
      targets, weights, rows));
    assertEquals(0.0, OutputLayer.IDENTITY_SQUARED_ERROR.validationScore(
      new DMatrixRMaj(new double[][] {{2}, {2.5}}), targets, weights, rows));
  }
}
