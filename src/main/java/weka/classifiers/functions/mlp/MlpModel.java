package weka.classifiers.functions.mlp;

import java.io.Serializable;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.Network;
import org.wekamlp.core.WorkPlan;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializedObject;

/**
 * A fitted multilayer perceptron: everything prediction needs, apart from the options that produced it. It holds
 * the training header, the fitted {@link InstancesEncoder}, the trained {@link Network} (its own copy), the
 * fitted {@link OutputDecoding} (class probabilities, or the regressor's {@link TargetScaling}) and a
 * {@link TrainingReport}; it predicts Weka instances and describes itself. Immutable: the classifier makes a new
 * one whenever training has moved on, so a model handed out never changes, and one model can be used from many
 * threads at once.
 *
 * <p>When no input column remains (every attribute constant or missing in training, or none but the class) the
 * model has no network and predicts a constant, exactly what Weka's ZeroR predicts.
 */
public final class MlpModel implements Serializable {

  private static final long serialVersionUID = 2519663930871420611L;

  private final Instances header;
  private final InstancesEncoder encoder;
  private final Network network;
  private final OutputDecoding output;
  private final TrainingReport report;
  private final double[] constant;
  private final String constantDescription;
  /** What -tune found, null for a model trained with the given options. */
  private final TuningReport tuning;
  /** The data set whose header was last found equal to the training header (a cache, not state). */
  private transient volatile CheckedHeader lastChecked;
  /**
   * Chosen on first use, and again after deserialization (native code is never serialized): the products in the
   * precision the model was trained with.
   */
  private transient volatile Backend backend;
  /** Made on the first large batch prediction: derived from the encoder and the network, never serialized. */
  private transient volatile Folded folded;

  private MlpModel(Instances header, InstancesEncoder encoder, Network network, OutputDecoding output,
    TrainingReport report, double[] constant, String constantDescription, TuningReport tuning) {
    this.header = header;
    this.encoder = encoder;
    this.network = network;
    this.output = output;
    this.report = report;
    this.constant = constant;
    this.constantDescription = constantDescription;
    this.tuning = tuning;
  }

  /**
   * A model with a trained network.
   *
   * @param header the training header, a deep copy the model owns (Weka's renameAttributeValue renames the values
   *     of every header sharing an attribute)
   * @param encoder the fitted encoder
   * @param network the trained network, which the model owns from now on (pass a copy of a live one)
   * @param output the fitted output step
   * @param report the training run's report
   * @return the model
   */
  static MlpModel trained(Instances header, InstancesEncoder encoder, Network network, OutputDecoding output,
    TrainingReport report) {
    return new MlpModel(header, encoder, network, output, report, null, null, null);
  }

  /**
   * @param decoding another fitted output step for the same network outputs (the calibrated class probabilities)
   * @return this model with that output step; this model is not changed
   */
  MlpModel withOutput(OutputDecoding decoding) {
    return new MlpModel(header, encoder, network, decoding, report, constant, constantDescription, tuning);
  }

  /** @return the fitted output step, null when the model predicts a constant */
  public OutputDecoding output() {
    return output;
  }

  /**
   * A model without a network, for training data with no usable input column.
   *
   * @param header the training header, a deep copy the model owns
   * @param encoder the fitted encoder (no columns)
   * @param prediction what every instance gets: the weighted class frequencies or the weighted mean. Not modified.
   * @param description one line saying what is predicted, for the summary
   * @return the model
   */
  static MlpModel constant(Instances header, InstancesEncoder encoder, double[] prediction, String description) {
    return new MlpModel(header, encoder, null, null, null, prediction.clone(), description, null);
  }

  /**
   * @param tuningReport what -tune found
   * @return this model with the tuning report attached (for its summary)
   */
  MlpModel tuned(TuningReport tuningReport) {
    return new MlpModel(header, encoder, network, output, report, constant, constantDescription, tuningReport);
  }

