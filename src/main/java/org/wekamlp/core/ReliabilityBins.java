package org.wekamlp.core;

import java.io.Serializable;

/**
 * Top-label reliability statistics of probabilistic predictions: each prediction falls into one of a number of
 * equal-width confidence bins by its largest probability (its confidence), and each bin sums the weights, the
 * confidences and the correct predictions that fall into it. The expected calibration error (Naeini et al. 2015; Guo
 * et al. 2017, "On calibration of modern neural networks") is {@code sum over bins of (W_b / W) |acc_b - conf_b|},
 * where {@code W_b} is a bin's total weight, {@code acc_b} its weighted accuracy and {@code conf_b} its weighted mean
 * confidence. Bin {@code b} of {@code m} holds confidences in {@code ((b - 1) / m, b / m]}, the first also 0.
 */
public final class ReliabilityBins implements Serializable {

  private static final long serialVersionUID = 4127550412851196473L;

  /** The number of bins of the expected calibration error as usually reported (Guo et al. 2017). */
  public static final int DEFAULT_BINS = 15;

  private final double[] weight;
  private final double[] confidence;
  private final double[] correct;

  /** @param bins the number of equal-width bins over [0, 1], at least 1 */
  public ReliabilityBins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("The number of confidence bins must be at least 1, not " + bins + ".");
    }
    weight = new double[bins];
    confidence = new double[bins];
    correct = new double[bins];
  }

  /**
   * Adds one prediction.
   *
   * @param probabilities class probabilities. Not modified.
   * @param offset where the prediction starts in the array
   * @param numClasses the number of classes
   * @param label the true class
   * @param w the prediction's weight, finite and {@code >= 0}
   * @return false (and nothing added) when the prediction has no positive probability, as Weka counts such a
   *     prediction as unclassified
   */
  public boolean add(double[] probabilities, int offset, int numClasses, int label, double w) {
    int top = topLabel(probabilities, offset, numClasses);
    double p = probabilities[offset + top];
    if (!(p > 0.0)) {
      return false;
    }
    add(Math.min(p, 1.0), top == label, w);
    return true;
  }

  /**
   * Adds one prediction by its confidence.
   *
   * @param p the confidence (the largest probability), in [0, 1]
   * @param isCorrect whether the most probable class is the true class
   * @param w the prediction's weight, finite and {@code >= 0}
   */
  public void add(double p, boolean isCorrect, double w) {
    int b = bin(p);
    weight[b] += w;
    confidence[b] += w * p;
    correct[b] += isCorrect ? w : 0.0;
  }

  /**
   * @param p a confidence in [0, 1]
   * @return its bin: {@code ceil(p * bins) - 1}, 0 for 0
   */
  public int bin(double p) {
    int b = (int) Math.ceil(p * weight.length) - 1;
    return Math.max(0, Math.min(weight.length - 1, b));
  }

  /**
   * @param probabilities class probabilities. Not modified.
   * @param offset where the prediction starts
   * @param numClasses the number of classes
   * @return the class of the largest probability, the first on ties (as Weka's {@code Utils.maxIndex})
   */
  public static int topLabel(double[] probabilities, int offset, int numClasses) {
    return OutputLayer.largest(probabilities, offset, numClasses);
  }

  /** @return the number of bins */
  public int numBins() {
    return weight.length;
  }

  /** @return the total weight of the predictions added */
  public double totalWeight() {
    double total = 0.0;
    for (double w : weight) {
      total += w;
    }
    return total;
  }

  /**
   * @param b a bin
   * @return the total weight of the predictions in the bin
   */
  public double weight(int b) {
    return weight[b];
  }

  /**
   * @param b a bin
   * @return the weighted accuracy of its predictions, NaN for an empty bin
   */
  public double accuracy(int b) {
    return weight[b] > 0.0 ? correct[b] / weight[b] : Double.NaN;
  }

  /**
   * @param b a bin
   * @return the weighted mean confidence of its predictions, NaN for an empty bin
   */
  public double meanConfidence(int b) {
    return weight[b] > 0.0 ? confidence[b] / weight[b] : Double.NaN;
  }

  /** @return the expected calibration error in [0, 1], NaN when nothing of positive weight was added */
  public double expectedCalibrationError() {
    double total = totalWeight();
    if (!(total > 0.0)) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int b = 0; b < weight.length; b++) {
      sum += Math.abs(correct[b] - confidence[b]);
    }
    return sum / total;
  }
}
