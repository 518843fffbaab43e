package weka.classifiers.functions.mlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the dense rows the network reads, with the preprocessing fitted once on the
 * training data and reused unchanged at prediction time: numeric and date attributes scaled as chosen;
 * nominal attributes one-hot (one column per value seen in training); missing values replaced by the
 * training mean (numeric) or mode (nominal); columns that are constant in training dropped. The class
 * attribute is skipped.
 *
 * <p>Statistics are computed on values divided by the column's largest magnitude, so columns holding
 * values near 1e300 neither overflow nor lose their spread.
 */
public final class InstancesEncoder implements Serializable {

  private static final long serialVersionUID = -1532620862232913440L;

  /** Encoding of one numeric or date attribute: {@code column = (x / magnitude - offset) * factor}. */
  private static final class NumericColumn implements Serializable {
    private static final long serialVersionUID = 2307937052346216347L;
    final int attribute;
    final int column;
    final double magnitude;
    final double offset;
    final double factor;
    final double imputed;

    NumericColumn(int attribute, int column, double magnitude, double offset, double factor, double imputed) {
      this.attribute = attribute;
      this.column = column;
      this.magnitude = magnitude;
      this.offset = offset;
      this.factor = factor;
      this.imputed = imputed;
    }
  }

  /** Encoding of one nominal attribute: value index to column, -1 for values with no column. */
  private static final class NominalColumns implements Serializable {
    private static final long serialVersionUID = -4466035400069125770L;
    final int attribute;
    final int[] columnOfValue;
    final int mode;

    NominalColumns(int attribute, int[] columnOfValue, int mode) {
      this.attribute = attribute;
      this.columnOfValue = columnOfValue;
      this.mode = mode;
    }
  }

  private final InputScaling scaling;
  private final NumericColumn[] numeric;
  private final NominalColumns[] nominal;
  private final int numColumns;
  private final int numDropped;

  private InstancesEncoder(InputScaling scaling, NumericColumn[] numeric, NominalColumns[] nominal, int numColumns,
    int numDropped) {
    this.scaling = scaling;
    this.numeric = numeric;
    this.nominal = nominal;
    this.numColumns = numColumns;
    this.numDropped = numDropped;
  }

  /**
   * Fits the preprocessing on training data.
   *
   * @param data training instances with the class set and no missing class values. Not modified.
   * @param scaling scaling of numeric and date attributes
   * @return the fitted encoder
   * @throws IllegalArgumentException naming the attribute when a numeric value is infinite
   */
  public static InstancesEncoder fit(Instances data, InputScaling scaling) {
    return fit(data, allRows(data), scaling);
  }

