package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

import org.wekamlp.core.backend.Precision;

/**
 * Encoded training data: one row per instance. Held by reference; the trainer reads rows by index
 * and never copies the whole matrix. The encoded inputs are held in float64 ({@link DMatrixRMaj}) or, for training
 * with float32 products, in float32 ({@link FMatrixRMaj}, half the memory): the rows then go from this copy to the
 * products as they are, without a conversion on every pass. Rows of weight 0 are allowed and ignored by training:
 * they take no minibatch or validation slot and do not count in the penalty's row count.
 */
public final class TrainingData {

  /** The error for training rows of which none has a positive weight. */
  public static final String NO_POSITIVE_WEIGHT = "The training rows have a total instance weight of 0.0: at least one instance needs a positive weight.";

  /** The inputs in float64, or null when they are held in float32. */
  private final DMatrixRMaj inputs;
  /** The inputs in float32, or null when they are held in float64. */
  private final FMatrixRMaj floatInputs;
  private final DMatrixRMaj targets;
  private final double[] weights;
  private final int[] classLabels;

  /**
   * @param inputs encoded inputs (n x d) in float64. Not modified.
   * @param targets one-hot class targets or regression targets (n x outputs). Not modified.
   * @param weights instance weights (n), finite and non-negative. Not modified.
   * @param classLabels class index per row for classification (used for stratified splits and
   *     accuracy), or null for regression. Not modified.
   * @throws IllegalArgumentException when the sizes differ or a weight is negative, NaN or infinite
   */
  public TrainingData(DMatrixRMaj inputs, DMatrixRMaj targets, double[] weights, int[] classLabels) {
    this(inputs, null, inputs.numRows, targets, weights, classLabels);
  }

  /**
   * @param inputs encoded inputs (n x d) in float32, for training with float32 products. Not modified.
   * @param targets one-hot class targets or regression targets (n x outputs). Not modified.
   * @param weights instance weights (n), finite and non-negative. Not modified.
   * @param classLabels class index per row for classification, or null for regression. Not modified.
   * @throws IllegalArgumentException when the sizes differ or a weight is negative, NaN or infinite
   */
  public TrainingData(FMatrixRMaj inputs, DMatrixRMaj targets, double[] weights, int[] classLabels) {
    this(null, inputs, inputs.numRows, targets, weights, classLabels);
  }

  private TrainingData(DMatrixRMaj inputs, FMatrixRMaj floatInputs, int rows, DMatrixRMaj targets, double[] weights,
    int[] classLabels) {
    if (targets.numRows != rows || weights.length != rows || (classLabels != null && classLabels.length != rows)) {
      throw new IllegalArgumentException("Inputs, targets, weights and labels must have the same number of rows.");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("Row " + (i + 1) + " has the weight " + weights[i]
          + "; instance weights must be finite and >= 0.");
      }
    }
    this.inputs = inputs;
    this.floatInputs = floatInputs;
    this.targets = targets;
    this.weights = weights;
    this.classLabels = classLabels;
  }

  /** @return number of rows */
  public int numRows() {
    return targets.numRows;
  }

  /** @return number of encoded input columns */
  public int numInputs() {
    return inputs != null ? inputs.numCols : floatInputs.numCols;
  }

  /** @return the number type in which the inputs are held */
  public Precision inputPrecision() {
    return inputs != null ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  /** @return the bytes of the encoded inputs: rows x columns x 8 in float64, x 4 in float32 */
  public long inputBytes() {
    return (long) numRows() * numInputs() * (inputs != null ? Double.BYTES : Float.BYTES);
  }

  /**
   * @return the input matrix (live)
   * @throws IllegalStateException when the inputs are held in float32 ({@link #floatInputs()})
   */
  public DMatrixRMaj inputs() {
    if (inputs == null) {
      throw new IllegalStateException("The inputs are held in float32: read them through floatInputs().");
    }
    return inputs;
  }

  /**
   * @return the input matrix in float32 (live)
   * @throws IllegalStateException when the inputs are held in float64 ({@link #inputs()})
   */
  public FMatrixRMaj floatInputs() {
    if (floatInputs == null) {
      throw new IllegalStateException("The inputs are held in float64: read them through inputs().");
    }
    return floatInputs;
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
}