  /** @return what -tune found, or null when the model was trained with the given options */
  public TuningReport tuning() {
    return tuning;
  }

  /**
   * @return a deep copy of the training header (no instances): Weka's renameAttributeValue renames the values of
   *     every header sharing an attribute, so a shallow copy would let a caller change the model's header
   */
  public Instances header() {
    try {
      return (Instances) new SerializedObject(header).getObject();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot copy the training header: " + e.getMessage(), e);
    }
  }

  /** @return the fitted encoder (immutable) */
  public InstancesEncoder encoder() {
    return encoder;
  }

  /** @return a copy of the trained network, or null when the model predicts a constant */
  public Network network() {
    return network == null ? null : network.copy();
  }

  /** @return the report of the training run, or null when the model predicts a constant */
  public TrainingReport report() {
    return report;
  }

  /**
   * @param instance an instance with the training header. Not modified.
   * @return class probabilities (classifier) or a one-element prediction (regressor)
   * @throws IllegalArgumentException when the instance's header differs from the training header, or a value is
   *     infinite
   */
  public double[] distributionForInstance(Instance instance) {
    checkHeader(instance);
    if (constant != null) {
      return constant.clone();
    }
    double[] row = new double[encoder.numColumns()];
    encoder.encode(instance, row, 0);
    DMatrixRMaj inputs = DMatrixRMaj.wrap(1, row.length, row);
    DMatrixRMaj outputs = new DMatrixRMaj(1, network.numOutputs());
    network.predict(inputs, outputs, backend());
    return output.toDistribution(outputs.data, 0);
  }

  /**
   * Predicts all instances in one parallel pass: the threads each encode and run a contiguous share of the rows, a
   * block at a time, so that no encoded copy of all rows is made. Gives the same numbers as
   * {@link #distributionForInstance} row by row, within rounding.
   *
   * @param instances instances with the training header. Not modified.
   * @param threads the most threads to use, at least 1
   * @return one distribution per instance
   * @throws IllegalArgumentException when the header differs from the training header, or a value is infinite
   */
  public double[][] distributionsForInstances(Instances instances, int threads) {
    checkHeader(instances);
    int n = instances.numInstances();
    double[][] result = new double[n][];
    if (constant != null) {
      for (int i = 0; i < n; i++) {
        result[i] = constant.clone();
      }
      return result;
    }
    int k = network.numOutputs();
    DMatrixRMaj outputs = new DMatrixRMaj(n, k);
    Backend products = backend();
    if (WorkPlan.foldsInputScaling(network, n, products)) {
      Folded raw = folded();
      raw.network.predictSparse(n, (row, destination, offset) -> raw.inputs.write(instances.instance(row), destination,
        offset), outputs, products, threads);
    } else {
      network.predict(n, (row, destination, offset) -> encoder.encode(instances.instance(row), destination, offset),
        outputs, products, threads);
    }
    for (int i = 0; i < n; i++) {
      result[i] = output.toDistribution(outputs.data, i * k);
    }
    return result;
  }

  private Folded folded() {
    Folded f = folded;
    if (f == null) {
      InstancesEncoder.RawInputs inputs = encoder.rawInputs();
      f = new Folded(inputs, network.foldInputs(inputs.scale(), inputs.shift()));
      folded = f;
    }
    return f;
  }

  /** The raw form of the encoding and the network with the input scaling folded into its first layer. */
  private static final class Folded {

    final InstancesEncoder.RawInputs inputs;
    final Network network;

    Folded(InstancesEncoder.RawInputs inputs, Network network) {
      this.inputs = inputs;
      this.network = network;
    }
  }

  private Backend backend() {
    Backend m = backend;
    if (m == null) {
      m = Backends.selected(report.precision());
      backend = m;
    }
    return m;
  }

  private void checkHeader(Instance instance) {
    Instances dataset = instance.dataset();
    if (dataset != null) {
      checkHeader(dataset);
    } else if (instance.numAttributes() != header.numAttributes()) {
      throw new IllegalArgumentException("The instance has " + instance.numAttributes()
        + " attributes, the training data had " + header.numAttributes() + ".");
    }
  }