  /**
   * Fits the preprocessing on some rows of the training data, without copying them.
   *
   * @param data training instances with the class set. Not modified.
   * @param rows indices of the rows to fit on (those with a known class). Not modified.
   * @param scaling scaling of numeric and date attributes
   * @return the fitted encoder
   * @throws IllegalArgumentException naming the attribute when a numeric value is infinite
   */
  public static InstancesEncoder fit(Instances data, int[] rows, InputScaling scaling) {
    List<NumericColumn> numeric = new ArrayList<>();
    List<NominalColumns> nominal = new ArrayList<>();
    NumericStatistics statistics = new NumericStatistics(data, rows);
    int column = 0;
    int dropped = 0;
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex()) {
        continue;
      }
      Attribute attribute = data.attribute(a);
      if (attribute.isNumeric()) { // numeric and date
        NumericColumn c = fitNumeric(data, statistics, a, column, scaling);
        if (c == null) {
          dropped++;
        } else {
          numeric.add(c);
          column++;
        }
      } else if (attribute.isNominal()) {
        double[] weightOfValue = new double[attribute.numValues()];
        boolean[] seen = new boolean[attribute.numValues()];
        for (int row : rows) {
          Instance instance = data.instance(row);
          if (!instance.isMissing(a)) {
            int v = (int) instance.value(a);
            seen[v] = true;
            weightOfValue[v] += instance.weight();
          }
        }
        int mode = -1;
        int numSeen = 0;
        for (int v = 0; v < seen.length; v++) {
          if (seen[v]) {
            numSeen++;
            if (mode < 0 || weightOfValue[v] > weightOfValue[mode]) {
              mode = v;
            }
          }
        }
        if (numSeen < 2) {
          dropped++; // one value (or none) after imputation: a constant column
          continue;
        }
        int[] columnOfValue = new int[seen.length];
        for (int v = 0; v < seen.length; v++) {
          columnOfValue[v] = seen[v] ? column++ : -1;
        }
        nominal.add(new NominalColumns(a, columnOfValue, mode));
      } else {
        throw new IllegalArgumentException("Attribute '" + attribute.name() + "' has type "
          + Attribute.typeToString(attribute) + ", which the multilayer perceptron cannot use; "
          + "remove it or convert it (e.g. with StringToWordVector).");
      }
    }
    return new InstancesEncoder(scaling, numeric.toArray(new NumericColumn[0]),
      nominal.toArray(new NominalColumns[0]), column, dropped);
  }

  private static NumericColumn fitNumeric(Instances data, NumericStatistics statistics, int a, int column,
    InputScaling scaling) {
    int k = statistics.indexOf(a);
    int infiniteRow = statistics.firstInfiniteRow[k];
    if (infiniteRow >= 0) {
      // attribute by attribute, as the columns are built: the first problem in attribute order is reported
      throw new IllegalArgumentException("Attribute '" + data.attribute(a).name() + "' has the infinite value "
        + data.instance(infiniteRow).value(a) + " in instance " + (infiniteRow + 1)
        + "; replace it with a finite number or mark it missing ('?').");
    }
    double magnitude = statistics.magnitude[k];
    double min = statistics.min[k];
    double max = statistics.max[k];
    if (!(max > min)) {
      return null; // all missing, or constant: nothing to learn from
    }
    double mean = statistics.mean[k];
    double m2 = statistics.m2[k];
    int count = statistics.count[k];
    double std = Math.sqrt(m2 / count);
    double scaledMin = min / magnitude;
    double scaledMax = max / magnitude;
    double offset;
    double factor;
    switch (scaling) {
      case STANDARDIZE:
        offset = mean;
        factor = std > 0.0 ? 1.0 / std : 1.0;
        break;
      case NORMALIZE:
        offset = scaledMin;
        factor = 1.0 / (scaledMax - scaledMin);
        break;
      case SYMMETRIC:
        offset = 0.5 * (scaledMin + scaledMax);
        factor = 2.0 / (scaledMax - scaledMin);
        break;
      default:
        offset = 0.0;
        factor = magnitude; // undoes the division: the raw value
        break;
    }
    return new NumericColumn(a, column, magnitude, offset, factor, (mean - offset) * factor);
  }

  /**
   * Range, magnitude, mean and variance of every numeric (and date) attribute over the training rows, in two
   * passes that visit each instance once (the instances are separate objects: reading them attribute by
   * attribute would fetch every instance from memory once per attribute). The mean and variance are
   * Welford's running ones of {@code value / magnitude}, per attribute in row order.
   */
  private static final class NumericStatistics {
    private final int[] indexOfAttribute;
    final double[] magnitude;
    final double[] min;
    final double[] max;
    final double[] mean;
    final double[] m2;
    final int[] count;
    /** Per attribute, the first training row with an infinite value, or -1 (reported by {@link #fitNumeric}). */
    final int[] firstInfiniteRow;

    NumericStatistics(Instances data, int[] rows) {
      int numAttributes = data.numAttributes();
      indexOfAttribute = new int[numAttributes];
      int n = 0;
      for (int a = 0; a < numAttributes; a++) {
        boolean numeric = a != data.classIndex() && data.attribute(a).isNumeric();
        indexOfAttribute[a] = numeric ? n++ : -1;
      }
      int[] attributes = new int[n];
      for (int a = 0; a < numAttributes; a++) {
        if (indexOfAttribute[a] >= 0) {
          attributes[indexOfAttribute[a]] = a;
        }
      }
      magnitude = new double[n];
      min = new double[n];
      max = new double[n];
      mean = new double[n];
      m2 = new double[n];
      count = new int[n];
      java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      firstInfiniteRow = new int[n];
      java.util.Arrays.fill(firstInfiniteRow, -1);
      for (int row : rows) {
        Instance instance = data.instance(row);
        for (int k = 0; k < n; k++) {
          double v = instance.value(attributes[k]);
          if (Double.isNaN(v)) {
            continue; // missing
          }
          if (Double.isInfinite(v)) {
            if (firstInfiniteRow[k] < 0) {
              firstInfiniteRow[k] = row;
            }
            continue;
          }
          magnitude[k] = Math.max(magnitude[k], Math.abs(v));
          min[k] = Math.min(min[k], v);
          max[k] = Math.max(max[k], v);
        }
      }
      for (int row : rows) {
        Instance instance = data.instance(row);
        for (int k = 0; k < n; k++) {
          double v = instance.value(attributes[k]);
          if (Double.isNaN(v) || Double.isInfinite(v) || !(max[k] > min[k])) {
            continue;
          }
          v /= magnitude[k];
          int c = ++count[k];
          double delta = v - mean[k];
          double updated = mean[k] + delta / c;
          mean[k] = updated;
          m2[k] += delta * (v - updated);
        }
      }
    }

    int indexOf(int attribute) {
      return indexOfAttribute[attribute];
    }
  }

  /** @return number of encoded columns (network inputs) */
  public int numColumns() {
    return numColumns;
  }

  /** @return number of attributes dropped because they were constant or entirely missing in training */
  public int numDropped() {
    return numDropped;
  }

  /** @return number of numeric and date attributes kept */
  public int numNumeric() {
    return numeric.length;
  }

  /** @return number of nominal attributes kept (each one-hot) */
  public int numNominal() {
    return nominal.length;
  }

  /** @return the scaling used */
  public InputScaling scaling() {
    return scaling;
  }

  /**
   * Encodes all instances.
   *
   * @param data instances with the training header. Not modified.
   * @return a new (rows x numColumns) matrix
   */
  public DMatrixRMaj encode(Instances data) {
    return encode(data, allRows(data));
  }

  /**
   * Encodes some instances, one matrix row per index, without copying the instances.
   *
   * @param data instances with the training header. Not modified.
   * @param rows indices of the instances to encode. Not modified.
   * @return a new (rows.length x numColumns) matrix
   */
  public DMatrixRMaj encode(Instances data, int[] rows) {
    DMatrixRMaj matrix = new DMatrixRMaj(rows.length, numColumns);
    for (int i = 0; i < rows.length; i++) {
      encode(data.instance(rows[i]), matrix.data, i * numColumns);
    }
    return matrix;
  }

  private static int[] allRows(Instances data) {
    int[] rows = new int[data.numInstances()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /**
   * Encodes one instance into {@code destination[offset .. offset + numColumns)}.
   *
   * @param instance an instance with the training header. Not modified.
   * @param destination the row buffer. Modified.
   * @param offset where the row starts
   * @throws IllegalArgumentException naming the attribute when a numeric value is infinite
   */
  public void encode(Instance instance, double[] destination, int offset) {
    java.util.Arrays.fill(destination, offset, offset + numColumns, 0.0);
    for (NumericColumn c : numeric) {
      double encoded;
      if (instance.isMissing(c.attribute)) {
        encoded = c.imputed;
      } else {
        double v = instance.value(c.attribute);
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException("Attribute '" + instance.attribute(c.attribute).name()
            + "' has the infinite value " + v + "; replace it with a finite number or mark it missing ('?').");
        }
        encoded = (v / c.magnitude - c.offset) * c.factor;
      }
      destination[offset + c.column] = encoded;
    }
    for (NominalColumns c : nominal) {
      int value = instance.isMissing(c.attribute) ? c.mode : (int) instance.value(c.attribute);
      // a value never seen in training has no column: all of this attribute's columns stay 0
      int column = value < c.columnOfValue.length ? c.columnOfValue[value] : -1;
      if (column >= 0) {
        destination[offset + column] = 1.0;
      }
    }
  }

  /** @return a one-line description for model summaries */
  public String describe() {
    int oneHot = numColumns - numeric.length;
    return numeric.length + " numeric/date attribute(s) scaled with '" + scaling.optionName() + "', "
      + nominal.length + " nominal attribute(s) one-hot encoded into " + oneHot + " column(s), "
      + numDropped + " constant or empty attribute(s) dropped; missing values replaced by the training mean/mode";
  }
}
