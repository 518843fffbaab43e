package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The output layer and the loss it is trained with, bound together so that an invalid pair cannot be
 * built. For both pairs the derivative of the loss with respect to the output pre-activation is simply
 * {@code output - target}, which is why they are paired this way.
 */
public enum OutputLayer {
  /** Softmax outputs with the cross-entropy (log) loss, for classification with one-hot targets. */
  SOFTMAX_CROSS_ENTROPY("softmax", "cross-entropy") {
    @Override
    public void activate(DMatrixRMaj z) {
      final int rows = z.numRows;
      final int cols = z.numCols;
      final double[] v = z.data;
      for (int r = 0; r < rows; r++) {
        int start = r * cols;
        int end = start + cols;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < end; i++) {
          if (v[i] > max) {
            max = v[i];
          }
        }
        // subtracting the row maximum keeps exp() from overflowing; the result is unchanged
        double sum = 0.0;
        for (int i = start; i < end; i++) {
          double e = Math.exp(v[i] - max);
          v[i] = e;
          sum += e;
        }
        double inverse = 1.0 / sum;
        for (int i = start; i < end; i++) {
          v[i] *= inverse;
        }
      }
    }

    @Override
    public double loss(DMatrixRMaj output, DMatrixRMaj target, double[] rowScale) {
      final int cols = output.numCols;
      final double[] p = output.data;
      final double[] y = target.data;
      double total = 0.0;
      for (int r = 0; r < output.numRows; r++) {
        double rowLoss = 0.0;
        for (int i = r * cols, end = i + cols; i < end; i++) {
          if (y[i] != 0.0) {
            // clipped like scikit-learn so that a confident mistake gives a large, finite loss
            rowLoss -= y[i] * Math.log(Math.max(p[i], PROBABILITY_FLOOR));
          }
        }
        total += rowScale[r] * rowLoss;
      }
      return total;
    }
  },
  /** Identity outputs with half the squared error, for regression. */
  IDENTITY_SQUARED_ERROR("identity", "squared error") {
    @Override
    public void activate(DMatrixRMaj z) {
      // identity
    }

    @Override
    public double loss(DMatrixRMaj output, DMatrixRMaj target, double[] rowScale) {
      final int cols = output.numCols;
      final double[] p = output.data;
      final double[] y = target.data;
      double total = 0.0;
      for (int r = 0; r < output.numRows; r++) {
        double rowLoss = 0.0;
        for (int i = r * cols, end = i + cols; i < end; i++) {
          double d = p[i] - y[i];
          rowLoss += d * d;
        }
        total += 0.5 * rowScale[r] * rowLoss;
      }
      return total;
    }
  };

  /** Smallest probability used inside the logarithm (double machine epsilon, as scikit-learn). */
  static final double PROBABILITY_FLOOR = Math.ulp(1.0);

  private final String activationName;
  private final String lossName;

  OutputLayer(String activationName, String lossName) {
    this.activationName = activationName;
    this.lossName = lossName;
  }

  /** @return the name of the output activation, e.g. {@code softmax}. */
  public String activationName() {
    return activationName;
  }

  /** @return the name of the loss, e.g. {@code cross-entropy}. */
  public String lossName() {
    return lossName;
  }

  /**
   * Turns output pre-activations into outputs, row by row.
   *
   * @param z pre-activations (rows x outputs) on input, outputs on return. Modified.
   */
  public abstract void activate(DMatrixRMaj z);

  /**
   * Weighted loss: sum over rows of {@code rowScale[r] * loss(row r)}.
   *
   * @param output the network outputs. Not modified.
   * @param target the targets, same shape. Not modified.
   * @param rowScale per-row factor (instance weight over the batch's total weight). Not modified.
   * @return the weighted loss, without the L2 penalty
   */
  public abstract double loss(DMatrixRMaj output, DMatrixRMaj target, double[] rowScale);

  /**
   * Writes the error signal at the output pre-activation, {@code rowScale[r] * (output - target)}.
   *
   * @param output the network outputs. Not modified.
   * @param target the targets. Not modified.
   * @param rowScale per-row factor. Not modified.
   * @param delta destination, same shape as output. Modified.
   */
  public void outputDelta(DMatrixRMaj output, DMatrixRMaj target, double[] rowScale, DMatrixRMaj delta) {
    final int cols = output.numCols;
    final double[] p = output.data;
    final double[] y = target.data;
    final double[] d = delta.data;
    for (int r = 0; r < output.numRows; r++) {
      double s = rowScale[r];
      for (int i = r * cols, end = i + cols; i < end; i++) {
        d[i] = s * (p[i] - y[i]);
      }
    }
  }
}
