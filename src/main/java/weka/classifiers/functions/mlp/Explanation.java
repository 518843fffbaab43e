package weka.classifiers.functions.mlp;

import java.util.Arrays;
import java.util.Locale;

import org.wekamlp.core.IntegratedGradients;
import weka.core.Instance;

/**
 * The integrated-gradients attributions of one prediction, per attribute (a nominal attribute's one-hot columns
 * summed), with the explained output at the instance and at the baseline and how well they add up. Immutable.
 */
public final class Explanation {

  private final String outputName;
  private final String[] names;
  private final String[] values;
  private final int[] attributes;
  private final double[] attributions;
  /** The path integral over the encoded columns, in the network's output units. */
  private final IntegratedGradients.Result path;
  /** The explained output is {@code network output * slope + intercept} (the regressor's target scaling). */
  private final double slope;
  private final double intercept;

  Explanation(String outputName, Instance instance, int[] attributes, double[] attributions,
    IntegratedGradients.Result path, double slope, double intercept) {
    this.outputName = outputName;
    this.attributes = attributes.clone();
    this.attributions = attributions.clone();
    this.path = path;
    this.slope = slope;
    this.intercept = intercept;
    names = new String[attributes.length];
    values = new String[attributes.length];
    for (int i = 0; i < attributes.length; i++) {
      names[i] = instance.attribute(attributes[i]).name();
      values[i] = instance.toString(attributes[i]);
    }
  }

  /** @return what is explained, e.g. {@code P(class = Iris-setosa)} or the class name of a regression */
  public String outputName() {
    return outputName;
  }

  /** @return the attribute indices explained: every attribute but the class, in header order (a copy) */
  public int[] attributes() {
    return attributes.clone();
  }

  /** @return the attribution of each attribute of {@link #attributes()}, in the output's units (a copy) */
  public double[] attributions() {
    return attributions.clone();
  }

  /**
   * @param attribute an attribute index of the header
   * @return its attribution
   * @throws IllegalArgumentException for the class or an index out of range
   */
  public double attributionOf(int attribute) {
    for (int i = 0; i < attributes.length; i++) {
      if (attributes[i] == attribute) {
        return attributions[i];
      }
    }
    throw new IllegalArgumentException("Attribute index " + attribute + " is the class or out of range.");
  }

  /** @return the explained output at the instance, F(x) */
  public double output() {
    return path.output() * slope + intercept;
  }

  /** @return the explained output at the baseline (the training mean), F(b) */
  public double baselineOutput() {
    return path.baselineOutput() * slope + intercept;
  }

  /** @return the number of intervals of the path integral */
  public int steps() {
    return path.steps();
  }

  /** @return the sum of the attributions */
  public double sum() {
    double total = 0.0;
    for (double a : attributions) {
      total += a;
    }
    return total;
  }

  /**
   * @return {@code |sum - (F(x) - F(b))| / |F(x) - F(b)|}, the relative error of completeness (the absolute error
   *     when {@code F(x) = F(b)})
   */
  public double completenessError() {
    double difference = output() - baselineOutput();
    double error = absoluteCompletenessError();
    return difference == 0.0 ? error : error / Math.abs(difference);
  }

  /** @return {@code |sum - (F(x) - F(b))|}, in the output's units */
  public double absoluteCompletenessError() {
    return Math.abs(sum() - (output() - baselineOutput()));
  }

  /** @return the attributions as a table, largest magnitude first, and the completeness check */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s = %.6g; at the baseline (training mean) %.6g; difference %.6g%n",
      outputName, output(), baselineOutput(), output() - baselineOutput()));
    Integer[] order = new Integer[attributes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(attributions[b]), Math.abs(attributions[a])));
    int width = "value".length();
    for (String v : values) {
      width = Math.max(width, v.length());
    }
    String row = "  %12s  %-" + width + "s  %s%n";
    sb.append(String.format(Locale.ROOT, row, "attribution", "value", "attribute"));
    for (int i : order) {
      sb.append(String.format(Locale.ROOT, row, String.format(Locale.ROOT, "%.6f", attributions[i]), values[i],
        names[i]));
    }
    sb.append(String.format(Locale.ROOT, "  %12.6f  sum; completeness error %.4f %% (%.2g; %d steps)%n", sum(),
      100 * completenessError(), absoluteCompletenessError(), steps()));
    return sb.toString();
  }
}
