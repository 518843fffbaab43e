package weka.classifiers.functions.mlp;

import java.io.Serializable;
import java.util.Locale;

import org.wekamlp.core.TrainingHistory;
import org.wekamlp.core.backend.Precision;
import weka.core.Utils;

/**
 * What a model says about the training run that produced it: the history (a snapshot), how the run was set up
 * and why it stopped, for the model summary. Immutable.
 */
public final class TrainingReport implements Serializable {

  private static final long serialVersionUID = 8846305126471709283L;

  private final TrainingHistory history;
  private final String solver;
  private final boolean epochs;
  private final int miniBatchSize;
  private final int trainingRows;
  private final int validationRows;
  private final int threads;
  private final String backend;
  /** The precision of the products; null in a model saved before the option -precision existed (float64). */
  private final Precision precision;
  private final String precisionDescription;
  private final double alpha;
  private final int maxIterations;
  private final String validationScoreName;
  private final String stopReason;

  /**
   * @param history the history so far; copied
   * @param solver the solver and its settings, e.g. {@code adam (learning rate 0.001, ...)}
   * @param epochs true for the minibatch solvers (epochs), false for lbfgs (iterations)
   * @param miniBatchSize rows per minibatch used
   * @param trainingRows rows trained on
   * @param validationRows rows held out for early stopping, 0 without
   * @param threads threads used
   * @param backend the matrix-product backend, e.g. {@code OpenBLAS (native dgemm)}
   * @param precision the precision of the products
   * @param precisionDescription what the summary says about the precision, e.g. {@code float64}
   * @param alpha the L2 penalty
   * @param maxIterations the epoch (or iteration) limit
   * @param validationScoreName accuracy or R^2
   * @param stopReason why training stopped, options named by their flags; null while it can go on
   */
  TrainingReport(TrainingHistory history, String solver, boolean epochs, int miniBatchSize, int trainingRows,
    int validationRows, int threads, String backend, Precision precision, String precisionDescription, double alpha,
    int maxIterations, String validationScoreName, String stopReason) {
    this.history = history.copy();
    this.solver = solver;
    this.epochs = epochs;
    this.miniBatchSize = miniBatchSize;
    this.trainingRows = trainingRows;
    this.validationRows = validationRows;
    this.threads = threads;
    this.backend = backend;
    this.precision = precision;
    this.precisionDescription = precisionDescription;
    this.alpha = alpha;
    this.maxIterations = maxIterations;
    this.validationScoreName = validationScoreName;
    this.stopReason = stopReason;
  }

  /** @return the training history (a copy: the report stays as it is) */
  public TrainingHistory history() {
    return history.copy();
  }

  /** @return why training stopped, options named by their flags; null while training can go on */
  public String stopReason() {
    return stopReason;
  }

  /** @return the precision of the products the model was trained with, which it also predicts with */
  public Precision precision() {
    return precision == null ? Precision.FLOAT64 : precision;
  }

  /** @return the L2 penalty the model was trained with */
  public double alpha() {
    return alpha;
  }

  /**
   * Appends the solver lines of the model summary.
   *
   * @param sb the summary. Modified.
   */
  void describeSetup(StringBuilder sb) {
    sb.append("Solver:       ").append(solver).append('\n');
    if (epochs) {
      sb.append("Mini-batch:   ").append(miniBatchSize).append(" rows, ").append(trainingRows)
        .append(" training rows").append(validationRows > 0 ? ", " + validationRows + " validation rows" : "")
        .append('\n');
    }
    sb.append("Threads:      ").append(threads).append(", matrix products: ").append(backend).append('\n');
    if (precisionDescription != null) {
      sb.append("Precision:    ").append(precisionDescription).append('\n');
    }
  }

  /**
   * Appends the run lines of the model summary: epochs, why training stopped, losses and the loss curve.
   *
   * @param sb the summary. Modified.
   */
  void describeRun(StringBuilder sb) {
    sb.append(String.format(Locale.ROOT, "%-14s", epochs ? "Epochs:" : "Iterations:")).append(history.epochs())
      .append(" (limit ").append(maxIterations).append(")\n");
    sb.append("Stopped:      ").append(stopReason != null ? stopReason : "not yet (training can resume)").append('\n');
    sb.append("Final loss:   ").append(format(history.finalLoss())).append('\n');
    if (history.hasValidation()) {
      sb.append("Best validation ").append(validationScoreName).append(": ")
        .append(format(history.bestValidationScore())).append(" at epoch ").append(history.bestValidationEpoch())
        .append(" (weights of that epoch kept)\n");
    }
    sb.append("Training time: ").append(Utils.doubleToString(history.seconds(), 2)).append(" s\n");
    sb.append("Loss curve:   ").append(compactLossCurve(history.lossCurve())).append('\n');
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** About ten (epoch: loss) pairs spread over the run, always including the first and last. */
  private static String compactLossCurve(double[] curve) {
    if (curve.length == 0) {
      return "(empty)";
    }
    int points = Math.min(10, curve.length);
    StringBuilder sb = new StringBuilder();
    int previous = -1;
    for (int p = 0; p < points; p++) {
      int index = points == 1 ? 0 : (int) Math.round((double) p * (curve.length - 1) / (points - 1));
      if (index == previous) {
        continue;
      }
      previous = index;
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(index + 1).append(": ").append(String.format(Locale.ROOT, "%.4g", curve[index]));
    }
    return sb.toString();
  }
}
