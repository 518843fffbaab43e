package weka.classifiers.functions.mlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

import org.ejml.data.DMatrixRMaj;

import weka.classifiers.Evaluation;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.RandomizableClassifier;
import org.wekamlp.core.Activation;
import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.Solver;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.TrainingData;
import org.wekamlp.core.TrainingDivergedException;
import org.wekamlp.core.TrainingHistory;
import org.wekamlp.core.TrainingInterruptedException;
import org.wekamlp.core.TrainingRun;
import org.wekamlp.core.WorkPlan;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.optim.LearningRateSchedule;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.UnsupportedAttributeTypeException;
import weka.core.UnsupportedClassTypeException;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * What {@code MultilayerPerceptronClassifier} and {@code MultilayerPerceptronRegressor} share: the
 * options, the translation of Weka instances into matrices for the core, the training life cycle of
 * Weka's {@link IterativeClassifier} (one epoch per {@link #next()}), batch prediction and the model
 * summary. Subclasses say only what differs: the output layer, the targets, and how network outputs
 * become a Weka distribution.
 */
public abstract class AbstractMultilayerPerceptron extends RandomizableClassifier
  implements IterativeClassifier, WeightedInstancesHandler, TechnicalInformationHandler {

  private static final long serialVersionUID = -8154716052339402185L;

  /** Drop-down entries of the activation option, in {@link Activation} order. */
  public static final Tag[] TAGS_ACTIVATION = {
    new Tag(0, "identity", "identity: f(z) = z", false),
    new Tag(1, "logistic", "logistic: f(z) = 1 / (1 + exp(-z))", false),
    new Tag(2, "tanh", "tanh: f(z) = tanh(z)", false),
    new Tag(3, "relu", "relu: f(z) = max(0, z)", false)};
  /** Drop-down entries of the solver option, in {@link Solver} order. */
  public static final Tag[] TAGS_SOLVER = {
    new Tag(0, "adam", "adam: Adam on minibatches", false),
    new Tag(1, "sgd", "sgd: stochastic gradient descent with momentum", false),
    new Tag(2, "lbfgs", "lbfgs: L-BFGS on the whole training set", false)};
  /** Drop-down entries of the learning-rate schedule option, in {@link LearningRateSchedule} order. */
  public static final Tag[] TAGS_SCHEDULE = {
    new Tag(0, "constant", "constant", false),
    new Tag(1, "invscaling", "invscaling: rate / (t + 1)^power_t", false),
    new Tag(2, "adaptive", "adaptive: divide by 5 when the loss stalls", false)};
  /** Drop-down entries of the input scaling option, in {@link InputScaling} order. */
  public static final Tag[] TAGS_INPUT_SCALING = {
    new Tag(0, "standardize", "standardize: z-score", false),
    new Tag(1, "normalize", "normalize: [0, 1]", false),
    new Tag(2, "symmetric", "symmetric: [-1, 1]", false),
    new Tag(3, "none", "none", false)};

  private static final TrainingConfig DEFAULTS = new TrainingConfig();
  private static final String DEFAULT_HIDDEN_LAYER_SIZES = "100";

  // ---- options (the configuration) ----
  /** Hyper-parameters of training; the seed is taken from {@link #getSeed()} at build time. */
  protected final TrainingConfig config = new TrainingConfig();
  private String hiddenLayerSizes = DEFAULT_HIDDEN_LAYER_SIZES;
  private InputScaling inputScaling = InputScaling.STANDARDIZE;
  private boolean resume;

  // ---- fitted state (the model) ----
  /** Preprocessing fitted on the training data; null before training. */
  protected InstancesEncoder encoder;
  /** The trained network; null before training. */
  protected Network network;
  /** Header of the training data. */
  protected Instances header;
  private TrainingHistory history;
  private String solverSummary;
  private int miniBatchUsed;
  private int threadsUsed;
  private int trainingRows;
  private int validationRows;
  private String backendName;

  // ---- live training state, only between initializeClassifier and done ----
  private transient TrainingRun run;
  private transient volatile Instances lastCheckedDataset;
  /** Chosen at training time, and again after deserialization (native code is never serialized). */
  private transient volatile Backend backend;

  /** Sets the seed default to 1, as scikit-learn users expect a fixed seed in this package. */
  protected AbstractMultilayerPerceptron() {
    setSeed((int) DEFAULTS.seed);
  }

  /**
   * The attribute types both networks accept; subclasses add their class types.
   *
   * @return the capabilities, no class type enabled yet
   */
  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.BINARY_ATTRIBUTES);
    result.enable(Capability.UNARY_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.MISSING_CLASS_VALUES);
    return result;
  }

  /** @return advice for a user whose class attribute has the wrong type for this classifier */
  protected abstract String classTypeHint();

  /** @return the output layer (and loss) of this kind of network */
  protected abstract OutputLayer outputLayer();

  /**
   * Builds the targets of the training rows.
   *
   * @param data training instances. Not modified.
   * @param rows indices of the rows to train on (those with a known class). Not modified.
   * @param inputs the encoded inputs, one row per index in rows. Not modified.
   * @return inputs, targets, weights and (for classification) labels
   */
  protected abstract TrainingData trainingData(Instances data, int[] rows, DMatrixRMaj inputs);

  /**
   * @param data training instances
   * @return number of network outputs
   */
  protected abstract int numOutputs(Instances data);

  /**
   * Converts one row of network outputs into what {@link #distributionForInstance} returns.
   *
   * @param outputs network outputs. Not modified.
   * @param offset start of the row
   * @return the distribution (class probabilities, or a one-element prediction)
   */
  protected abstract double[] toDistribution(double[] outputs, int offset);

  /** @return a short description of the output for the model summary */
  protected abstract String describeOutput();

  // =====================================================================================
  // Training
  // =====================================================================================

  @Override
  public void buildClassifier(Instances data) throws Exception {
    initializeClassifier(data);
    while (next()) {
      // one epoch per call
    }
    done();
  }

  @Override
  public void initializeClassifier(Instances data) throws Exception {
    if (resume && run != null && header != null && header.equalHeaders(data)) {
      run.continueTo(config.maxIterations);
      return;
    }
    resetModel();
    config.seed = getSeed();
    int[] hidden = parseHiddenLayerSizes(hiddenLayerSizes);
    config.hiddenLayerSizes = hidden;
    config.validate();
    if (data.numInstances() == 0) {
      throw new IllegalArgumentException("The training data '" + data.relationName() + "' has no instances.");
    }
    // the rows with a known class, by index: copying the Instances would double the memory used
    int[] rows = rowsWithKnownClass(data);
    if (rows.length == 0) {
      throw new IllegalArgumentException("No training instances with a known class value: all "
        + data.numInstances() + " instance(s) have a missing value for class attribute '"
        + data.classAttribute().name() + "'.");
    }
    if (!getDoNotCheckCapabilities()) {
      testCapabilities(data);
    }
    InstancesEncoder fitted = InstancesEncoder.fit(data, rows, inputScaling);
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = fitted.numColumns();
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = numOutputs(data);
    MemoryEstimate.of(rows.length, sizes, config).requireAvailable();
    DMatrixRMaj inputs = fitted.encode(data, rows);
    TrainingData trainingData = trainingData(data, rows, inputs);
    Network net = new Network(sizes, config.activation, outputLayer());
    encoder = fitted;
    header = new Instances(data, 0);
    network = net;
    backend = Backends.selected();
    run = new TrainingRun(net, trainingData, config, backend, getDebug() ? this::printEpoch : null);
    history = run.history();
    solverSummary = run.describeSolver();
    miniBatchUsed = run.miniBatchSize();
    threadsUsed = run.numThreads();
    trainingRows = run.numTrainingRows();
    validationRows = run.numValidationRows();
    backendName = backend.name();
    if (getDebug()) {
      System.err.println(getClass().getSimpleName() + ": matrix products by " + backendName
        + (Backends.openBlasProblem() != null ? " (OpenBLAS unavailable: " + Backends.openBlasProblem() + ")" : ""));
    }
  }

  /** Weka's capability test, with advice appended to its message. */
  private void testCapabilities(Instances data) throws Exception {
    try {
      getCapabilities().testWithFail(data);
    } catch (WekaException e) {
      String message = e.getMessage();
      if (message != null && message.endsWith(" class!")) {
        throw new UnsupportedClassTypeException(message + " " + classTypeHint());
      }
      if (message != null && message.endsWith(" attributes!")) {
        throw new UnsupportedAttributeTypeException(message + " Remove such attributes or convert them "
          + "(for example with the StringToWordVector filter for string attributes).");
      }
      throw e;
    }
  }

  private static int[] rowsWithKnownClass(Instances data) {
    int count = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      double weight = data.instance(i).weight();
      if (!(weight >= 0.0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("Instance " + (i + 1) + " has the weight " + weight
          + "; instance weights must be finite and >= 0.");
      }
      if (!data.instance(i).classIsMissing()) {
        count++;
      }
    }
    int[] rows = new int[count];
    for (int i = 0, j = 0; i < data.numInstances(); i++) {
      if (!data.instance(i).classIsMissing()) {
        rows[j++] = i;
      }
    }
    return rows;
  }

  @Override
  public boolean next() throws Exception {
    if (run == null) {
      return false;
    }
    try {
      return run.nextEpoch();
    } catch (TrainingDivergedException | TrainingInterruptedException e) {
      abandonRun();
      throw new Exception(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      abandonRun();
      throw e;
    }
  }

  @Override
  public void done() throws Exception {
    if (run == null) {
      return;
    }
    if (resume) {
      run.pause(); // no worker threads or native memory kept while waiting to resume
      return;
    }
    run.finish();
    run = null;
  }

  @Override
  public void setResume(boolean resume) throws Exception {
    this.resume = resume;
  }

  @Override
  public boolean getResume() {
    return resume;
  }

  /** @return tip text for the GUI */
  public String resumeTipText() {
    return "If true, training state is kept after training so that building again on the same data "
      + "continues from the last epoch (for example with a larger maxIterations); the model then holds the "
      + "weights of the last epoch, and early stopping restores its best weights only once resume is turned "
      + "off and training is finished. Default false.";
  }

  private void abandonRun() {
    if (run != null) {
      run.finish();
      run = null;
    }
    resetModel();
  }

  private void resetModel() {
    if (run != null) {
      run.finish();
      run = null;
    }
    encoder = null;
    network = null;
    header = null;
    history = null;
    lastCheckedDataset = null;
  }

  private void printEpoch(int epoch, double loss, double validationScore, double seconds) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%s epoch %4d  loss %.6f", getClass().getSimpleName(), epoch, loss));
    if (!Double.isNaN(validationScore)) {
      line.append(String.format(Locale.ROOT, "  validation %s %.4f", validationScoreName(), validationScore));
    }
    line.append(String.format(Locale.ROOT, "  %.2f s", seconds));
    System.err.println(line);
  }

  /** @return the name of the validation score: accuracy or R^2 */
  protected abstract String validationScoreName();

  /**
   * Parses the hidden layer sizes option.
   *
   * @param value comma-separated positive integers, or empty for no hidden layer
   * @return the sizes
   * @throws IllegalArgumentException naming the option and the offending entry
   */
  public static int[] parseHiddenLayerSizes(String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      return new int[0];
    }
    String[] parts = trimmed.split(",", -1);
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      int size;
      try {
        size = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1) {
        throw new IllegalArgumentException("Invalid -hidden-layer-sizes \"" + value + "\": entry " + (i + 1)
          + " is '" + part + "'; give comma-separated positive integers such as \"100\" or \"64,32\", "
          + "or an empty value for no hidden layer.");
      }
      sizes[i] = size;
    }
    return sizes;
  }

  // =====================================================================================
  // Prediction
  // =====================================================================================

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    requireModel();
    checkHeader(instance);
    double[] row = new double[encoder.numColumns()];
    encoder.encode(instance, row, 0);
    DMatrixRMaj inputs = DMatrixRMaj.wrap(1, row.length, row);
    DMatrixRMaj outputs = new DMatrixRMaj(1, network.numOutputs());
    network.predict(inputs, outputs, backend());
    return toDistribution(outputs.data, 0);
  }

  /**
   * Predicts all instances in one parallel pass: {@code -num-threads} threads (all processors for 0) each
   * encode and run a contiguous share of the rows, a block at a time, so that no encoded copy of all rows is
   * made. Gives the same numbers as {@link #distributionForInstance} row by row, within rounding.
   */
  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    requireModel();
    checkHeader(instances);
    int n = instances.numInstances();
    int k = network.numOutputs();
    DMatrixRMaj outputs = new DMatrixRMaj(n, k);
    InstancesEncoder rowEncoder = encoder;
    network.predict(n, (row, destination, offset) -> rowEncoder.encode(instances.instance(row), destination, offset),
      outputs, backend(), WorkPlan.maxThreads(config.numThreads));
    double[][] result = new double[n][];
    for (int i = 0; i < n; i++) {
      result[i] = toDistribution(outputs.data, i * k);
    }
    return result;
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private Backend backend() {
    Backend b = backend;
    if (b == null) {
      b = Backends.selected();
      backend = b;
    }
    return b;
  }

  private void requireModel() throws Exception {
    if (network == null) {
      throw new IllegalStateException("No model built yet: call buildClassifier first.");
    }
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

  private void checkHeader(Instances dataset) {
    if (dataset == lastCheckedDataset) {
      return;
    }
    String difference = header.equalHeadersMsg(dataset);
    if (difference != null) {
      throw new IllegalArgumentException("The data to predict differ from the training data: " + difference);
    }
    lastCheckedDataset = dataset;
  }

  // =====================================================================================
  // Model summary
  // =====================================================================================

  /** @return the training history, or null before training */
  public TrainingHistory getTrainingHistory() {
    return history;
  }

  /** @return the trained network (live), or null before training */
  public Network getNetwork() {
    return network;
  }

  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    if (network == null || history == null) {
      return name + ": No model built yet.";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(name).append('\n').append(name.replaceAll(".", "=")).append("\n\n");
    int[] sizes = network.layerSizes();
    sb.append("Architecture: ").append(sizes[0]).append(" inputs");
    for (int l = 1; l < sizes.length - 1; l++) {
      sb.append(" -> ").append(sizes[l]).append(" (").append(network.hiddenActivation().optionName()).append(')');
    }
    sb.append(" -> ").append(sizes[sizes.length - 1]).append(" (").append(describeOutput()).append(")\n");
    sb.append("Parameters:   ").append(network.numParameters()).append(" (weights and biases)\n");
    sb.append("Loss:         ").append(network.outputLayer().lossName()).append(", L2 alpha ")
      .append(Utils.doubleToString(config.alpha, 6)).append('\n');
    sb.append("Inputs:       ").append(encoder.describe()).append('\n');
    sb.append("Solver:       ").append(solverSummary).append('\n');
    if (config.solver.isStochastic()) {
      sb.append("Mini-batch:   ").append(miniBatchUsed).append(" rows, ").append(trainingRows)
        .append(" training rows").append(validationRows > 0 ? ", " + validationRows + " validation rows" : "")
        .append('\n');
    }
    sb.append("Threads:      ").append(threadsUsed).append(", matrix products: ").append(backendName).append('\n');
    sb.append('\n');
    String unit = config.solver.isStochastic() ? "Epochs:" : "Iterations:";
    sb.append(String.format(Locale.ROOT, "%-14s", unit)).append(history.epochs()).append(" (limit ")
      .append(config.maxIterations).append(")\n");
    if (history.stopReason() != null) {
      sb.append("Stopped:      ").append(history.stopReason().description()).append('\n');
    } else {
      sb.append("Stopped:      not yet (training can resume)\n");
    }
    sb.append("Final loss:   ").append(format(history.finalLoss())).append('\n');
    if (history.hasValidation()) {
      sb.append("Best validation ").append(validationScoreName()).append(": ")
        .append(format(history.bestValidationScore())).append(" at epoch ").append(history.bestValidationEpoch())
        .append(" (weights of that epoch kept)\n");
    }
    sb.append("Training time: ").append(Utils.doubleToString(history.seconds(), 2)).append(" s\n");
    sb.append("Loss curve:   ").append(compactLossCurve(history.lossCurve())).append('\n');
    return sb.toString();
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** About ten (epoch: loss) pairs spread over the run, always including the first and last. */
  private static String compactLossCurve(double[] curve) {
    if (curve.length == 0) {
      return "(empty)";
    }
    int points = Math.min(10, curve.length);
    StringBuilder sb = new StringBuilder();
    int previous = -1;
    for (int p = 0; p < points; p++) {
      int index = points == 1 ? 0 : (int) Math.round((double) p * (curve.length - 1) / (points - 1));
      if (index == previous) {
        continue;
      }
      previous = index;
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(index + 1).append(": ").append(String.format(Locale.ROOT, "%.4g", curve[index]));
    }
    return sb.toString();
  }

  // =====================================================================================
  // Options
  // =====================================================================================

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\t" + hiddenLayerSizesTipText(), "hidden-layer-sizes", 1,
      "-hidden-layer-sizes <sizes>"));
    options.add(new Option("\t" + activationTipText(), "activation", 1, "-activation <relu|tanh|logistic|identity>"));
    options.add(new Option("\t" + solverTipText(), "solver", 1, "-solver <adam|sgd|lbfgs>"));
    options.add(new Option("\t" + alphaTipText(), "alpha", 1, "-alpha <value>"));
    options.add(new Option("\t" + miniBatchSizeTipText(), "mini-batch-size", 1, "-mini-batch-size <rows>"));
    options.add(new Option("\t" + learningRateInitTipText(), "learning-rate-init", 1, "-learning-rate-init <rate>"));
    options.add(new Option("\t" + learningRateScheduleTipText(), "learning-rate-schedule", 1,
      "-learning-rate-schedule <constant|invscaling|adaptive>"));
    options.add(new Option("\t" + powerTTipText(), "power-t", 1, "-power-t <exponent>"));
    options.add(new Option("\t" + momentumTipText(), "momentum", 1, "-momentum <value>"));
    options.add(new Option("\tTurn Nesterov's momentum off (sgd only; on by default).", "no-nesterov", 0,
      "-no-nesterov"));
    options.add(new Option("\t" + beta1TipText(), "beta1", 1, "-beta1 <value>"));
    options.add(new Option("\t" + beta2TipText(), "beta2", 1, "-beta2 <value>"));
    options.add(new Option("\t" + epsilonTipText(), "epsilon", 1, "-epsilon <value>"));
    options.add(new Option("\t" + maxIterationsTipText(), "max-iter", 1, "-max-iter <count>"));
    options.add(new Option("\t" + toleranceTipText(), "tol", 1, "-tol <value>"));
    options.add(new Option("\t" + nIterNoChangeTipText(), "n-iter-no-change", 1, "-n-iter-no-change <epochs>"));
    options.add(new Option("\t" + maxFunTipText(), "max-fun", 1, "-max-fun <count>"));
    options.add(new Option("\t" + earlyStoppingTipText(), "early-stopping", 0, "-early-stopping"));
    options.add(new Option("\t" + validationFractionTipText(), "validation-fraction", 1,
      "-validation-fraction <fraction>"));
    options.add(new Option("\tDo not shuffle the training rows before each epoch (sgd, adam; shuffling is on by default).",
      "no-shuffle", 0, "-no-shuffle"));
    options.add(new Option("\t" + inputScalingTipText(), "input-scaling", 1,
      "-input-scaling <standardize|normalize|symmetric|none>"));
    options.add(new Option("\t" + numThreadsTipText(), "num-threads", 1, "-num-threads <count>"));
    options.addAll(Collections.list(super.listOptions()));
    return options.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    // an empty value is valid (no hidden layer), so look for the flag before Utils.getOption removes it
    boolean hiddenGiven = containsFlag(options, "-hidden-layer-sizes");
    String hidden = Utils.getOption("hidden-layer-sizes", options);
    setHiddenLayerSizes(hiddenGiven ? hidden : DEFAULT_HIDDEN_LAYER_SIZES);
    if (hiddenGiven) {
      parseHiddenLayerSizes(hidden); // fail now, naming the option
    }
    String value = Utils.getOption("activation", options);
    config.activation = value.isEmpty() ? DEFAULTS.activation : Activation.fromOptionName(value);
    value = Utils.getOption("solver", options);
    config.solver = value.isEmpty() ? DEFAULTS.solver : Solver.fromOptionName(value);
    config.alpha = doubleOption("alpha", options, DEFAULTS.alpha);
    config.miniBatchSize = intOption("mini-batch-size", options, DEFAULTS.miniBatchSize);
    config.learningRateInit = doubleOption("learning-rate-init", options, DEFAULTS.learningRateInit);
    value = Utils.getOption("learning-rate-schedule", options);
    config.learningRateSchedule = value.isEmpty() ? DEFAULTS.learningRateSchedule
      : LearningRateSchedule.fromOptionName(value);
    config.powerT = doubleOption("power-t", options, DEFAULTS.powerT);
    config.momentum = doubleOption("momentum", options, DEFAULTS.momentum);
    config.nesterov = !Utils.getFlag("no-nesterov", options);
    config.beta1 = doubleOption("beta1", options, DEFAULTS.beta1);
    config.beta2 = doubleOption("beta2", options, DEFAULTS.beta2);
    config.epsilon = doubleOption("epsilon", options, DEFAULTS.epsilon);
    config.maxIterations = intOption("max-iter", options, DEFAULTS.maxIterations);
    config.tolerance = doubleOption("tol", options, DEFAULTS.tolerance);
    config.nIterNoChange = intOption("n-iter-no-change", options, DEFAULTS.nIterNoChange);
    config.maxFun = intOption("max-fun", options, DEFAULTS.maxFun);
    config.earlyStopping = Utils.getFlag("early-stopping", options);
    config.validationFraction = doubleOption("validation-fraction", options, DEFAULTS.validationFraction);
    config.shuffle = !Utils.getFlag("no-shuffle", options);
    value = Utils.getOption("input-scaling", options);
    inputScaling = value.isEmpty() ? InputScaling.STANDARDIZE : InputScaling.fromOptionName(value);
    config.numThreads = intOption("num-threads", options, DEFAULTS.numThreads);
    super.setOptions(options);
    config.validate();
  }

  private static boolean containsFlag(String[] options, String flag) {
    for (String o : options) {
      if (flag.equals(o)) {
        return true;
      }
    }
    return false;
  }

  private static double doubleOption(String name, String[] options, double defaultValue) throws Exception {
    String value = Utils.getOption(name, options);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid -" + name + " '" + value + "': not a number.");
    }
  }

  private static int intOption(String name, String[] options, int defaultValue) throws Exception {
    String value = Utils.getOption(name, options);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid -" + name + " '" + value + "': not a whole number.");
    }
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    options.add("-hidden-layer-sizes");
    // Utils.joinOptions drops an empty argument, but quotes a blank one, which parses back as empty
    options.add(hiddenLayerSizes.isEmpty() ? " " : hiddenLayerSizes);
    options.add("-activation");
    options.add(config.activation.optionName());
    options.add("-solver");
    options.add(config.solver.optionName());
    options.add("-alpha");
    options.add(Double.toString(config.alpha));
    options.add("-mini-batch-size");
    options.add(Integer.toString(config.miniBatchSize));
    options.add("-learning-rate-init");
    options.add(Double.toString(config.learningRateInit));
    options.add("-learning-rate-schedule");
    options.add(config.learningRateSchedule.optionName());
    options.add("-power-t");
    options.add(Double.toString(config.powerT));
    options.add("-momentum");
    options.add(Double.toString(config.momentum));
    if (!config.nesterov) {
      options.add("-no-nesterov");
    }
    options.add("-beta1");
    options.add(Double.toString(config.beta1));
    options.add("-beta2");
    options.add(Double.toString(config.beta2));
    options.add("-epsilon");
    options.add(Double.toString(config.epsilon));
    options.add("-max-iter");
    options.add(Integer.toString(config.maxIterations));
    options.add("-tol");
    options.add(Double.toString(config.tolerance));
    options.add("-n-iter-no-change");
    options.add(Integer.toString(config.nIterNoChange));
    options.add("-max-fun");
    options.add(Integer.toString(config.maxFun));
    if (config.earlyStopping) {
      options.add("-early-stopping");
    }
    options.add("-validation-fraction");
    options.add(Double.toString(config.validationFraction));
    if (!config.shuffle) {
      options.add("-no-shuffle");
    }
    options.add("-input-scaling");
    options.add(inputScaling.optionName());
    options.add("-num-threads");
    options.add(Integer.toString(config.numThreads));
    Collections.addAll(options, super.getOptions());
    return options.toArray(new String[0]);
  }

  // ---- bean properties for the GUI; every tip text states the default and when the option applies ----

  /** @return comma-separated hidden layer sizes */
  public String getHiddenLayerSizes() {
    return hiddenLayerSizes;
  }

  /** @param sizes comma-separated hidden layer sizes, empty for none (checked when training starts) */
  public void setHiddenLayerSizes(String sizes) {
    hiddenLayerSizes = sizes == null ? "" : sizes.trim();
  }

  /** @return tip text for the GUI */
  public String hiddenLayerSizesTipText() {
    return "Units per hidden layer, comma-separated, e.g. \"64,32\" for two hidden layers; an empty value "
      + "means no hidden layer (a linear model). Default \"100\". scikit-learn: hidden_layer_sizes.";
  }

  /** @return the hidden-layer activation */
  public SelectedTag getActivation() {
    return new SelectedTag(config.activation.ordinal(), TAGS_ACTIVATION);
  }

  /** @param tag the hidden-layer activation */
  public void setActivation(SelectedTag tag) {
    if (tag.getTags() == TAGS_ACTIVATION) {
      config.activation = Activation.values()[tag.getSelectedTag().getID()];
    }
  }

  /** @return tip text for the GUI */
  public String activationTipText() {
    return "Activation of the hidden layers: relu, tanh, logistic or identity. Default relu. "
      + "scikit-learn: activation.";
  }

  /** @return the solver */
  public SelectedTag getSolver() {
    return new SelectedTag(config.solver.ordinal(), TAGS_SOLVER);
  }

  /** @param tag the solver */
  public void setSolver(SelectedTag tag) {
    if (tag.getTags() == TAGS_SOLVER) {
      config.solver = Solver.values()[tag.getSelectedTag().getID()];
    }
  }

  /** @return tip text for the GUI */
  public String solverTipText() {
    return "Weight optimiser: adam (minibatches, adaptive steps), sgd (minibatches, momentum) or lbfgs "
      + "(whole training set; often best for small data). Default adam. scikit-learn: solver.";
  }

  /** @return the L2 penalty */
  public double getAlpha() {
    return config.alpha;
  }

  /** @param alpha the L2 penalty, at least 0 */
  public void setAlpha(double alpha) {
    config.alpha = alpha;
  }

  /** @return tip text for the GUI */
  public String alphaTipText() {
    return "L2 penalty on the weights (not the biases): 0.5 * alpha * ||W||^2 / rows-in-batch is added to "
      + "the loss. Larger values give smaller weights and smoother models. Default 1.0E-4. scikit-learn: alpha.";
  }

  /** @return rows per minibatch (0 = automatic) */
  public int getMiniBatchSize() {
    return config.miniBatchSize;
  }

  /** @param size rows per minibatch, 0 for min(200, rows) */
  public void setMiniBatchSize(int size) {
    config.miniBatchSize = size;
  }

  /** @return tip text for the GUI */
  public String miniBatchSizeTipText() {
    return "Training rows per minibatch (sgd, adam); 0 means min(200, rows); values above the number of "
      + "rows use all rows. Default 0. Not Weka's batchSize, which is the prediction batch. "
      + "scikit-learn: batch_size.";
  }

  /** @return the initial learning rate */
  public double getLearningRateInit() {
    return config.learningRateInit;
  }

  /** @param rate the initial learning rate, greater than 0 */
  public void setLearningRateInit(double rate) {
    config.learningRateInit = rate;
  }

  /** @return tip text for the GUI */
  public String learningRateInitTipText() {
    return "Initial step size (sgd and adam only). Default 0.001. scikit-learn: learning_rate_init.";
  }

  /** @return the learning-rate schedule */
  public SelectedTag getLearningRateSchedule() {
    return new SelectedTag(config.learningRateSchedule.ordinal(), TAGS_SCHEDULE);
  }

  /** @param tag the learning-rate schedule */
  public void setLearningRateSchedule(SelectedTag tag) {
    if (tag.getTags() == TAGS_SCHEDULE) {
      config.learningRateSchedule = LearningRateSchedule.values()[tag.getSelectedTag().getID()];
    }
  }

  /** @return tip text for the GUI */
  public String learningRateScheduleTipText() {
    return "Learning-rate schedule (sgd only): constant; invscaling, rate / (t + 1)^powerT with t the rows "
      + "seen; adaptive, divide the rate by 5 whenever the loss stalls. Default constant. "
      + "scikit-learn: learning_rate.";
  }

  /** @return the invscaling exponent */
  public double getPowerT() {
    return config.powerT;
  }

  /** @param powerT the invscaling exponent */
  public void setPowerT(double powerT) {
    config.powerT = powerT;
  }

  /** @return tip text for the GUI */
  public String powerTTipText() {
    return "Exponent of the invscaling schedule (sgd with learningRateSchedule invscaling only). Default 0.5. "
      + "scikit-learn: power_t.";
  }

  /** @return the momentum */
  public double getMomentum() {
    return config.momentum;
  }

  /** @param momentum the momentum, in [0, 1] */
  public void setMomentum(double momentum) {
    config.momentum = momentum;
  }

  /** @return tip text for the GUI */
  public String momentumTipText() {
    return "Momentum of the updates, in [0, 1] (sgd only). Default 0.9. scikit-learn: momentum.";
  }

  /** @return whether Nesterov's momentum is used */
  public boolean getNesterov() {
    return config.nesterov;
  }

  /** @param nesterov whether to use Nesterov's momentum */
  public void setNesterov(boolean nesterov) {
    config.nesterov = nesterov;
  }

  /** @return tip text for the GUI */
  public String nesterovTipText() {
    return "Use Nesterov's momentum (sgd with momentum > 0 only). Default true; -no-nesterov turns it off. "
      + "scikit-learn: nesterovs_momentum.";
  }

  /** @return Adam's beta1 */
  public double getBeta1() {
    return config.beta1;
  }

  /** @param beta1 Adam's first-moment decay, in [0, 1) */
  public void setBeta1(double beta1) {
    config.beta1 = beta1;
  }

  /** @return tip text for the GUI */
  public String beta1TipText() {
    return "Decay rate of Adam's first-moment estimate, in [0, 1) (adam only). Default 0.9. scikit-learn: beta_1.";
  }

  /** @return Adam's beta2 */
  public double getBeta2() {
    return config.beta2;
  }

  /** @param beta2 Adam's second-moment decay, in [0, 1) */
  public void setBeta2(double beta2) {
    config.beta2 = beta2;
  }

  /** @return tip text for the GUI */
  public String beta2TipText() {
    return "Decay rate of Adam's second-moment estimate, in [0, 1) (adam only). Default 0.999. "
      + "scikit-learn: beta_2.";
  }

  /** @return Adam's epsilon */
  public double getEpsilon() {
    return config.epsilon;
  }

  /** @param epsilon Adam's denominator offset, greater than 0 */
  public void setEpsilon(double epsilon) {
    config.epsilon = epsilon;
  }

  /** @return tip text for the GUI */
  public String epsilonTipText() {
    return "Numerical-stability offset in Adam's denominator (adam only). Default 1.0E-8. scikit-learn: epsilon.";
  }

  /** @return the epoch (or iteration) limit */
  public int getMaxIterations() {
    return config.maxIterations;
  }

  /** @param maxIterations epochs (sgd, adam) or iterations (lbfgs), at least 1 */
  public void setMaxIterations(int maxIterations) {
    config.maxIterations = maxIterations;
  }

  /** @return tip text for the GUI */
  public String maxIterationsTipText() {
    return "Maximum number of epochs (sgd, adam: passes over the training data) or iterations (lbfgs). "
      + "Default 200. scikit-learn: max_iter.";
  }

  /** @return the tolerance */
  public double getTolerance() {
    return config.tolerance;
  }

  /** @param tolerance the improvement threshold, at least 0 */
  public void setTolerance(double tolerance) {
    config.tolerance = tolerance;
  }

  /** @return tip text for the GUI */
  public String toleranceTipText() {
    return "Improvement threshold: training stops when the loss (or, with early stopping, the validation "
      + "score) improves by less than this for more than nIterNoChange epochs; for lbfgs, the gradient "
      + "tolerance. Default 1.0E-4. scikit-learn: tol.";
  }

  /**
   * Named so that the bean property is {@code nIterNoChange}, as in scikit-learn (a getter named
   * getNIterNoChange would make it {@code NIterNoChange}).
   *
   * @return the patience in epochs
   */
  public int getnIterNoChange() {
    return config.nIterNoChange;
  }

  /** @param epochs epochs without improvement before stopping, at least 1 */
  public void setnIterNoChange(int epochs) {
    config.nIterNoChange = epochs;
  }

  /** @return tip text for the GUI */
  public String nIterNoChangeTipText() {
    return "Epochs without an improvement of at least tolerance before training stops (sgd, adam). "
      + "Default 10. scikit-learn: n_iter_no_change.";
  }

  /** @return the lbfgs evaluation budget */
  public int getMaxFun() {
    return config.maxFun;
  }

  /** @param maxFun maximum loss evaluations for lbfgs, at least 1 */
  public void setMaxFun(int maxFun) {
    config.maxFun = maxFun;
  }

  /** @return tip text for the GUI */
  public String maxFunTipText() {
    return "Maximum number of loss evaluations (lbfgs only). Default 15000. scikit-learn: max_fun.";
  }

  /** @return whether early stopping is on */
  public boolean getEarlyStopping() {
    return config.earlyStopping;
  }

  /** @param earlyStopping whether to stop on a held-out validation score */
  public void setEarlyStopping(boolean earlyStopping) {
    config.earlyStopping = earlyStopping;
  }

  /** @return tip text for the GUI */
  public String earlyStoppingTipText() {
    return "Hold out validationFraction of the training data (stratified for classification), stop when its "
      + "score (accuracy, or R^2 for regression) stops improving, and keep the weights of the best epoch "
      + "(sgd, adam only). Default false. scikit-learn: early_stopping.";
  }

  /** @return the validation fraction */
  public double getValidationFraction() {
    return config.validationFraction;
  }

  /** @param fraction fraction of the training data held out, in (0, 1) */
  public void setValidationFraction(double fraction) {
    config.validationFraction = fraction;
  }

  /** @return tip text for the GUI */
  public String validationFractionTipText() {
    return "Fraction of the training data held out for early stopping, strictly between 0 and 1 (only with "
      + "earlyStopping). Default 0.1. scikit-learn: validation_fraction.";
  }

  /** @return whether rows are shuffled each epoch */
  public boolean getShuffle() {
    return config.shuffle;
  }

  /** @param shuffle whether to shuffle the rows before each epoch */
  public void setShuffle(boolean shuffle) {
    config.shuffle = shuffle;
  }

  /** @return tip text for the GUI */
  public String shuffleTipText() {
    return "Shuffle the training rows before each epoch (sgd, adam). Default true; -no-shuffle turns it off. "
      + "scikit-learn: shuffle.";
  }

  /** @return the input scaling */
  public SelectedTag getInputScaling() {
    return new SelectedTag(inputScaling.ordinal(), TAGS_INPUT_SCALING);
  }

  /** @param tag the input scaling */
  public void setInputScaling(SelectedTag tag) {
    if (tag.getTags() == TAGS_INPUT_SCALING) {
      inputScaling = InputScaling.values()[tag.getSelectedTag().getID()];
    }
  }

  /** @return tip text for the GUI */
  public String inputScalingTipText() {
    return "Scaling of numeric and date attributes, fitted on the training data: standardize (z-score), "
      + "normalize ([0, 1]), symmetric ([-1, 1]) or none. Nominal attributes are always one-hot. "
      + "Default standardize. scikit-learn: StandardScaler / MinMaxScaler in a pipeline.";
  }

  /** @return the number of training threads (0 = all) */
  public int getNumThreads() {
    return config.numThreads;
  }

  /** @param threads training threads, 0 for all available processors */
  public void setNumThreads(int threads) {
    config.numThreads = threads;
  }

  /** @return tip text for the GUI */
  public String numThreadsTipText() {
    return "Threads used for training; 0 means all available processors. The same seed and thread count "
      + "give the same model. Default 0.";
  }

  @Override
  public String seedTipText() {
    return "Seed of the random number generator (initial weights, validation split, shuffling). Default 1. "
      + "scikit-learn: random_state.";
  }

  // =====================================================================================
  // Documentation
  // =====================================================================================

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation info = new TechnicalInformation(TechnicalInformation.Type.ARTICLE);
    info.setValue(TechnicalInformation.Field.AUTHOR, "David E. Rumelhart and Geoffrey E. Hinton and Ronald J. Williams");
    info.setValue(TechnicalInformation.Field.TITLE, "Learning representations by back-propagating errors");
    info.setValue(TechnicalInformation.Field.JOURNAL, "Nature");
    info.setValue(TechnicalInformation.Field.VOLUME, "323");
    info.setValue(TechnicalInformation.Field.PAGES, "533-536");
    info.setValue(TechnicalInformation.Field.YEAR, "1986");
    TechnicalInformation adam = info.add(TechnicalInformation.Type.INPROCEEDINGS);
    adam.setValue(TechnicalInformation.Field.AUTHOR, "Diederik P. Kingma and Jimmy Ba");
    adam.setValue(TechnicalInformation.Field.TITLE, "Adam: A Method for Stochastic Optimization");
    adam.setValue(TechnicalInformation.Field.BOOKTITLE, "3rd International Conference on Learning Representations (ICLR)");
    adam.setValue(TechnicalInformation.Field.YEAR, "2015");
    TechnicalInformation glorot = info.add(TechnicalInformation.Type.INPROCEEDINGS);
    glorot.setValue(TechnicalInformation.Field.AUTHOR, "Xavier Glorot and Yoshua Bengio");
    glorot.setValue(TechnicalInformation.Field.TITLE,
      "Understanding the difficulty of training deep feedforward neural networks");
    glorot.setValue(TechnicalInformation.Field.BOOKTITLE, "Proceedings of AISTATS");
    glorot.setValue(TechnicalInformation.Field.PAGES, "249-256");
    glorot.setValue(TechnicalInformation.Field.YEAR, "2010");
    return info;
  }

  /**
   * Runs the standard Weka command line ({@code -t}, {@code -T}, {@code -x}, {@code -d}, {@code -l}, ...),
   * printing a one-line error instead of a stack trace when the input or an option is invalid.
   *
   * @param classifier a fresh classifier
   * @param args the command-line arguments
   */
  protected static void runFromCommandLine(AbstractMultilayerPerceptron classifier, String[] args) {
    try {
      System.out.println(Evaluation.evaluateModel(classifier, args));
    } catch (Exception e) {
      System.err.println(commandLineMessage(e));
      System.exit(1);
    }
  }

  /**
   * What the command line prints for an exception: Weka's help text when help was asked for, else one line
   * "Error: ..." with the problem (Weka's evaluation appends the whole option list to every error, which
   * buries the message).
   *
   * @param e the exception
   * @return the text to print
   */
  static String commandLineMessage(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return "Error: " + e;
    }
    String trimmed = message.trim();
    if (trimmed.startsWith("Help requested")) {
      return message;
    }
    int help = trimmed.indexOf("\n\nGeneral options");
    if (help >= 0) {
      trimmed = trimmed.substring(0, help).trim();
    }
    String prefix = "Weka exception: ";
    if (trimmed.startsWith(prefix)) {
      trimmed = trimmed.substring(prefix.length());
    }
    return "Error: " + trimmed;
  }
}
