package weka.classifiers.functions.mlp;

import weka.core.Utils;

/**
 * The regressor's fitted target step (scikit-learn: a TransformedTargetRegressor with a StandardScaler): the
 * network learns {@code (y - mean) / scale} and its output is mapped back to {@code output * scale + mean}. The
 * mean and the population standard deviation come from {@link NumericStatistics}, which divides by the largest
 * magnitude first, so targets near 1e300 neither overflow nor lose their spread.
 */
public final class TargetScaling implements OutputDecoding {

  private static final long serialVersionUID = -2214539312416387725L;

  private final boolean enabled;
  private final double mean;
  private final double scale;

  private TargetScaling(boolean enabled, double mean, double scale) {
    this.enabled = enabled;
    this.mean = mean;
    this.scale = scale;
  }

  /**
   * Fits the scaling on the training targets.
   *
   * @param targets the training targets, finite. Not modified.
   * @param enabled false for the identity (no scaling)
   * @return the fitted scaling
   */
  public static TargetScaling fit(double[] targets, boolean enabled) {
    if (!enabled) {
      return new TargetScaling(false, 0.0, 1.0);
    }
    return fromStatistics(NumericStatistics.of(targets), true);
  }

  /**
   * The scaling from the statistics of the training targets (merged over the partitions of a cluster job, or of one
   * pass).
   *
   * @param statistics the statistics of the targets. Not modified.
   * @param enabled false for the identity (no scaling)
   * @return the fitted scaling
   */
  public static TargetScaling fromStatistics(NumericStatistics statistics, boolean enabled) {
    if (!enabled) {
      return new TargetScaling(false, 0.0, 1.0);
    }
    if (!(statistics.magnitude() > 0.0)) {
      return new TargetScaling(true, 0.0, 1.0); // all targets 0
    }
    double std = statistics.standardDeviation();
    return new TargetScaling(true, statistics.mean(), std > 0.0 ? std : statistics.magnitude());
  }

  /**
   * @param target a target in the original units
   * @return what the network learns for it
   */
  public double scaled(double target) {
    return (target - mean) / scale;
  }

  @Override
  public double[] toDistribution(double[] outputs, int offset) {
    return new double[] {outputs[offset] * scale + mean};
  }

  @Override
  public String describe() {
    return enabled ? "identity, target standardized internally (mean " + Utils.doubleToString(mean, 6) + ", scale "
      + Utils.doubleToString(scale, 6) + ")" : "identity";
  }
}
