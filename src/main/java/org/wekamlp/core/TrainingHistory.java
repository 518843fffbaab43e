package org.wekamlp.core;

import java.io.Serializable;
import java.util.Arrays;

/** What happened during training: the loss curve, validation scores, and why and when it stopped. */
public final class TrainingHistory implements Serializable {

  private static final long serialVersionUID = -3604405006939007712L;

  private double[] lossCurve = new double[16];
  private double[] validationScores = new double[16];
  private int epochs;
  private boolean hasValidation;
  private StopReason stopReason;
  private double bestValidationScore = Double.NEGATIVE_INFINITY;
  private int bestValidationEpoch;
  private double seconds;

  /**
   * Records one epoch (or lbfgs iteration). Public for solvers driven outside {@link TrainingRun}, such as a cluster
   * job that runs the optimizers on gradients summed over its partitions.
   *
   * @param loss the epoch's training loss
   * @param validationScore its validation score, NaN without a validation split
   */
  public void record(double loss, double validationScore) {
    if (epochs == lossCurve.length) {
      lossCurve = Arrays.copyOf(lossCurve, 2 * epochs);
      validationScores = Arrays.copyOf(validationScores, 2 * epochs);
    }
    lossCurve[epochs] = loss;
    validationScores[epochs] = validationScore;
    epochs++;
    if (!Double.isNaN(validationScore)) {
      hasValidation = true;
      if (validationScore > bestValidationScore) {
        bestValidationScore = validationScore;
        bestValidationEpoch = epochs;
      }
    }
  }

  /** @param reason why training stopped, null while it can go on */
  public void setStopReason(StopReason reason) {
    stopReason = reason;
  }

  /** @param s seconds of training to add to the total */
  public void addSeconds(double s) {
    seconds += s;
  }

  /** @return epochs (or lbfgs iterations) run */
  public int epochs() {
    return epochs;
  }

  /** @return the training loss after each epoch (a copy) */
  public double[] lossCurve() {
    return Arrays.copyOf(lossCurve, epochs);
  }

  /** @return the validation score after each epoch (a copy; NaN entries without early stopping) */
  public double[] validationScores() {
    return Arrays.copyOf(validationScores, epochs);
  }

  /** @return true when validation scores were computed */
  public boolean hasValidation() {
    return hasValidation;
  }

  /** @return the loss of the last epoch, NaN before the first */
  public double finalLoss() {
    return epochs == 0 ? Double.NaN : lossCurve[epochs - 1];
  }

  /** @return the best validation score, NaN without early stopping */
  public double bestValidationScore() {
    return hasValidation ? bestValidationScore : Double.NaN;
  }

  /** @return the 1-based epoch of the best validation score, 0 without early stopping */
  public int bestValidationEpoch() {
    return bestValidationEpoch;
  }

  /** @return why training stopped, or null while it runs */
  public StopReason stopReason() {
    return stopReason;
  }

  /** @return an independent copy: a snapshot of the history so far */
  public TrainingHistory copy() {
    TrainingHistory c = new TrainingHistory();
    c.lossCurve = lossCurve.clone();
    c.validationScores = validationScores.clone();
    c.epochs = epochs;
    c.hasValidation = hasValidation;
    c.stopReason = stopReason;
    c.bestValidationScore = bestValidationScore;
    c.bestValidationEpoch = bestValidationEpoch;
    c.seconds = seconds;
    return c;
  }

  /** @return wall-clock seconds spent in training epochs */
  public double seconds() {
    return seconds;
  }
}
