package weka.classifiers.functions.mlp;

import java.io.Serializable;

/**
 * The fitted last step of a model: how a row of network outputs becomes what Weka's
 * {@code distributionForInstance} returns, and what training targets the network learns. The classifier's
 * outputs are already class probabilities ({@link ClassProbabilities}); the regressor's are standardized
 * targets that {@link TargetScaling} maps back to the original units.
 */
public interface OutputDecoding extends Serializable {

  /**
   * @param outputs network outputs. Not modified.
   * @param offset start of the row
   * @return the distribution: class probabilities, or a one-element prediction
   */
  double[] toDistribution(double[] outputs, int offset);

  /** @return a short description of the output for the model summary */
  String describe();

  /**
   * Appends lines on how the step was fitted beyond {@link #describe()}, if any (the classifier's calibration).
   *
   * @param summary the model summary. Modified.
   */
  default void describeFit(StringBuilder summary) {
    // nothing more to say by default
  }
}
