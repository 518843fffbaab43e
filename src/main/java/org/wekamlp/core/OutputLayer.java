package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The output layer and the loss it is trained with, bound together so that an invalid pair cannot be
 * built. For both pairs the derivative of the loss with respect to the output pre-activation is simply
 * {@code output - target}, which is why they are paired this way.
 */
public enum OutputLayer {

  /** Softmax outputs with the cross-entropy (log) loss, for classification with one-hot targets. */
  SOFTMAX_CROSS_ENTROPY("cross-entropy", "accuracy") {

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

    @Override
    public double validationScore(DMatrixRMaj outputs, DMatrixRMaj targets, double[] weights, int[] rows) {
      return accuracy(outputs, targets, weights, rows);
    }
  },
  /** Identity outputs with half the squared error, for regression. */
  IDENTITY_SQUARED_ERROR("squared error", "R^2") {

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

    /** The weighted R^2, averaged over the outputs (scikit-learn's {@code r2_score}, uniform average). */
    @Override
    public double validationScore(DMatrixRMaj outputs, DMatrixRMaj targets, double[] weights, int[] rows) {
      double sum = 0.0;
      for (int c = 0; c < outputs.numCols; c++) {
        sum += rSquared(outputs, targets, weights, rows, c);
      }
      return sum / outputs.numCols;
    }
  };

  /** Smallest probability used inside the logarithm (double machine epsilon, as scikit-learn). */
  static final double PROBABILITY_FLOOR = Math.ulp(1.0);

  private final String lossName;
  private final String validationScoreName;

  OutputLayer(String lossName, String validationScoreName) {
    this.lossName = lossName;
    this.validationScoreName = validationScoreName;
  }

  /** @return the name of the loss, e.g. {@code cross-entropy}. */
  public String lossName() {
    return lossName;
  }

  /** @return the name of what {@link #validationScore} computes: {@code accuracy} or {@code R^2} */
  public String validationScoreName() {
    return validationScoreName;
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
   * The score early stopping maximises on the validation rows: the weighted accuracy for softmax outputs, the
   * weighted coefficient of determination R^2 for identity outputs.
   *
   * @param outputs the network outputs of the scored rows: row j is data row {@code rows[j]}. Not modified.
   * @param targets the targets of all data rows (one-hot for softmax). Not modified.
   * @param weights the instance weights of all data rows. Not modified.
   * @param rows the scored data rows. Not modified.
   * @return the score, larger is better
   */
  public abstract double validationScore(DMatrixRMaj outputs, DMatrixRMaj targets, double[] weights, int[] rows);

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

  /**
   * @return the weighted accuracy of the scored rows (see {@link #validationScore}): a row counts when its
   *     largest output is its one-hot target's class; 0 when the rows weigh nothing
   */
  private static double accuracy(DMatrixRMaj outputs, DMatrixRMaj targets, double[] weights, int[] rows) {
    final int k = outputs.numCols;
    double correct = 0.0;
    double total = 0.0;
    for (int j = 0; j < rows.length; j++) {
      int row = rows[j];
      total += weights[row];
      if (largest(outputs.data, j * k, k) == largest(targets.data, row * k, k)) {
        correct += weights[row];
      }
    }
    return total > 0.0 ? correct / total : 0.0;
  }

  /** @return the column of the first largest of {@code v[start..start + k)} */
  static int largest(double[] v, int start, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (v[start + c] > v[start + best]) {
        best = c;
      }
    }
    return best;
  }

  /** @return the weighted R^2 of output column c over the scored rows (see {@link #validationScore}) */
  private static double rSquared(DMatrixRMaj outputs, DMatrixRMaj targets, double[] weights, int[] rows, int c) {
    final int k = outputs.numCols;
    final double[] y = targets.data;
    final double[] out = outputs.data;
    double weightSum = 0.0;
    double mean = 0.0;
    for (int row : rows) {
      weightSum += weights[row];
      mean += weights[row] * y[row * k + c];
    }
    mean = weightSum > 0.0 ? mean / weightSum : 0.0;
    double residual = 0.0;
    double totalSquares = 0.0;
    for (int j = 0; j < rows.length; j++) {
      int row = rows[j];
      double target = y[row * k + c];
      double r = target - out[j * k + c];
      double t = target - mean;
      residual += weights[row] * r * r;
      totalSquares += weights[row] * t * t;
    }
    // a constant target has no variance to explain: score 1 only for a perfect fit
    if (totalSquares == 0.0) {
      return residual == 0.0 ? 1.0 : 0.0;
    }
    return 1.0 - residual / totalSquares;
  }
}
