package weka.classifiers.functions.mlp;

import java.io.Serializable;

/**
 * Per-value counts and summed instance weights of one nominal column, and its missing count: which values the
 * one-hot encoding gives a column (those seen) and which one replaces a missing value (the mode by weight).
 * Mergeable: statistics of parts of the data add up to those of the whole. Immutable once built.
 */
public final class NominalStatistics implements Serializable {

  private static final long serialVersionUID = -2791646215318470533L;

  private final long[] counts;
  private final double[] weights;
  private long missing;

  /**
   * Empty statistics, filled by {@link #observe}.
   *
   * @param numValues number of values the attribute declares
   */
  NominalStatistics(int numValues) {
    counts = new long[numValues];
    weights = new double[numValues];
  }

  /**
   * @param value a value index, or NaN for missing
   * @param weight the instance weight
   */
  void observe(double value, double weight) {
    if (Double.isNaN(value)) {
      missing++;
      return;
    }
    int v = (int) value;
    counts[v]++;
    weights[v] += weight;
  }

  /**
   * @param other the statistics of another part of the same column. Not modified.
   * @return the statistics of both parts; neither part is modified
   * @throws IllegalArgumentException when the two have different numbers of values
   */
  public NominalStatistics merge(NominalStatistics other) {
    if (other.counts.length != counts.length) {
      throw new IllegalArgumentException("Cannot merge the statistics of nominal attributes with " + counts.length
        + " and " + other.counts.length + " values.");
    }
    NominalStatistics merged = new NominalStatistics(counts.length);
    for (int v = 0; v < counts.length; v++) {
      merged.counts[v] = counts[v] + other.counts[v];
      merged.weights[v] = weights[v] + other.weights[v];
    }
    merged.missing = missing + other.missing;
    return merged;
  }

  /** @return number of values the attribute declares */
  public int numValues() {
    return counts.length;
  }

  /**
   * @param value a value index
   * @return how many rows have this value
   */
  public long count(int value) {
    return counts[value];
  }

  /**
   * @param value a value index
   * @return the summed instance weight of the rows with this value
   */
  public double weight(int value) {
    return weights[value];
  }

  /** @return number of missing values */
  public long missingCount() {
    return missing;
  }

  /** @return number of values that occur at least once */
  public int numSeen() {
    int seen = 0;
    for (long c : counts) {
      seen += c > 0 ? 1 : 0;
    }
    return seen;
  }

  /** @return the value with the largest summed weight among those that occur (the first on ties), -1 if none */
  public int mode() {
    int mode = -1;
    for (int v = 0; v < counts.length; v++) {
      if (counts[v] > 0 && (mode < 0 || weights[v] > weights[mode])) {
        mode = v;
      }
    }
    return mode;
  }
}
