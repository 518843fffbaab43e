package weka.classifiers.functions.mlp;

import java.util.Locale;

/**
 * The classifier's outputs: a softmax over the classes, returned as they are, or rescaled by a fitted
 * {@link TemperatureScaling} when the classifier calibrates (option {@code -calibrate}).
 */
public final class ClassProbabilities implements OutputDecoding {

  private static final long serialVersionUID = 3127714092517416052L;

  private final int numClasses;
  /** Null unless calibrated. */
  private final TemperatureScaling temperature;

  /** @param numClasses number of class values, one output each */
  public ClassProbabilities(int numClasses) {
    this(numClasses, null);
  }

  private ClassProbabilities(int numClasses, TemperatureScaling temperature) {
    this.numClasses = numClasses;
    this.temperature = temperature;
  }

  /**
   * @param scaling the fitted temperature
   * @return these outputs rescaled by the temperature
   */
  ClassProbabilities calibrated(TemperatureScaling scaling) {
    return new ClassProbabilities(numClasses, scaling);
  }

  /** @return the fitted temperature scaling, or null when not calibrated */
  public TemperatureScaling temperatureScaling() {
    return temperature;
  }

  @Override
  public double[] toDistribution(double[] outputs, int offset) {
    double[] distribution = new double[numClasses];
    if (temperature == null) {
      System.arraycopy(outputs, offset, distribution, 0, numClasses);
    } else {
      temperature.apply(outputs, offset, numClasses, distribution);
    }
    return distribution;
  }

  @Override
  public String describe() {
    return "softmax over " + numClasses + " classes"
      + (temperature == null ? "" : String.format(Locale.ROOT, ", temperature %.4f", temperature
        .temperature()));
  }

  @Override
  public void describeFit(StringBuilder summary) {
    if (temperature != null) {
      temperature.describe(summary);
    }
  }
}