  /**
   * Compares the header of the data to predict with the training header once per data set, and again when the
   * data set's header has changed in place since (attributes added, deleted, renamed, values renamed, another
   * class): the methods of Weka's Instances that change an attribute put a new attribute object in its place, so
   * comparing the attribute objects by identity finds those changes, at one pointer comparison per attribute.
   */
  private void checkHeader(Instances dataset) {
    CheckedHeader checked = lastChecked;
    if (checked != null && checked.stillDescribes(dataset)) {
      return;
    }
    String difference = header.equalHeadersMsg(dataset);
    if (difference != null) {
      throw new IllegalArgumentException("The data to predict differ from the training data: " + difference);
    }
    lastChecked = new CheckedHeader(dataset);
  }

  /** A data set whose header was found equal to the training header, with its class and attribute objects. */
  private static final class CheckedHeader {

    private final Instances dataset;
    private final int classIndex;
    private final Attribute[] attributes;

    CheckedHeader(Instances dataset) {
      this.dataset = dataset;
      classIndex = dataset.classIndex();
      attributes = new Attribute[dataset.numAttributes()];
      for (int a = 0; a < attributes.length; a++) {
        attributes[a] = dataset.attribute(a);
      }
    }

    /** @return true if data is the checked data set and still has the same class and attribute objects */
    boolean stillDescribes(Instances data) {
      if (data != dataset || data.classIndex() != classIndex || data.numAttributes() != attributes.length) {
        return false;
      }
      for (int a = 0; a < attributes.length; a++) {
        if (data.attribute(a) != attributes[a]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The model summary that Weka prints.
   *
   * @param name the classifier's name, for the title
   * @return the summary: architecture, inputs, solver, and how training went
   */
  public String describe(String name) {
    StringBuilder sb = new StringBuilder();
    sb.append(name).append('\n').append(name.replaceAll(".", "=")).append("\n\n");
    if (constant != null && tuning != null && tuning.choseIntercept()) {
      tuning.describe(sb);
      return sb.append(constantDescription).append('\n').toString();
    }
    if (constant != null) {
      sb.append(describeConstant());
      if (tuning != null) {
        tuning.describe(sb.append('\n'));
      }
      return sb.toString();
    }
    int[] sizes = network.layerSizes();
    sb.append("Architecture: ").append(sizes[0]).append(" inputs");
    for (int l = 1; l < sizes.length - 1; l++) {
      sb.append(" -> ").append(sizes[l]).append(" (").append(network.hiddenActivation().optionName()).append(')');
    }
    sb.append(" -> ").append(sizes[sizes.length - 1]).append(" (").append(output.describe()).append(")\n");
    sb.append("Parameters:   ").append(network.numParameters()).append(" (weights and biases)\n");
    sb.append("Loss:         ").append(network.outputLayer().lossName()).append(", L2 alpha ")
      .append(weka.core.Utils.doubleToString(report.alpha(), 6)).append('\n');
    sb.append("Inputs:       ").append(encoder.describe()).append('\n');
    report.describeSetup(sb);
    sb.append('\n');
    report.describeRun(sb);
    output.describeFit(sb);
    if (tuning != null) {
      sb.append('\n');
      tuning.describe(sb);
    }
    return sb.toString();
  }

  private String describeConstant() {
    int attributes = header.numAttributes() - 1;
    String why;
    if (attributes == 0) {
      why = "the training data have no attribute besides the class.";
    } else if (attributes == 1) {
      why = "the one attribute besides the class is constant or missing in the training data.";
    } else {
      why = "all " + attributes + " attributes besides the class are constant or missing in the training data.";
    }
    return "No usable input: " + why + "\n" + constantDescription
      + "\n(no network is trained: nothing in the inputs could change the prediction)\n";
  }
}
