package weka.classifiers.functions.mlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

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
 * <p>Fitted from {@link EncoderStatistics}, computed on values divided by the column's largest magnitude, so
 * columns holding values near 1e300 neither overflow nor lose their spread.
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
    /**
     * Per value, its share of the training rows with a known value: the mean of its one-hot column. Null in
     * models saved before it was kept (the mode's column then stands for the mean).
     */
    final double[] meanOfValue;

    NominalColumns(int attribute, int[] columnOfValue, int mode, double[] meanOfValue) {
      this.attribute = attribute;
      this.columnOfValue = columnOfValue;
      this.mode = mode;
      this.meanOfValue = meanOfValue;
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
   * Fits the preprocessing on some rows of the training data, without copying them: computes their
   * {@link EncoderStatistics} and builds the encoder from them ({@link #fromStatistics}).
   *
   * @param data training instances with the class set. Not modified.
   * @param rows indices of the rows to fit on (those with a known class); rows without a positive weight are left
   *     out. Not modified.
   * @param scaling scaling of numeric and date attributes
   * @return the fitted encoder
   * @throws IllegalArgumentException naming the attribute when a numeric value is infinite or its type unusable
   */
  public static InstancesEncoder fit(Instances data, int[] rows, InputScaling scaling) {
    return fromStatistics(data, EncoderStatistics.of(data, rows), scaling);
  }

  /**
   * Builds the encoder from precomputed statistics, for example statistics merged over the partitions of a cluster
   * job: numeric and date attributes scaled from their range, mean and standard deviation; nominal attributes one-hot
   * over the values seen, missing values replaced by the mode; constant or empty attributes dropped.
   *
   * @param header the training header (attributes and class index). Not modified.
   * @param statistics statistics computed for that header. Not modified.
   * @param scaling scaling of numeric and date attributes
   * @return the encoder
   * @throws IllegalArgumentException when the statistics do not fit the header, or naming an attribute whose type
   *     the network cannot use
   */
  public static InstancesEncoder fromStatistics(Instances header, EncoderStatistics statistics, InputScaling scaling) {
    if (statistics.numAttributes() != header.numAttributes() || statistics.classIndex() != header.classIndex()) {
      throw new IllegalArgumentException("The statistics were computed for " + statistics.numAttributes()
        + " attributes with class index " + statistics.classIndex() + ", not for the header '"
        + header.relationName() + "' (" + header.numAttributes() + " attributes, class index "
        + header.classIndex() + ").");
    }
    List<NumericColumn> numeric = new ArrayList<>();
    List<NominalColumns> nominal = new ArrayList<>();
    int column = 0;
    int dropped = 0;
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a == header.classIndex()) {
        continue;
      }
      Attribute attribute = header.attribute(a);
      if (attribute.isNumeric()) { // numeric and date
        NumericColumn c = numericColumn(a, column, statistics(attribute, statistics.numeric(a)), scaling);
        if (c == null) {
          dropped++;
        } else {
          numeric.add(c);
          column++;
        }
      } else if (attribute.isNominal()) {
        NominalStatistics values = statistics(attribute, statistics.nominal(a));
        if (values.numValues() != attribute.numValues()) {
          throw mismatch(attribute);
        }
        if (values.numSeen() < 2) {
          dropped++; // one value (or none) after imputation: a constant column
          continue;
        }
        int[] columnOfValue = new int[values.numValues()];
        for (int v = 0; v < columnOfValue.length; v++) {
          columnOfValue[v] = values.count(v) > 0 ? column++ : -1;
        }
        nominal.add(new NominalColumns(a, columnOfValue, values.mode(), shares(values)));
      } else {
        throw EncoderStatistics.unusableType(attribute);
      }
    }
    return new InstancesEncoder(scaling, numeric.toArray(new NumericColumn[0]),
      nominal.toArray(new NominalColumns[0]), column, dropped);
  }

  /** @return per value, its share of the rows with a known value (as the numeric means, unweighted) */
  private static double[] shares(NominalStatistics values) {
    long total = 0;
    for (int v = 0; v < values.numValues(); v++) {
      total += values.count(v);
    }
    double[] shares = new double[values.numValues()];
    for (int v = 0; v < shares.length; v++) {
      shares[v] = (double) values.count(v) / total;
    }
    return shares;
  }

  /** @return the statistics of an attribute, which must exist (statistics of a header with the same types) */
  private static <T> T statistics(Attribute attribute, T found) {
    if (found == null) {
      throw mismatch(attribute);
    }
    return found;
  }

  private static IllegalArgumentException mismatch(Attribute attribute) {
    return new IllegalArgumentException("The statistics do not fit the header: attribute '" + attribute.name()
      + "' (" + Attribute.typeToString(attribute) + (attribute.isNominal() ? " with " + attribute.numValues()
        + " values" : "") + ") has other statistics.");
  }

  private static NumericColumn numericColumn(int a, int column, NumericStatistics statistics, InputScaling scaling) {
    double magnitude = statistics.magnitude();
    double min = statistics.min();
    double max = statistics.max();
    if (!(max > min)) {
      return null; // all missing, or constant: nothing to learn from
    }
    double mean = statistics.scaledMean();
    double std = statistics.scaledStandardDeviation();
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

  /** @return number of encoded columns (network inputs) */
  public int numColumns() {
    return numColumns;
  }

  /** @return number of attributes dropped because they were constant or entirely missing in training */
  public int numDropped() {
    return numDropped;
  }

  /** @return the scaling used */
  public InputScaling scaling() {
    return scaling;
  }

  /**
   * The mean of the encoded training data, column by column: a numeric column's encoded training mean (0 when
   * standardized), a one-hot column's share of the training rows with a known value of the attribute. The baseline
   * of integrated gradients.
   *
   * @return one value per column (a new array)
   */
  public double[] encodedMean() {
    double[] mean = new double[numColumns];
    describeColumns(new int[numColumns], mean);
    return mean;
  }

  /**
   * @return per encoded column, the index of the attribute it encodes (in the training header); a nominal attribute
   *     has one column per value seen in training (a new array)
   */
  public int[] attributeOfColumn() {
    int[] attribute = new int[numColumns];
    describeColumns(attribute, new double[numColumns]);
    return attribute;
  }

  /** Writes each column's attribute index and training mean. */
  private void describeColumns(int[] attribute, double[] mean) {
    for (NumericColumn c : numeric) {
      attribute[c.column] = c.attribute;
      mean[c.column] = c.imputed;
    }
    for (NominalColumns c : nominal) {
      for (int v = 0; v < c.columnOfValue.length; v++) {
        int column = c.columnOfValue[v];
        if (column >= 0) {
          attribute[column] = c.attribute;
          mean[column] = c.meanOfValue != null ? c.meanOfValue[v] : (v == c.mode ? 1.0 : 0.0);
        }
      }
    }
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

  /**
   * Encodes some instances into float32, one matrix row per index: each value is its float64 encoding rounded to
   * float32, for training with float32 products (half the memory of {@link #encode(Instances, int[])}).
   *
   * @param data instances with the training header. Not modified.
   * @param rows indices of the instances to encode. Not modified.
   * @return a new (rows.length x numColumns) matrix
   */
  public FMatrixRMaj encodeFloat32(Instances data, int[] rows) {
    FMatrixRMaj matrix = new FMatrixRMaj(rows.length, numColumns);
    double[] row = new double[numColumns];
    for (int i = 0; i < rows.length; i++) {
      encode(data.instance(rows[i]), row, 0);
      int offset = i * numColumns;
      for (int c = 0; c < numColumns; c++) {
        matrix.data[offset + c] = (float) row[c];
      }
    }
    return matrix;
  }

  /** @return the indices of all instances */
  static int[] allRows(Instances data) {
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
    for (NumericColumn c : numeric) {
      double v = instance.value(c.attribute); // NaN when missing (Weka's isMissing)
      double encoded;
      if (Double.isNaN(v)) {
        encoded = c.imputed;
      } else {
        if (Double.isInfinite(v)) {
          throw infinite(instance, c.attribute, v);
        }
        encoded = (v / c.magnitude - c.offset) * c.factor;
      }
      destination[offset + c.column] = encoded;
    }
    writeOneHot(nominal, instance, destination, offset);
  }

  private static IllegalArgumentException infinite(Instance instance, int attribute, double v) {
    return new IllegalArgumentException("Attribute '" + instance.attribute(attribute).name()
      + "' has the infinite value " + v + "; replace it with a finite number or mark it missing ('?').");
  }

  /** Writes the one-hot columns of the nominal attributes: 1 in the column of the value (or the mode), else 0. */
  private static void writeOneHot(NominalColumns[] nominal, Instance instance, double[] destination, int offset) {
    for (NominalColumns c : nominal) {
      for (int column : c.columnOfValue) {
        if (column >= 0) {
          destination[offset + column] = 0.0;
        }
      }
      int value = instance.isMissing(c.attribute) ? c.mode : (int) instance.value(c.attribute);
      // a value never seen in training has no column: all of this attribute's columns stay 0
      int column = value < c.columnOfValue.length ? c.columnOfValue[value] : -1;
      if (column >= 0) {
        destination[offset + column] = 1.0;
      }
    }
  }

  /**
   * @return the raw form of this encoding, for prediction with the input scaling folded into the first layer
   *     ({@link RawInputs})
   */
  public RawInputs rawInputs() {
    return new RawInputs(this);
  }

  /**
   * This encoding split into raw values and an affine map per column, {@code encoded = scale * raw + shift}, so that
   * the map can be folded into the network's first layer ({@code Network.foldInputs}) and prediction reads the
   * values as they are, without the arithmetic of the encoding. The raw value of a numeric column is the attribute's
   * value (the training mean for a missing one), of a one-hot column 1 (0 for the other values). A numeric column
   * whose raw 0 lies more than {@value #FOLD_LIMIT} from 0 once encoded ({@code |shift|} above that, e.g. years or
   * values near 1e6 that vary by 1) is written encoded instead (scale 1, shift 0): folded, its raw values and its
   * shift would cancel and lose digits. Immutable; used from many threads at once.
   */
  public static final class RawInputs {

    /** The largest {@code |shift|} of a folded numeric column. */
    static final double FOLD_LIMIT = 16.0;

    private final int numColumns;
    private final int[] attribute;
    private final int[] column;
    /** Per numeric column: null when folded (the raw value is written), else its encoding. */
    private final NumericColumn[] encoded;
    /** Per numeric column: what a missing value is written as. */
    private final double[] missing;
    private final NominalColumns[] nominal;
    private final double[] scale;
    private final double[] shift;

    private RawInputs(InstancesEncoder encoder) {
      numColumns = encoder.numColumns;
      nominal = encoder.nominal;
      int n = encoder.numeric.length;
      attribute = new int[n];
      column = new int[n];
      encoded = new NumericColumn[n];
      missing = new double[n];
      scale = new double[numColumns];
      shift = new double[numColumns];
      java.util.Arrays.fill(scale, 1.0);
      for (int i = 0; i < n; i++) {
        NumericColumn c = encoder.numeric[i];
        attribute[i] = c.attribute;
        column[i] = c.column;
        double factor = c.factor / c.magnitude;
        double zero = (0.0 - c.offset) * c.factor;
        if (Math.abs(zero) <= FOLD_LIMIT && factor != 0.0 && Double.isFinite(factor)) {
          scale[c.column] = factor;
          shift[c.column] = zero;
          missing[i] = (c.imputed - zero) / factor;
        } else {
          encoded[i] = c;
          missing[i] = c.imputed;
        }
      }
    }

    /** @return per column, the factor of the raw value (a copy) */
    public double[] scale() {
      return scale.clone();
    }

    /** @return per column, the encoded value of a raw 0 (a copy) */
    public double[] shift() {
      return shift.clone();
    }

    /**
     * Writes the raw values of one instance into {@code destination[offset .. offset + numColumns)}.
     *
     * @param instance an instance with the training header. Not modified.
     * @param destination the row buffer. Modified.
     * @param offset where the row starts
     * @throws IllegalArgumentException naming the attribute when a numeric value is infinite
     */
    public void write(Instance instance, double[] destination, int offset) {
      for (int i = 0; i < attribute.length; i++) {
        double v = instance.value(attribute[i]);
        if (!(Math.abs(v) <= Double.MAX_VALUE)) { // missing (NaN) or infinite
          if (!Double.isNaN(v)) {
            throw infinite(instance, attribute[i], v);
          }
          v = missing[i];
        } else if (encoded[i] != null) {
          NumericColumn c = encoded[i];
          v = (v / c.magnitude - c.offset) * c.factor;
        }
        destination[offset + column[i]] = v;
      }
      writeOneHot(nominal, instance, destination, offset);
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
