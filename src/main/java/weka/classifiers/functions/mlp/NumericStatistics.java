package weka.classifiers.functions.mlp;

import java.io.Serializable;

/**
 * Count, missing count, range, mean and sum of squared deviations (M2) of one numeric (or date) column, the
 * statistics the input scaling and the regressor's target scaling are fitted from. Mergeable: statistics of
 * parts of the data combine into those of the whole with Chan, Golub and LeVeque's parallel update of the mean and
 * M2, so that a cluster job can compute them per partition.
 *
 * <p>The mean and M2 are those of {@code value / magnitude()}, where the magnitude is the column's largest
 * absolute value: columns with values near 1e300 neither overflow nor lose their spread. Each part carries its own
 * magnitude; a merge rescales both parts to the larger one (a factor of at most 1, so nothing overflows).
 * Immutable once built; missing values are NaN and do not count.
 */
public final class NumericStatistics implements Serializable {

  private static final long serialVersionUID = 4410837651728355172L;

  private long count;
  private long missing;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double magnitude;
  private double scaledMean;
  private double scaledM2;

  /** Empty statistics, filled by the two passes of {@link #observeRange} and {@link #observeScaled}. */
  NumericStatistics() {
  }

  /**
   * Statistics of values held in an array, by the textbook two-pass method: range and magnitude, then the mean of
   * {@code value / magnitude} as a sum divided by the count, then the squared deviations from that mean. (The
   * instance-by-instance path, {@link #observeScaled}, uses Welford's running update instead, which needs no third
   * pass. Each gives exactly the figures version 0.1 gave for the same column: this one the regressor's target
   * scaling, Welford's the input scaling; Weka's regression references pin both.)
   *
   * @param values the values, NaN for missing. Not modified.
   * @return the statistics
   * @throws IllegalArgumentException when a value is infinite
   */
  public static NumericStatistics of(double[] values) {
    NumericStatistics statistics = new NumericStatistics();
    for (int i = 0; i < values.length; i++) {
      if (Double.isInfinite(values[i])) {
        throw new IllegalArgumentException("Value " + i + " is infinite: " + values[i] + ".");
      }
      statistics.observeRange(values[i]);
    }
    double magnitude = statistics.magnitude;
    if (magnitude == 0.0) {
      return statistics.withCount(values); // no values, or only zeros: mean and M2 are 0
    }
    double sum = 0.0;
    long count = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v / magnitude;
        count++;
      }
    }
    double mean = sum / count;
    double m2 = 0.0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        double d = v / magnitude - mean;
        m2 += d * d;
      }
    }
    statistics.count = count;
    statistics.scaledMean = mean;
    statistics.scaledM2 = m2;
    return statistics;
  }

  /** @return these statistics with the count of the values that are not missing (their mean and M2 are 0) */
  private NumericStatistics withCount(double[] values) {
    for (double v : values) {
      count += Double.isNaN(v) ? 0 : 1;
    }
    return this;
  }

  /**
   * First pass: range, magnitude and missing count.
   *
   * @param value a finite value, or NaN for missing
   */
  void observeRange(double value) {
    if (Double.isNaN(value)) {
      missing++;
      return;
    }
    magnitude = Math.max(magnitude, Math.abs(value));
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  /**
   * Second pass, after every value has gone through {@link #observeRange}: Welford's update of the mean and M2 of
   * {@code value / magnitude}.
   *
   * @param value the same values in the same order
   */
  void observeScaled(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    double v = magnitude > 0.0 ? value / magnitude : 0.0;
    long c = ++count;
    double delta = v - scaledMean;
    double updated = scaledMean + delta / c;
    scaledMean = updated;
    scaledM2 += delta * (v - updated);
  }

  /**
   * Combines the statistics of two disjoint parts of a column (Chan, Golub and LeVeque 1979): with both parts
   * rescaled to the larger magnitude, {@code mean = meanA + delta * nB / n} and
   * {@code M2 = M2A + M2B + delta^2 * nA * nB / n}, {@code delta = meanB - meanA}.
   *
   * @param other the statistics of the other part. Not modified.
   * @return the statistics of both parts; neither part is modified
   */
  public NumericStatistics merge(NumericStatistics other) {
    NumericStatistics merged = new NumericStatistics();
    merged.count = count + other.count;
    merged.missing = missing + other.missing;
    merged.min = Math.min(min, other.min);
    merged.max = Math.max(max, other.max);
    merged.magnitude = Math.max(magnitude, other.magnitude);
    if (merged.count == 0 || merged.magnitude == 0.0) {
      return merged; // no values, or only zeros: mean and M2 are 0
    }
    double ratioA = magnitude / merged.magnitude;
    double ratioB = other.magnitude / merged.magnitude;
    double meanA = scaledMean * ratioA;
    double meanB = other.scaledMean * ratioB;
    double delta = meanB - meanA;
    double n = merged.count;
    merged.scaledMean = meanA + delta * (other.count / n);
    merged.scaledM2 = scaledM2 * ratioA * ratioA + other.scaledM2 * ratioB * ratioB
      + delta * delta * (count / n) * other.count;
    return merged;
  }

  /** @return number of values that are not missing */
  public long count() {
    return count;
  }

  /** @return number of missing values */
  public long missingCount() {
    return missing;
  }

  /** @return the smallest value, +Infinity when there is none */
  public double min() {
    return min;
  }

  /** @return the largest value, -Infinity when there is none */
  public double max() {
    return max;
  }

  /** @return the largest absolute value, 0 when there is none: the unit of {@link #scaledMean} and {@link #scaledM2} */
  public double magnitude() {
    return magnitude;
  }

  /** @return the mean of {@code value / magnitude()}, 0 when there are no values */
  public double scaledMean() {
    return scaledMean;
  }

  /** @return the sum of squared deviations from the mean of {@code value / magnitude()} */
  public double scaledM2() {
    return scaledM2;
  }

  /** @return the population standard deviation of {@code value / magnitude()}, 0 when there are no values */
  public double scaledStandardDeviation() {
    return count == 0 ? 0.0 : Math.sqrt(scaledM2 / count);
  }

  /** @return the mean in the column's units (finite: at most the magnitude) */
  public double mean() {
    return scaledMean * magnitude;
  }

  /** @return the population standard deviation in the column's units (finite: at most the magnitude) */
  public double standardDeviation() {
    return scaledStandardDeviation() * magnitude;
  }
}
