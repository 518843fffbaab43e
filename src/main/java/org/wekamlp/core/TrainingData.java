package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Encoded training data: one row per instance. Held by reference; the trainer reads rows by index
 * and never copies the whole matrix. Rows of weight 0 are allowed and ignored by training: they take no minibatch
 * or validation slot and do not count in the penalty's row count.
 */
public final class TrainingData {

  /** The error for training rows of which none has a positive weight. */
  public static final String NO_POSITIVE_WEIGHT =
    "The training rows have a total instance weight of 0.0: at least one instance needs a positive weight.";

  private final DMatrixRMaj inputs;
  private final DMatrixRMaj targets;
  private final double[] weights;
  private final int[] classLabels;

  /**
   * @param inputs encoded inputs (n x d). Not modified.
   * @param targets one-hot class targets or regression targets (n x outputs). Not modified.
   * @param weights instance weights (n), finite and non-negative. Not modified.
   * @param classLabels class index per row for classification (used for stratified splits and
   *     accuracy), or null for regression. Not modified.
   * @throws IllegalArgumentException when the sizes differ or a weight is negative, NaN or infinite
   */
  public TrainingData(DMatrixRMaj inputs, DMatrixRMaj targets, double[] weights, int[] classLabels) {
    if (targets.numRows != inputs.numRows || weights.length != inputs.numRows
      || (classLabels != null && classLabels.length != inputs.numRows)) {
      throw new IllegalArgumentException("Inputs, targets, weights and labels must have the same number of rows.");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("Row " + (i + 1) + " has the weight " + weights[i]
          + "; instance weights must be finite and >= 0.");
      }
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

  /**
   * @return the indices of the rows with a positive weight, in order: the rows training uses
   * @throws IllegalArgumentException ({@link #NO_POSITIVE_WEIGHT}) when there is none
   */
  public int[] rowsWithPositiveWeight() {
    int count = 0;
    for (double w : weights) {
      count += w > 0.0 ? 1 : 0;
    }
    if (count == 0) {
      throw new IllegalArgumentException(NO_POSITIVE_WEIGHT);
    }
    int[] rows = new int[count];
    for (int i = 0, j = 0; i < weights.length; i++) {
      if (weights[i] > 0.0) {
        rows[j++] = i;
      }
    }
    return rows;
  }

  /** @return true for classification data */
  public boolean isClassification() {
    return classLabels != null;
  }
}
