package weka.classifiers.functions.mlp;

import java.io.Serializable;
import java.util.Locale;

import org.wekamlp.core.ReliabilityBins;

/**
 * Temperature scaling (Guo et al. 2017, "On calibration of modern neural networks"), the classifier's fitted
 * calibration step: class probabilities {@code softmax(z / T)} instead of {@code softmax(z)}, with one temperature
 * {@code T > 0} fitted on held-out predictions by minimizing their weighted log-loss. Dividing all logits of a row by
 * the same positive number keeps their order, so the most probable class, and with it the accuracy, never changes.
 *
 * <p>The network's outputs are softmax probabilities {@code p}; {@code ln p} are the logits shifted by a constant per
 * row, which the softmax ignores, so the temperature is applied to {@code ln p} (a probability that underflowed to 0
 * counts as {@link Double#MIN_NORMAL}). The loss is convex in {@code beta = 1 / T}: its derivative is the weighted sum
 * of {@code E[z] - z_true} under {@code softmax(beta z)} and its second derivative a sum of variances, so a Newton
 * search safeguarded by bisection on the sign of the derivative finds the minimum. {@code beta} is kept in
 * [{@value #MIN_BETA}, {@value #MAX_BETA}] (T from 0.01 to 100): a model no better than chance on the held-out data
 * would otherwise go to T = infinity (all classes equally likely, the argmax lost), one with a perfect held-out
 * margin to T = 0.
 */
public final class TemperatureScaling implements Serializable {

  private static final long serialVersionUID = 7781316227961069525L;

  static final double MIN_BETA = 0.01;
  static final double MAX_BETA = 100.0;
  private static final int MAX_STEPS = 200;

  private final double temperature;
  private final String heldOut;
  private final double eceBefore;
  private final double eceAfter;
  private final double logLossBefore;
  private final double logLossAfter;

  private TemperatureScaling(double temperature, String heldOut, double eceBefore, double eceAfter,
    double logLossBefore, double logLossAfter) {
    this.temperature = temperature;
    this.heldOut = heldOut;
    this.eceBefore = eceBefore;
    this.eceAfter = eceAfter;
    this.logLossBefore = logLossBefore;
    this.logLossAfter = logLossAfter;
  }

