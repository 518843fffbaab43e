package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Encoded training data: one row per instance. Held by reference; the trainer reads rows by index
 * and never copies the whole matrix.
 */
public final class TrainingData {

  private final DMatrixRMaj inputs;
  private final DMatrixRMaj targets;
  private final double[] weights;
  private final int[] classLabels;

  /**
   * @param inputs encoded inputs (n x d). Not modified.
   * @param targets one-hot class targets or regression targets (n x outputs). Not modified.
   * @param weights instance weights (n), non-negative with a positive sum. Not modified.
   * @param classLabels class index per row for classification (used for stratified splits and
   *     accuracy), or null for regression. Not modified.
   */
  public TrainingData(DMatrixRMaj inputs, DMatrixRMaj targets, double[] weights, int[] classLabels) {
    if (targets.numRows != inputs.numRows || weights.length != inputs.numRows
      || (classLabels != null && classLabels.length != inputs.numRows)) {
      throw new IllegalArgumentException("Inputs, targets, weights and labels must have the same number of rows.");
    }
    this.inputs = inputs;
    this.targets = targets;
    this.weights = weights;
    this.classLabels = classLabels;
  }

  /** @return number of rows */
  public int numRows() {
    return inputs.numRows;
  }

  /** @return the input matrix (live) */
  public DMatrixRMaj inputs() {
    return inputs;
  }

  /** @return the target matrix (live) */
  public DMatrixRMaj targets() {
    return targets;
  }

  /** @return the instance weights (live) */
  public double[] weights() {
    return weights;
  }

  /** @return class index per row, or null for regression */
  public int[] classLabels() {
    return classLabels;
  }

  /** @return true for classification data */
  public boolean isClassification() {
    return classLabels != null;
  }
}
