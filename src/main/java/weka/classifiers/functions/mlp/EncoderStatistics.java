package weka.classifiers.functions.mlp;

import java.io.Serializable;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The statistics an {@link InstancesEncoder} is fitted from: {@link NumericStatistics} of every numeric and date
 * attribute and {@link NominalStatistics} of every nominal attribute, the class attribute left out. A local fit
 * computes them over the training rows and builds the encoder from them ({@link InstancesEncoder#fit}); a cluster job
 * can compute them per data partition, {@link #merge} them and build the same encoder with
 * {@link InstancesEncoder#fromStatistics}. Rows without a positive weight are left out, as training leaves them out.
 * Immutable; {@link #merge} returns new statistics.
 */
public final class EncoderStatistics implements Serializable {

  private static final long serialVersionUID = 7046263523405367361L;

  private final int classIndex;
  /** By attribute index: statistics of the numeric and date attributes, null for the others and the class. */
  private final NumericStatistics[] numeric;
  /** By attribute index: statistics of the nominal attributes, null for the others and the class. */
  private final NominalStatistics[] nominal;

  private EncoderStatistics(int classIndex, NumericStatistics[] numeric, NominalStatistics[] nominal) {
    this.classIndex = classIndex;
    this.numeric = numeric;
    this.nominal = nominal;
  }

  /** Empty statistics for the attributes of a header. */
  private static EncoderStatistics empty(Instances header) {
    int n = header.numAttributes();
    NumericStatistics[] numeric = new NumericStatistics[n];
    NominalStatistics[] nominal = new NominalStatistics[n];
    for (int a = 0; a < n; a++) {
      Attribute attribute = header.attribute(a);
      if (a == header.classIndex()) {
        continue;
      }
      if (attribute.isNumeric()) { // numeric and date
        numeric[a] = new NumericStatistics();
      } else if (attribute.isNominal()) {
        nominal[a] = new NominalStatistics(attribute.numValues());
      }
    }
    return new EncoderStatistics(header.classIndex(), numeric, nominal);
  }

  /**
   * @param data instances with the class set. Not modified.
   * @return the statistics of all rows
   * @throws IllegalArgumentException as {@link #of(Instances, int[])}
   */
  public static EncoderStatistics of(Instances data) {
    return of(data, InstancesEncoder.allRows(data));
  }

  /**
   * Statistics of some rows, in two passes that visit each instance once (the instances are separate objects:
   * reading them attribute by attribute would fetch every instance from memory once per attribute).
   *
   * @param data instances with the class set. Not modified.
   * @param rows indices of the rows to include; rows without a positive weight are skipped. Not modified.
   * @return the statistics
   * @throws IllegalArgumentException for the first problem in attribute order: an attribute of a type the network
   *     cannot use (string, relational), or an infinite value (naming the attribute and the instance)
   */
  public static EncoderStatistics of(Instances data, int[] rows) {
    EncoderStatistics statistics = empty(data);
    int[] numericAttributes = statistics.attributes(true);
    int[] nominalAttributes = statistics.attributes(false);
    int[] firstInfiniteRow = new int[data.numAttributes()];
    java.util.Arrays.fill(firstInfiniteRow, -1);
    for (int pass = 0; pass < 2; pass++) {
      boolean rangePass = pass == 0; // range and magnitude first, then the mean and M2 of value / magnitude
      int[] nominalInPass = rangePass ? nominalAttributes : new int[0];
      for (int row : rows) {
        Instance instance = data.instance(row);
        if (!(instance.weight() > 0.0)) {
          continue;
        }
        for (int a : numericAttributes) {
          double v = instance.value(a);
          if (Double.isInfinite(v)) {
            firstInfiniteRow[a] = firstInfiniteRow[a] < 0 ? row : firstInfiniteRow[a];
          } else if (rangePass) {
            statistics.numeric[a].observeRange(v);
          } else {
            statistics.numeric[a].observeScaled(v);
          }
        }
        for (int a : nominalInPass) {
          statistics.nominal[a].observe(instance.value(a), instance.weight());
        }
      }
    }
    statistics.reportFirstProblem(data, firstInfiniteRow);
    return statistics;
  }

  /** @return the indices of the numeric (or else the nominal) attributes with statistics */
  private int[] attributes(boolean ofNumeric) {
    int count = 0;
    int[] found = new int[numeric.length];
    for (int a = 0; a < numeric.length; a++) {
      if (ofNumeric ? numeric[a] != null : nominal[a] != null) {
        found[count++] = a;
      }
    }
    return java.util.Arrays.copyOf(found, count);
  }

  /** Throws for the first attribute, in attribute order, that the network cannot use or that had an infinite value. */
  private void reportFirstProblem(Instances data, int[] firstInfiniteRow) {
    for (int a = 0; a < numeric.length; a++) {
      if (a == classIndex) {
        continue;
      }
      int row = firstInfiniteRow[a];
      if (row >= 0) {
        throw new IllegalArgumentException("Attribute '" + data.attribute(a).name() + "' has the infinite value "
          + data.instance(row).value(a) + " in instance " + (row + 1)
          + "; replace it with a finite number or mark it missing ('?').");
      }
      if (numeric[a] == null && nominal[a] == null) {
        throw unusableType(data.attribute(a));
      }
    }
  }

  /**
   * @param attribute an attribute that is neither numeric, date nor nominal
   * @return the error that names it and says what to do
   */
  static IllegalArgumentException unusableType(Attribute attribute) {
    return new IllegalArgumentException("Attribute '" + attribute.name() + "' has type "
      + Attribute.typeToString(attribute) + ", which the multilayer perceptron cannot use; "
      + "remove it or convert it (e.g. with StringToWordVector).");
  }

  /**
   * Combines the statistics of two disjoint parts of a data set (for example two partitions of a cluster job).
   *
   * @param other the statistics of the other part, computed for the same header. Not modified.
   * @return the statistics of both parts; neither part is modified
   * @throws IllegalArgumentException when the two were computed for different headers
   */
  public EncoderStatistics merge(EncoderStatistics other) {
    if (other.numeric.length != numeric.length || other.classIndex != classIndex) {
      throw new IllegalArgumentException("Cannot merge the statistics of different headers: " + numeric.length
        + " attributes with class index " + classIndex + " and " + other.numeric.length
        + " attributes with class index " + other.classIndex + ".");
    }
    NumericStatistics[] mergedNumeric = new NumericStatistics[numeric.length];
    NominalStatistics[] mergedNominal = new NominalStatistics[nominal.length];
    for (int a = 0; a < numeric.length; a++) {
      if ((numeric[a] == null) != (other.numeric[a] == null) || (nominal[a] == null) != (other.nominal[a] == null)) {
        throw new IllegalArgumentException("Cannot merge the statistics of different headers: attribute "
          + (a + 1) + " has another type.");
      }
      mergedNumeric[a] = numeric[a] == null ? null : numeric[a].merge(other.numeric[a]);
      mergedNominal[a] = nominal[a] == null ? null : nominal[a].merge(other.nominal[a]);
    }
    return new EncoderStatistics(classIndex, mergedNumeric, mergedNominal);
  }

  /** @return the number of attributes of the header the statistics were computed for */
  public int numAttributes() {
    return numeric.length;
  }

  /** @return the class index of that header */
  public int classIndex() {
    return classIndex;
  }

  /**
   * @param attribute an attribute index
   * @return the statistics of a numeric or date attribute, null for other attributes and the class
   */
  public NumericStatistics numeric(int attribute) {
    return numeric[attribute];
  }

  /**
   * @param attribute an attribute index
   * @return the statistics of a nominal attribute, null for other attributes and the class
   */
  public NominalStatistics nominal(int attribute) {
    return nominal[attribute];
  }
}