  /**
   * Fits the temperature on held-out predictions.
   *
   * @param probabilities held-out class probabilities, row after row. Not modified.
   * @param numClasses the number of classes (the row length)
   * @param labels the true class of each row. Not modified.
   * @param weights each row's weight, finite and {@code >= 0}, some positive. Not modified.
   * @param heldOut how the held-out predictions were made, for the summary
   * @return the fitted step, with the ECE and the log-loss of the held-out rows before and after
   */
  public static TemperatureScaling fit(double[] probabilities, int numClasses, int[] labels, double[] weights,
    String heldOut) {
    double[] logits = new double[probabilities.length];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.log(Math.max(probabilities[i], Double.MIN_NORMAL));
    }
    Objective objective = new Objective(logits, numClasses, labels, weights);
    double beta = objective.minimize();
    double[] scaled = new double[numClasses];
    ReliabilityBins before = new ReliabilityBins(ReliabilityBins.DEFAULT_BINS);
    ReliabilityBins after = new ReliabilityBins(ReliabilityBins.DEFAULT_BINS);
    for (int i = 0; i < labels.length; i++) {
      before.add(probabilities, i * numClasses, numClasses, labels[i], weights[i]);
      softmax(logits, i * numClasses, numClasses, beta, scaled);
      after.add(scaled, 0, numClasses, labels[i], weights[i]);
    }
    return new TemperatureScaling(1.0 / beta, heldOut, before.expectedCalibrationError(),
      after.expectedCalibrationError(), objective.meanLoss(1.0), objective.meanLoss(beta));
  }

  /**
   * The step that leaves the probabilities as they are, for when there is too little data to hold out.
   *
   * @param reason why no temperature was fitted, for the summary
   * @return the identity (T = 1)
   */
  public static TemperatureScaling notFitted(String reason) {
    return new TemperatureScaling(1.0, reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** @return the temperature T */
  public double temperature() {
    return temperature;
  }

  /**
   * @return whether the fitted temperature is at a limit of its search (T = 0.01 or 100): the held-out predictions
   *     were all right with a margin (the loss keeps falling as T shrinks), or no better than chance
   */
  boolean atLimit() {
    return isFitted() && (temperature <= (1.0 + 1e-9) / MAX_BETA || temperature >= (1.0 - 1e-9) / MIN_BETA);
  }

  /** @return whether a temperature was fitted (false: too little data, T = 1) */
  public boolean isFitted() {
    return !Double.isNaN(eceBefore);
  }

  /** @return the held-out ECE (15 bins) before and after scaling, NaN when not fitted */
  public double[] expectedCalibrationError() {
    return new double[] {eceBefore, eceAfter};
  }

  /** @return the held-out weighted mean log-loss before and after scaling, NaN when not fitted */
  public double[] logLoss() {
    return new double[] {logLossBefore, logLossAfter};
  }

  /**
   * @param outputs softmax probabilities. Not modified.
   * @param offset start of the row
   * @param numClasses the row length
   * @param destination receives the rescaled probabilities. Modified.
   */
  public void apply(double[] outputs, int offset, int numClasses, double[] destination) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < numClasses; k++) {
      destination[k] = Math.log(Math.max(outputs[offset + k], Double.MIN_NORMAL));
      max = Math.max(max, destination[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < numClasses; k++) {
      destination[k] = Math.exp((destination[k] - max) / temperature);
      sum += destination[k];
    }
    for (int k = 0; k < numClasses; k++) {
      destination[k] /= sum;
    }
  }

  /** @param summary receives the summary's calibration lines. Modified. */
  void describe(StringBuilder summary) {
    if (!isFitted()) {
      summary.append("Calibration:  none, temperature 1 (").append(heldOut).append(")\n");
      return;
    }
    summary.append(String.format(Locale.ROOT, "Calibration:  temperature %.4f, fitted on %s%n", temperature, heldOut));
    summary.append(String.format(Locale.ROOT, "              held out: ECE (15 bins) %.4f -> %.4f, log-loss %.4f -> "
      + "%.4f%n", eceBefore, eceAfter, logLossBefore, logLossAfter));
  }

  /** {@code softmax(beta * z)} of one row into {@code destination}. */
  private static void softmax(double[] logits, int offset, int numClasses, double beta, double[] destination) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < numClasses; k++) {
      max = Math.max(max, logits[offset + k]);
    }
    double sum = 0.0;
    for (int k = 0; k < numClasses; k++) {
      destination[k] = Math.exp(beta * (logits[offset + k] - max));
      sum += destination[k];
    }
    for (int k = 0; k < numClasses; k++) {
      destination[k] /= sum;
    }
  }

  /** The weighted log-loss of {@code softmax(beta z)} and its first two derivatives in beta. */
  static final class Objective {

    private final double[] logits;
    private final int numClasses;
    private final int[] labels;
    private final double[] weights;
    private final double totalWeight;

    Objective(double[] logits, int numClasses, int[] labels, double[] weights) {
      this.logits = logits;
      this.numClasses = numClasses;
      this.labels = labels;
      this.weights = weights;
      double total = 0.0;
      for (double w : weights) {
        total += w;
      }
      totalWeight = total;
    }

    /**
     * @param beta the inverse temperature
     * @return {loss, first derivative, second derivative}, each divided by the total weight
     */
    double[] evaluate(double beta) {
      double loss = 0.0;
      double gradient = 0.0;
      double curvature = 0.0;
      for (int i = 0; i < labels.length; i++) {
        if (weights[i] == 0.0) {
          continue;
        }
        int o = i * numClasses;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
          max = Math.max(max, logits[o + k]);
        }
        double sum = 0.0;
        double mean = 0.0;
        double square = 0.0;
        for (int k = 0; k < numClasses; k++) {
          double z = logits[o + k] - max;
          double e = Math.exp(beta * z);
          sum += e;
          mean += e * z;
          square += e * z * z;
        }
        mean /= sum;
        double zTrue = logits[o + labels[i]] - max;
        loss += weights[i] * (Math.log(sum) - beta * zTrue);
        gradient += weights[i] * (mean - zTrue);
        curvature += weights[i] * Math.max(0.0, square / sum - mean * mean);
      }
      return new double[] {loss / totalWeight, gradient / totalWeight, curvature / totalWeight};
    }

    double meanLoss(double beta) {
      return evaluate(beta)[0];
    }

    /**
     * @return the beta in [MIN_BETA, MAX_BETA] that minimizes the loss: Newton steps inside a bracket on the sign of
     *     the derivative, bisection (in log beta) whenever a step would leave it
     */
    double minimize() {
      double low = MIN_BETA;
      double high = MAX_BETA;
      if (evaluate(low)[1] >= 0.0) {
        return low;
      }
      if (evaluate(high)[1] <= 0.0) {
        return high;
      }
      double beta = 1.0;
      for (int step = 0; step < MAX_STEPS && high - low > 1e-12 * high; step++) {
        double[] f = evaluate(beta);
        if (f[1] == 0.0) {
          return beta;
        }
        if (f[1] > 0.0) {
          high = beta;
        } else {
          low = beta;
        }
        double next = f[2] > 0.0 ? beta - f[1] / f[2] : Double.NaN;
        if (!(next > low && next < high)) {
          next = Math.sqrt(low * high);
        } else if (Math.abs(next - beta) <= 1e-12 * beta) {
          return next;
        }
        beta = next;
      }
      return beta;
    }
  }
}
