package weka.classifiers.functions.mlp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import org.wekamlp.core.IntegratedGradients;
import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Explains single predictions of a fitted {@link MlpModel} by integrated gradients (Sundararajan, Taly and Yan,
 * 2017; {@link IntegratedGradients}): the explained output is the probability of a class (by default the predicted
 * one) for the classifier, the predicted value in the class's units for the regressor. The path runs from the
 * baseline, the mean of the encoded training data ({@link InstancesEncoder#encodedMean()}: 0 for standardized
 * attributes, the training shares for one-hot columns), to the encoded instance; each attribute's attribution is
 * the sum over its encoded columns. The attributions add up to the output at the instance minus the output at the
 * baseline: when the trapezoid rule on the chosen number of steps misses that by more than {@value #TOLERANCE} of the
 * difference (and by more than {@value #ABSOLUTE_TOLERANCE} in the network's output units, a probability or a
 * standardized target: a difference near 0 cannot be met to 1 % of itself when the output swings along the path), the
 * steps are doubled, up to {@value #MAX_STEPS}. Safe to use from many threads.
 */
public final class PredictionExplainer {

  /** The default number of intervals of the path. */
  public static final int DEFAULT_STEPS = 100;
  /** The largest relative completeness error accepted before the steps are doubled. */
  public static final double TOLERANCE = 0.01;
  /** The completeness error in the network's output units below which the steps are never doubled. */
  public static final double ABSOLUTE_TOLERANCE = 1e-4;
  /** The most steps used when doubling. */
  public static final int MAX_STEPS = 12800;

  private final Instances header;
  private final InstancesEncoder encoder;
  private final Network network;
  private final double[] baseline;
  private final int[] attributeOfColumn;
  private final int[] attributes;
  private final boolean classification;
  /** The regressor's output in the class's units is {@code network output * slope + intercept}. */
  private final double slope;
  private final double intercept;

  /**
   * @param model a fitted model with a network
   * @throws IllegalArgumentException when the model predicts a constant (no usable input: nothing to attribute)
   */
  public PredictionExplainer(MlpModel model) {
    if (model.network() == null) {
      throw new IllegalArgumentException("The model has no network (no usable input in the training data): it "
        + "predicts a constant, so every attribution would be 0.");
    }
    header = model.header();
    network = calibrated(model);
    encoder = model.encoder();
    baseline = encoder.encodedMean();
    attributeOfColumn = encoder.attributeOfColumn();
    attributes = new int[header.numAttributes() - 1];
    for (int a = 0, i = 0; a < header.numAttributes(); a++) {
      if (a != header.classIndex()) {
        attributes[i++] = a;
      }
    }
    classification = network.outputLayer() == OutputLayer.SOFTMAX_CROSS_ENTROPY;
    OutputDecoding output = model.output();
    intercept = classification ? 0.0 : output.toDistribution(new double[] {0.0}, 0)[0];
    slope = classification ? 1.0 : output.toDistribution(new double[] {1.0}, 0)[0] - intercept;
  }

  /**
   * The model's network, or for a classifier trained with {@code -calibrate} a copy whose output layer's weights and
   * biases are divided by the temperature: its softmax is then the calibrated probability the model predicts
   * (softmax(z / T)), so the attributions add up to the change of the probability the user sees.
   */
  private static Network calibrated(MlpModel model) {
    OutputDecoding output = model.output();
    TemperatureScaling scaling = output instanceof ClassProbabilities ? ((ClassProbabilities) output)
      .temperatureScaling() : null;
    if (scaling == null || !scaling.isFitted()) {
      return model.network();
    }
    Network network = model.network().copy();
    int last = network.numLayers() - 1;
    CommonOps_DDRM.divide(network.weights(last), scaling.temperature());
    CommonOps_DDRM.divide(network.biases(last), scaling.temperature());
    return network;
  }

  /**
   * Explains the prediction of an instance: the predicted class's probability, or the predicted value.
   *
   * @param instance an instance with the training header. Not modified.
   * @param steps intervals of the path integral to start with, at least 1
   * @return the attributions
   * @throws IllegalArgumentException when the instance does not fit the model or steps is below 1
   */
  public Explanation explain(Instance instance, int steps) {
    double[] x = encode(instance);
    return explain(instance, x, classification ? predictedClass(x) : 0, steps);
  }

  /**
   * Explains the probability of one class value for an instance (classifier only).
   *
   * @param instance an instance with the training header. Not modified.
   * @param classValue the index of the class value whose probability is explained
   * @param steps intervals of the path integral to start with, at least 1
   * @return the attributions
   * @throws IllegalArgumentException for a regressor, a class value out of range, or an instance that does not fit
   */
  public Explanation explain(Instance instance, int classValue, int steps) {
    if (!classification) {
      throw new IllegalArgumentException("The model is a regressor: it has no class value to choose.");
    }
    if (classValue < 0 || classValue >= network.numOutputs()) {
      throw new IllegalArgumentException("Class value index " + classValue + " out of range: the class '"
        + header.classAttribute().name() + "' has " + network.numOutputs() + " values.");
    }
    return explain(instance, encode(instance), classValue, steps);
  }

  private Explanation explain(Instance instance, double[] x, int output, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("Invalid number of steps " + steps + ": must be at least 1.");
    }
    IntegratedGradients.Result result = IntegratedGradients.attribute(network, x, baseline, output, steps);
    while (relativeError(result) > TOLERANCE && result.steps() * 2 <= MAX_STEPS) {
      result = IntegratedGradients.attribute(network, x, baseline, output, result.steps() * 2);
    }
    double[] columns = result.attributions();
    double[] perAttribute = new double[attributes.length];
    for (int c = 0; c < columns.length; c++) {
      perAttribute[indexOf(attributeOfColumn[c])] += columns[c] * slope;
    }
    String name = classification ? "P(" + header.classAttribute().name() + " = " + header.classAttribute().value(
      output) + ")" : header.classAttribute().name() + " (predicted)";
    return new Explanation(name, instance, attributes, perAttribute, result, slope, intercept);
  }

  private static double relativeError(IntegratedGradients.Result result) {
    double difference = Math.abs(result.output() - result.baselineOutput());
    double error = result.completenessError();
    return error <= ABSOLUTE_TOLERANCE ? 0.0 : error / difference;
  }

  /** @return the position of an attribute index among the explained attributes */
  private int indexOf(int attribute) {
    return attribute < header.classIndex() ? attribute : attribute - 1;
  }

  private double[] encode(Instance instance) {
    if (instance.numAttributes() != header.numAttributes()) {
      throw new IllegalArgumentException("The instance has " + instance.numAttributes()
        + " attributes, the training data had " + header.numAttributes() + ".");
    }
    if (instance.dataset() != null) {
      String difference = header.equalHeadersMsg(instance.dataset());
      if (difference != null) {
        throw new IllegalArgumentException("The data to explain differ from the training data: " + difference);
      }
    }
    double[] x = new double[network.numInputs()];
    encoder.encode(instance, x, 0);
    return x;
  }

  private int predictedClass(double[] x) {
    DMatrixRMaj outputs = new DMatrixRMaj(1, network.numOutputs());
    network.predict(DMatrixRMaj.wrap(1, x.length, x), outputs);
    return Utils.maxIndex(outputs.data);
  }
}
