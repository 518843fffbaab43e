package weka.classifiers.functions.mlp;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.wekamlp.core.InvalidSettingException;
import org.wekamlp.core.Network;
import org.wekamlp.core.OptionName;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.Solver;
import org.wekamlp.core.StopReason;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.TrainingData;
import org.wekamlp.core.TrainingDivergedException;
import org.wekamlp.core.TrainingHistory;
import org.wekamlp.core.TrainingInterruptedException;
import org.wekamlp.core.TrainingRun;
import org.wekamlp.core.WorkPlan;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.optim.LearningRateSchedule;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.SerializedObject;
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
  public static final Tag[] TAGS_ACTIVATION = OptionSpec.tags(Activation.values());
  /** Drop-down entries of the solver option, in {@link Solver} order. */
  public static final Tag[] TAGS_SOLVER = OptionSpec.tags(Solver.values());
  /** Drop-down entries of the learning-rate schedule option, in {@link LearningRateSchedule} order. */
  public static final Tag[] TAGS_SCHEDULE = OptionSpec.tags(LearningRateSchedule.values());
  /** Drop-down entries of the input scaling option, in {@link InputScaling} order. */
  public static final Tag[] TAGS_INPUT_SCALING = OptionSpec.tags(InputScaling.values());
  /** Drop-down entries of the precision option, in {@link PrecisionOption} order. */
  public static final Tag[] TAGS_PRECISION = OptionSpec.tags(PrecisionOption.values());
  /** The activations in the order the synopsis and error messages list them (most used first). */
  private static final Activation[] ACTIVATIONS_LISTED = {
    Activation.RELU, Activation.TANH, Activation.LOGISTIC, Activation.IDENTITY};

  private static final TrainingConfig DEFAULTS = new TrainingConfig();

  // ---- options (the configuration) ----
  /** Hyper-parameters of training; the seed is taken from {@link #getSeed()} at build time. */
  protected final TrainingConfig config = new TrainingConfig();
  private String hiddenLayerSizes = formatSizes(DEFAULTS.hiddenLayerSizes);
  private InputScaling inputScaling = InputScaling.STANDARDIZE;
  private PrecisionOption precision = PrecisionOption.FLOAT64;
  private boolean resume;
  // -tune (see Tuning); a stream written before -tune existed gets the tuning defaults (readObject); one written before
  // -tune-max-values reads it as 0, no cap in values, and keeps its -tune-max-rows 500: the cap it was saved with
  private boolean tune;
  private String alphaGrid = Tuning.DEFAULT_ALPHA_GRID;
  private String solverGrid = Tuning.DEFAULT_SOLVER_GRID;
  private int tuneFolds = Tuning.DEFAULT_FOLDS;
  private int tuneMaxRows = Tuning.DEFAULT_MAX_ROWS;
  private int tuneMaxValues = Tuning.DEFAULT_MAX_VALUES;

  // ---- the fitted model ----
  /**
   * Version of what this class serializes; 0 in a stream written before the fitted model became its own object
   * (package version 0.1), which is refused on reading with a message that says so.
   */
  private static final int MODEL_FORMAT = 2;
  // not final: a final field with a constant initializer would be inlined, and a stream without it must leave 0
  private int modelFormat = MODEL_FORMAT;
  /** The fitted model, null before training; while training, the last snapshot taken (see {@link #getModel()}). */
  private MlpModel model;

  // ---- live training state, only between initializeClassifier and done ----
  /** The run in progress and what it was fitted with; null when no training is under way or kept for resuming. */
  private transient Session session;

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
   * Fits the output step on the training rows: the regressor's target scaling (checking that every target is
   * finite), or the classifier's class probabilities.
   *
   * @param data training instances. Not modified.
   * @param rows indices of the rows to train on (a known class, a positive weight). Not modified.
   * @return the fitted output step
   */
  protected abstract OutputDecoding fitOutput(Instances data, int[] rows);

  /**
   * Builds the training targets with the fitted output step.
   *
   * @param data training instances. Not modified.
   * @param rows indices of the rows to train on. Not modified.
   * @param output what {@link #fitOutput} returned
   * @return the targets, one row per index in rows: one-hot classes, or the scaled target
   */
  protected abstract DMatrixRMaj trainingTargets(Instances data, int[] rows, OutputDecoding output);

  /**
   * @param data training instances. Not modified.
   * @param rows indices of the rows to train on. Not modified.
   * @return the class index of each row, for stratified validation splits and accuracy; null for regression
   */
  protected abstract int[] classLabels(Instances data, int[] rows);

  /**
   * @param data training instances
   * @return number of network outputs
   */
  protected abstract int numOutputs(Instances data);

  /**
   * What the model predicts when no input column remains (every attribute constant or missing in training, or
   * none but the class): what Weka's ZeroR predicts, computed the same way, so that the model matches it exactly.
   *
   * @param data training instances. Not modified.
   * @param rows indices of the rows with a known class. Not modified.
   * @return the distribution every instance gets: the weighted class frequencies, or the weighted mean target
   */
  protected abstract double[] constantPrediction(Instances data, int[] rows);

  /**
   * @param prediction what {@link #constantPrediction} returned. Not modified.
   * @param data the training instances. Not modified.
   * @return one line for the model summary, e.g. "Predicts the weighted mean of the training targets: 3.2"
   */
  protected abstract String describeConstantPrediction(double[] prediction, Instances data);

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
    if (resume && session != null && session.resumeCheck != null) {
      session.resumeCheck.requireSameRun(this, data);
      session.run.continueTo(config.maxIterations);
      return;
    }
    resetModel();
    ResumeCheck check = resume ? ResumeCheck.of(this, data) : null;
    config.seed = getSeed();
    int[] hidden = parseHiddenLayerSizes(hiddenLayerSizes);
    config.hiddenLayerSizes = hidden;
    validateSettings();
    if (data.numInstances() == 0) {
      throw new IllegalArgumentException("The training data '" + data.relationName() + "' has no instances.");
    }
    // the rows with a known class and a positive weight, by index: copying the Instances would double the memory used
    int[] rows = rowsWithKnownClass(data);
    if (rows.length == 0) {
      throw new IllegalArgumentException("No training instances with a known class value: all "
        + data.numInstances() + " instance(s) have a missing value for class attribute '"
        + data.classAttribute().name() + "'.");
    }
    if (!getDoNotCheckCapabilities()) {
      testCapabilities(data);
    }
    if (tune) {
      model = Tuning.fit(this, data, rows);
      return;
    }
    // the order of Logistic.buildClassifier: fit the preprocessing, then the output step, then train
    InstancesEncoder encoder = InstancesEncoder.fit(data, rows, inputScaling);
    OutputDecoding output = fitOutput(data, rows);
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = encoder.numColumns();
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = numOutputs(data);
    Backend backend = Backends.selected(precision.precision());
    MemoryEstimate.of(rows.length, sizes, config, backend.precision()).requireAvailable();
    TrainingData trainingData = trainingData(data, rows, encoder, output, backend.precision());
    Network network = new Network(sizes, config.activation, outputLayer());
    TrainingRun run = startRun(network, trainingData, backend);
    Instances header = headerOf(data);
    if (encoder.numColumns() == 0) {
      // no input column: the best a network could learn is the prior, which is known exactly
      run.finish();
      model = constantModel(data, rows, encoder, header);
      return;
    }
    session = new Session(run, header, encoder, output, network, backend, precision.describe(backend), check, data,
      rows);
    if (getDebug()) {
      printSetup(backend, session.precision, trainingData);
    }
  }

  /** @return a deep copy of the header: Weka's renameAttributeValue renames the values of every header sharing it */
  private static Instances headerOf(Instances data) throws Exception {
    return (Instances) new SerializedObject(new Instances(data, 0)).getObject();
  }

  /** @return the model that predicts the weighted class prior or mean target of the rows, as ZeroR does */
  private MlpModel constantModel(Instances data, int[] rows, InstancesEncoder encoder, Instances header) {
    double[] constant = constantPrediction(data, rows);
    return MlpModel.constant(header, encoder, constant, describeConstantPrediction(constant, data));
  }

  /**
   * The intercept-only model of -tune, chosen when no grid point scores better in cross-validation.
   *
   * @param data training instances. Not modified.
   * @return the model predicting the weighted class prior or the weighted mean target
   * @throws Exception if the header cannot be copied
   */
  MlpModel interceptModel(Instances data) throws Exception {
    int[] rows = rowsWithKnownClass(data);
    return constantModel(data, rows, InstancesEncoder.fit(data, rows, inputScaling), headerOf(data));
  }

  /** @return the name of the score -tune minimises: log-loss, or squared error */
  String tuningLossName() {
    return outputLayer() == OutputLayer.SOFTMAX_CROSS_ENTROPY ? "log-loss" : "squared error";
  }

  /** The debug output's lines on the products and the encoded training data. */
  private void printSetup(Backend backend, String precisionDescription, TrainingData trainingData) {
    String name = getClass().getSimpleName();
    System.err.println(name + ": matrix products by " + backend.name()
      + (Backends.openBlasProblem() != null ? " (OpenBLAS unavailable: " + Backends.openBlasProblem() + ")" : "")
      + "; precision " + precisionDescription);
    System.err.println(name + ": encoded training data " + trainingData.numRows() + " x " + trainingData.numInputs()
      + " in " + trainingData.inputPrecision().optionName() + ", " + trainingData.inputBytes() + " bytes");
  }

  /**
   * The encoded inputs (in the backend's precision: a float32 copy for float32 products), targets, instance weights
   * and class labels of the training rows.
   */
  private TrainingData trainingData(Instances data, int[] rows, InstancesEncoder encoder, OutputDecoding output,
    Precision products) {
    DMatrixRMaj targets = trainingTargets(data, rows, output);
    int[] labels = classLabels(data, rows);
    double[] weights = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      weights[i] = data.instance(rows[i]).weight();
    }
    return products == Precision.FLOAT32
      ? new TrainingData(encoder.encodeFloat32(data, rows), targets, weights, labels)
      : new TrainingData(encoder.encode(data, rows), targets, weights, labels);
  }

  /** Starts a run, which also checks the instance weights and the validation split (even with no input column). */
  private TrainingRun startRun(Network net, TrainingData trainingData, Backend backend) {
    try {
      return new TrainingRun(net, trainingData, config, backend, getDebug() ? this::printEpoch : null);
    } catch (InvalidSettingException e) {
      throw withFlags(e);
    }
  }

  /**
   * A training run in progress with what it was fitted with: everything a snapshot of the model needs besides the
   * network's current weights.
   */
  private static final class Session {

    final TrainingRun run;
    final Instances header;
    final InstancesEncoder encoder;
    final OutputDecoding output;
    final Network network;
    final Backend backend;
    /** The precision line of the summary: what was asked for and what the products used. */
    final String precision;
    /** What resuming the run requires; null unless the run started with resume on. */
    final ResumeCheck resumeCheck;
    /** The training data and the rows trained on, for {@link #finishedModel}. */
    final Instances data;
    final int[] rows;
    /** Epochs run when the model was last snapshot, -1 before the first snapshot. */
    int snapshotEpochs = -1;

    Session(TrainingRun run, Instances header, InstancesEncoder encoder, OutputDecoding output, Network network,
      Backend backend, String precision, ResumeCheck resumeCheck, Instances data, int[] rows) {
      this.run = run;
      this.header = header;
      this.encoder = encoder;
      this.output = output;
      this.network = network;
      this.backend = backend;
      this.precision = precision;
      this.resumeCheck = resumeCheck;
      this.data = data;
      this.rows = rows;
    }
  }

  /**
   * The fitted model: after training, the final one; during training (between {@link #initializeClassifier} and
   * {@link #done}, or while a run is kept for resuming), a snapshot of the weights of the last epoch, taken anew
   * when training has moved on since the last call. Models are immutable: one handed out never changes.
   *
   * @return the model, or null before training
   */
  public MlpModel getModel() {
    Session current = session;
    if (current != null) {
      synchronized (current) {
        int epochs = current.run.history().epochs();
        if (model == null || current.snapshotEpochs != epochs
          || (current.run.history().stopReason() != null) != (model.report().stopReason() != null)) {
          model = snapshot(current);
          current.snapshotEpochs = epochs;
        }
      }
    }
    return model;
  }

  private MlpModel snapshot(Session current) {
    TrainingRun run = current.run;
    TrainingReport report = new TrainingReport(run.history(), run.describeSolver(), config.solver.isStochastic(),
      run.miniBatchSize(), run.numTrainingRows(), run.numValidationRows(), run.numThreads(), current.backend.name(),
      current.backend.precision(), current.precision, config.alpha, config.maxIterations, validationScoreName(),
      describe(run.history().stopReason()));
    return MlpModel.trained(current.header, current.encoder, current.network.copy(), current.output, report);
  }

  /**
   * For training outside this class (a cluster job that sums gradients over its partitions and runs the optimizers
   * on the driver): the settings as {@link #buildClassifier} would train with, checked the same way.
   *
   * @return a validated copy of the training settings (seed and hidden layer sizes filled in)
   * @throws IllegalArgumentException naming the first invalid option by its flag
   */
  public TrainingConfig trainingSettings() {
    config.seed = getSeed();
    config.hiddenLayerSizes = parseHiddenLayerSizes(hiddenLayerSizes);
    validateSettings();
    return config.copy();
  }

  /** @return the input scaling chosen by the option {@code -input-scaling} */
  public InputScaling inputScaling() {
    return inputScaling;
  }

  /**
   * Makes this classifier hold a model trained outside it (see {@link #trainingSettings()}), as if
   * {@link #buildClassifier} had trained it: it then predicts, prints and serializes as a local model does.
   *
   * @param header the training header. Not modified (a deep copy is kept).
   * @param encoder the encoder fitted on the training data
   * @param output the fitted output step
   * @param network the trained network, owned by the model from now on
   * @param history the training history, stop reason set. Not modified (copied).
   * @param run how the model was trained: solver description, minibatch size, training and validation rows,
   *     where the products ran
   * @throws Exception when the header cannot be copied
   */
  public void adoptTrainedModel(Instances header, InstancesEncoder encoder, OutputDecoding output, Network network,
    TrainingHistory history, ExternalRun run) throws Exception {
    resetModel();
    TrainingReport report = new TrainingReport(history, run.solver, config.solver.isStochastic(), run.miniBatchSize,
      run.trainingRows, run.validationRows, 1, run.backend, run.precision, run.precisionDescription, config.alpha,
      config.maxIterations, validationScoreName(), describe(history.stopReason()));
    Instances copy = (Instances) new SerializedObject(new Instances(header, 0)).getObject();
    model = MlpModel.trained(copy, encoder, network, output, report);
  }

  /** How a model adopted by {@link #adoptTrainedModel} was trained, for its summary. */
  public static final class ExternalRun {

    final String solver;
    final int miniBatchSize;
    final int trainingRows;
    final int validationRows;
    final String backend;
    final Precision precision;
    final String precisionDescription;

    /**
     * @param solver the solver and its settings, e.g. {@code lbfgs (memory 10, max-fun 15000)}
     * @param miniBatchSize rows per minibatch (all training rows for lbfgs)
     * @param trainingRows rows trained on
     * @param validationRows rows held out for early stopping, 0 without
     * @param backend where the products ran, e.g. {@code Spark, 4 partitions}
     * @param precision the precision of the products
     * @param precisionDescription what the summary's Precision line says
     */
    public ExternalRun(String solver, int miniBatchSize, int trainingRows, int validationRows, String backend,
      Precision precision, String precisionDescription) {
      this.solver = solver;
      this.miniBatchSize = miniBatchSize;
      this.trainingRows = trainingRows;
      this.validationRows = validationRows;
      this.backend = backend;
      this.precision = precision;
      this.precisionDescription = precisionDescription;
    }
  }

  /** @return why training stopped, options named by their flags; null for null (training can go on) */
  private String describe(StopReason reason) {
    return reason == null ? null : reason.description(this::flagOf);
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

  /**
   * The rows to train on: a known class and a positive weight. Rows of weight 0 are left out here, so that neither
   * the encoder, the target scaling nor training sees them.
   *
   * @return the rows, empty when no row has a known class
   * @throws IllegalArgumentException for an invalid weight, or when rows have a known class but none a positive weight
   */
  static int[] rowsWithKnownClass(Instances data) {
    int count = 0;
    boolean knownClass = false;
    for (int i = 0; i < data.numInstances(); i++) {
      double weight = data.instance(i).weight();
      if (!(weight >= 0.0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("Instance " + (i + 1) + " has the weight " + weight
          + "; instance weights must be finite and >= 0.");
      }
      if (!data.instance(i).classIsMissing()) {
        knownClass = true;
        count += weight > 0.0 ? 1 : 0;
      }
    }
    if (knownClass && count == 0) {
      throw new IllegalArgumentException(TrainingData.NO_POSITIVE_WEIGHT);
    }
    int[] rows = new int[count];
    for (int i = 0, j = 0; i < data.numInstances(); i++) {
      if (!data.instance(i).classIsMissing() && data.instance(i).weight() > 0.0) {
        rows[j++] = i;
      }
    }
    return rows;
  }

  @Override
  public boolean next() throws Exception {
    Session current = session;
    if (current == null) {
      return false;
    }
    try {
      return current.run.nextEpoch();
    } catch (TrainingDivergedException e) {
      resetModel();
      throw new Exception(e.messageNaming(this::flagOf), e);
    } catch (TrainingInterruptedException e) {
      resetModel();
      throw new Exception(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      resetModel();
      throw e;
    }
  }

  /**
   * Ends training: the final model is kept and the run released, unless resume is on, in which case the run is
   * kept (its threads released until it continues) so that training can go on.
   */
  @Override
  public void done() throws Exception {
    Session current = session;
    if (current == null) {
      return;
    }
    if (resume) {
      current.run.pause(); // no worker threads or native memory kept while waiting to resume
      return;
    }
    current.run.finish();
    session = null;
    MlpModel trained = snapshot(current);
    model = null; // no half-finished model if the last step fails
    model = finishedModel(trained, current.data, current.rows);
  }

  /**
   * The last step of training, once a run has finished (not while it is kept for resuming): the classifier
   * calibrates its model here when asked to. The default returns the model as it is.
   *
   * @param trained the model of the finished run
   * @param data the training data. Not modified.
   * @param rows the rows trained on: known class, positive weight. Not modified.
   * @return the final model
   * @throws Exception if the step fails
   */
  protected MlpModel finishedModel(MlpModel trained, Instances data, int[] rows) throws Exception {
    return trained;
  }

  /**
   * @return whether {@link #finishedModel} rescales the class probabilities by a fitted temperature (the
   *     classifier's {@code -calibrate}); {@code -tune} then scores each candidate after its own temperature
   */
  protected boolean calibratesProbabilities() {
    return false;
  }

  /** Turns off the temperature step of {@link #finishedModel}: a candidate fit inside {@code -tune}. */
  protected void stopCalibrating() {
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
    return "If true, training state is kept after training so that building again continues from the last "
      + "epoch, for example with a larger maxIterations. Resuming needs the same instances (same values and "
      + "weights, in the same order) and the same options except maxIterations; anything else is refused with "
      + "a message naming what changed (turn resume off to train afresh). The model then holds the weights of "
      + "the last epoch, and early stopping restores its best weights only once resume is turned off and "
      + "training is finished. Default false.";
  }

  /** Forgets the model and ends any run in progress. */
  private void resetModel() {
    Session current = session;
    session = null;
    if (current != null) {
      current.run.finish();
    }
    model = null;
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
  private String validationScoreName() {
    return outputLayer().validationScoreName();
  }

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
    return requireModel().distributionForInstance(instance);
  }

  /**
   * Predicts all instances in one parallel pass on {@code -num-threads} threads (all processors for 0); see
   * {@link MlpModel#distributionsForInstances}.
   */
  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    return requireModel().distributionsForInstances(instances, WorkPlan.maxThreads(config.numThreads));
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private MlpModel requireModel() {
    MlpModel current = getModel();
    if (current == null) {
      throw new IllegalStateException("No model built yet: call buildClassifier first.");
    }
    return current;
  }

  // =====================================================================================
  // Model summary
  // =====================================================================================

  /** @return the training history so far (a copy), or null before training or when no network was trained */
  public TrainingHistory getTrainingHistory() {
    MlpModel current = getModel();
    return current == null || current.report() == null ? null : current.report().history();
  }

  /** @return why training stopped, naming options by their flags, or null before training or while it can go on */
  public String describeStopReason() {
    MlpModel current = getModel();
    return current == null || current.report() == null ? null : current.report().stopReason();
  }

  /** @return a copy of the trained network, or null before training or when no network was trained */
  public Network getNetwork() {
    MlpModel current = getModel();
    return current == null ? null : current.network();
  }

  @Override
  public String toString() {
    MlpModel current = getModel();
    String name = getClass().getSimpleName();
    return current == null ? name + ": No model built yet." : current.describe(name);
  }

  /** Takes a snapshot of a run in progress first, so that a copy made during training holds its current model. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    getModel();
    out.defaultWriteObject();
  }

  /**
   * Refuses, with a message naming the versions, a model saved by version 0.1 of this package, whose classes kept
   * the fitted state in other fields.
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    try {
      in.defaultReadObject();
    } catch (InvalidClassException | ClassCastException e) {
      throw oldFormat(e);
    }
    if (modelFormat != MODEL_FORMAT) {
      throw oldFormat(null);
    }
    if (alphaGrid == null) { // saved before -tune existed
      alphaGrid = Tuning.DEFAULT_ALPHA_GRID;
      solverGrid = Tuning.DEFAULT_SOLVER_GRID;
      tuneFolds = Tuning.DEFAULT_FOLDS;
      tuneMaxRows = Tuning.DEFAULT_MAX_ROWS;
      tuneMaxValues = Tuning.DEFAULT_MAX_VALUES;
    }
  }

  private InvalidObjectException oldFormat(Exception cause) {
    InvalidObjectException e = new InvalidObjectException("This " + getClass().getSimpleName() + " was saved by "
      + "version 0.1 of the multiLayerPerceptronsEJML package, whose model format this version cannot read; "
      + "train and save the model again with this version.");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  // =====================================================================================
  // Options
  // =====================================================================================

  /**
   * Every option of this classifier, in command-line order: the one table that {@link #listOptions},
   * {@link #setOptions}, {@link #getOptions} and the tip texts read. Subclasses add theirs.
   *
   * @return the option table
   */
  protected List<OptionSpec<AbstractMultilayerPerceptron, ?>> optionSpecs() {
    return SHARED_OPTIONS;
  }

  /** The options both classifiers share; every default comes from the core's {@link TrainingConfig}. */
  protected static final List<OptionSpec<AbstractMultilayerPerceptron, ?>> SHARED_OPTIONS = Collections
    .unmodifiableList(
      Arrays.asList(
        OptionSpec.text("hidden-layer-sizes", "<sizes>", "hiddenLayerSizes", "Units per hidden layer, comma-separated, "
          + "e.g. \"64,32\" for two hidden layers; an empty value means no hidden layer (a linear model).",
          "hidden_layer_sizes", formatSizes(DEFAULTS.hiddenLayerSizes), m -> m.hiddenLayerSizes,
          AbstractMultilayerPerceptron::setHiddenLayerSizes, AbstractMultilayerPerceptron::parseHiddenLayerSizes),
        OptionSpec.choice("activation", "activation", ACTIVATIONS_LISTED, "activation",
          "Activation of the hidden layers: relu, tanh, logistic or identity.", "activation", DEFAULTS.activation,
          m -> m.config.activation, (m, v) -> m.config.activation = v),
        OptionSpec.choice("solver", "solver", Solver.values(), "solver", "Weight optimiser: adam (minibatches, "
          + "adaptive steps), sgd (minibatches, momentum) or lbfgs (whole training set; often best for small data). "
          + "Ignored while tuning (tune): solverGrid lists the candidates then.",
          "solver", DEFAULTS.solver, m -> m.config.solver, (m, v) -> m.config.solver = v),
        OptionSpec.real("alpha", "<value>", "alpha", "L2 penalty on the weights (not the biases): 0.5 * alpha * "
          + "||W||^2 / rows-in-batch is added to the loss. Larger values give smaller weights and smoother models. "
          + "Ignored while tuning (tune): alphaGrid lists the candidates then.",
          "alpha", DEFAULTS.alpha, m -> m.config.alpha, (m, v) -> m.config.alpha = v),
        OptionSpec.integer("mini-batch-size", "<rows>", "miniBatchSize", "Training rows per minibatch (sgd, adam); "
          + "0 means min(" + TrainingConfig.AUTO_MINI_BATCH_LIMIT + ", rows); values above the number of rows use "
          + "all rows. Not Weka's batchSize, which is the prediction batch.", "batch_size", DEFAULTS.miniBatchSize,
          m -> m.config.miniBatchSize, (m, v) -> m.config.miniBatchSize = v),
        OptionSpec.real("learning-rate-init", "<rate>", "learningRateInit", "Initial step size (sgd and adam only).",
          "learning_rate_init", DEFAULTS.learningRateInit, m -> m.config.learningRateInit,
          (m, v) -> m.config.learningRateInit = v),
        OptionSpec.choice("learning-rate-schedule", "learning-rate schedule", LearningRateSchedule.values(),
          "learningRateSchedule", "Learning-rate schedule (sgd only): constant; invscaling, rate / (t + 1)^powerT "
            + "with t the rows seen; adaptive, divide the rate by 5 whenever the loss stalls.", "learning_rate",
          DEFAULTS.learningRateSchedule, m -> m.config.learningRateSchedule, (m,
            v) -> m.config.learningRateSchedule = v),
        OptionSpec.real("power-t", "<exponent>", "powerT", "Exponent of the invscaling schedule (sgd with "
          + "learningRateSchedule invscaling only).", "power_t", DEFAULTS.powerT, m -> m.config.powerT,
          (m, v) -> m.config.powerT = v),
        OptionSpec.real("momentum", "<value>", "momentum", "Momentum of the updates, in [0, 1] (sgd only).", "momentum",
          DEFAULTS.momentum, m -> m.config.momentum, (m, v) -> m.config.momentum = v),
        OptionSpec.toggle("no-nesterov", "nesterov", "Use Nesterov's momentum (sgd with momentum > 0 only).",
          "nesterovs_momentum", DEFAULTS.nesterov, m -> m.config.nesterov, (m, v) -> m.config.nesterov = v),
        OptionSpec.real("beta1", "<value>", "beta1", "Decay rate of Adam's first-moment estimate, in [0, 1) (adam "
          + "only).", "beta_1", DEFAULTS.beta1, m -> m.config.beta1, (m, v) -> m.config.beta1 = v),
        OptionSpec.real("beta2", "<value>", "beta2", "Decay rate of Adam's second-moment estimate, in [0, 1) (adam "
          + "only).", "beta_2", DEFAULTS.beta2, m -> m.config.beta2, (m, v) -> m.config.beta2 = v),
        OptionSpec.real("epsilon", "<value>", "epsilon", "Numerical-stability offset in Adam's denominator (adam "
          + "only).", "epsilon", DEFAULTS.epsilon, m -> m.config.epsilon, (m, v) -> m.config.epsilon = v),
        OptionSpec.integer("max-iter", "<count>", "maxIterations", "Maximum number of epochs (sgd, adam: passes over "
          + "the training data) or iterations (lbfgs).", "max_iter", DEFAULTS.maxIterations,
          m -> m.config.maxIterations, (m, v) -> m.config.maxIterations = v),
        OptionSpec.real("tol", "<value>", "tolerance", "Improvement threshold: training stops when the loss (or, "
          + "with early stopping, the validation score) improves by less than this for more than nIterNoChange "
          + "epochs; for lbfgs, the gradient tolerance.", "tol", DEFAULTS.tolerance, m -> m.config.tolerance,
          (m, v) -> m.config.tolerance = v),
        OptionSpec.integer("n-iter-no-change", "<epochs>", "nIterNoChange", "Epochs without an improvement of at "
          + "least tolerance before training stops (sgd, adam).", "n_iter_no_change", DEFAULTS.nIterNoChange,
          m -> m.config.nIterNoChange, (m, v) -> m.config.nIterNoChange = v),
        OptionSpec.integer("max-fun", "<count>", "maxFun", "Maximum number of loss evaluations (lbfgs only).",
          "max_fun", DEFAULTS.maxFun, m -> m.config.maxFun, (m, v) -> m.config.maxFun = v),
        OptionSpec.toggle("early-stopping", "earlyStopping", "Hold out validationFraction of the training data "
          + "(stratified for classification), stop when its score (accuracy, or R^2 for regression) stops "
          + "improving, and keep the weights of the best epoch (sgd, adam only).", "early_stopping",
          DEFAULTS.earlyStopping, m -> m.config.earlyStopping, (m, v) -> m.config.earlyStopping = v),
        OptionSpec.real("validation-fraction", "<fraction>", "validationFraction", "Fraction of the training data held "
          + "out for early stopping, strictly between 0 and 1 (only with earlyStopping).", "validation_fraction",
          DEFAULTS.validationFraction, m -> m.config.validationFraction, (m, v) -> m.config.validationFraction = v),
        OptionSpec.toggle("no-shuffle", "shuffle", "Shuffle the training rows before each epoch (sgd, adam).",
          "shuffle", DEFAULTS.shuffle, m -> m.config.shuffle, (m, v) -> m.config.shuffle = v),
        OptionSpec.choice("input-scaling", "input scaling", InputScaling.values(), "inputScaling", "Scaling of "
          + "numeric and date attributes, fitted on the training data: standardize (z-score), normalize ([0, 1]), "
          + "symmetric ([-1, 1]) or none. Nominal attributes are always one-hot.",
          "StandardScaler / MinMaxScaler in a pipeline", InputScaling.STANDARDIZE, m -> m.inputScaling,
          (m, v) -> m.inputScaling = v),
        OptionSpec.integer("num-threads", "<count>", "numThreads", "Threads used for training; 0 means all available "
          + "processors. The same seed and thread count give the same model.", null, DEFAULTS.numThreads,
          m -> m.config.numThreads, (m, v) -> m.config.numThreads = v),
        OptionSpec.choice("precision", "precision", PrecisionOption.values(), "precision", "Number type of the matrix "
          + "products of training and prediction: float64, or float32, which multiplies in single precision with "
          + "OpenBLAS's sgemm (about 7 significant digits instead of 16; activations, gradients and the optimizer stay "
          + "in float64), keeps the encoded copy of the training data in float32 (half the memory) and is up to about "
          + "twice as fast on large networks; the model then differs from the float64 one by rounding. float32 needs "
          + "the OpenBLAS backend: where OpenBLAS is unavailable (or -D" + Backends.PROPERTY + "=ejml is set) "
          + "training falls back to float64 products on EJML, and the model summary and -output-debug-info say so.",
          "the dtype of X (float32 arrays train and predict in float32)", PrecisionOption.FLOAT64, m -> m.precision,
          (m, v) -> m.precision = v),
        OptionSpec.toggle("tune", "tune", "Choose alpha and the solver by internal k-fold cross-validation (tuneFolds, "
          + "stratified for a nominal class, folds drawn with the seed) over alphaGrid x solverGrid plus the "
          + "intercept-only model (the weighted class prior or mean target, chosen when no grid point beats it), "
          + "scored by the weighted log-loss (classifier) or squared error (regressor) of the held-out rows; the "
          + "grid points train in parallel on numThreads threads, then the final model on all the data with the "
          + "chosen values. alpha and solver are ignored then, and so is resume.",
          "GridSearchCV over alpha and solver", false, m -> m.tune, (m, v) -> m.tune = v),
        OptionSpec.text("alpha-grid", "<values>", "alphaGrid", "Candidate alphas of tune: comma-separated numbers "
          + ">= 0 (only with tune).", null, Tuning.DEFAULT_ALPHA_GRID, m -> m.alphaGrid, (m, v) -> m.alphaGrid = v,
          Tuning::parseAlphaGrid),
        OptionSpec.text("solver-grid", "<solvers>", "solverGrid", "Candidate solvers of tune: comma-separated, from "
          + OptionName.names(Solver.values()) + " (only with tune).", null, Tuning.DEFAULT_SOLVER_GRID,
          m -> m.solverGrid, (m, v) -> m.solverGrid = v, Tuning::parseSolverGrid),
        OptionSpec.integer("tune-folds", "<count>", "tuneFolds", "Folds of the cross-validation of tune, at least 2 "
          + "(fewer when there are fewer rows; only with tune).", null, Tuning.DEFAULT_FOLDS, m -> m.tuneFolds,
          (m, v) -> m.tuneFolds = v),
        OptionSpec.integer("tune-max-rows", "<rows>", "tuneMaxRows", "Cost cap of tune in rows: with more rows, "
          + "the cross-validation runs on a random subsample (stratified for a nominal class) of at most this many "
          + "rows (tuneMaxValues may make it fewer), and the chosen alpha is carried over to all rows for the final "
          + "model, which trains on all rows (with sgd and adam, alpha x fold rows / all rows: the same total "
          + "penalty). 0 (the default) means no cap in rows. Whatever the caps, above " + Tuning.LBFGS_MAX_ROWS
          + " rows lbfgs leaves "
          + "the solver grid (an iteration per pass over all rows; adam is scikit-learn's advice for large data). "
          + "Only with tune.", null, Tuning.DEFAULT_MAX_ROWS, m -> m.tuneMaxRows, (m, v) -> m.tuneMaxRows = v),
        OptionSpec.integer("tune-max-values", "<values>", "tuneMaxValues", "Cost cap of tune in input values: "
          + "the cross-validation's subsample has at most this many rows x input columns (a nominal attribute "
          + "counts one column per value, as one-hot coded), so narrow data are tuned on more rows than wide data. "
          + "The default, " + Tuning.DEFAULT_MAX_VALUES + ", is 500 rows of MNIST's 784 pixels; 0 means no cap in "
          + "values. This cap never leaves fewer than " + Tuning.MIN_VALUES_CAP_ROWS + " rows (very wide data such as "
          + "word vectors); the smaller of it and tuneMaxRows applies. Only with tune.", null,
          Tuning.DEFAULT_MAX_VALUES, m -> m.tuneMaxValues, (m, v) -> m.tuneMaxValues = v)));

  private static String formatSizes(int[] sizes) {
    StringBuilder text = new StringBuilder();
    for (int size : sizes) {
      text.append(text.length() == 0 ? "" : ",").append(size);
    }
    return text.toString();
  }

  /**
   * @param property a bean property of this classifier
   * @return the tip text of its option, stating the default
   */
  protected final String tipText(String property) {
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : optionSpecs()) {
      if (spec.property().equals(property)) {
        return spec.tipText();
      }
    }
    throw new IllegalArgumentException("No option for the property " + property);
  }

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : optionSpecs()) {
      options.add(spec.option());
    }
    options.addAll(Collections.list(super.listOptions()));
    return options.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : optionSpecs()) {
      spec.parse(this, options);
    }
    super.setOptions(options);
    validateSettings();
  }

  /**
   * Checks every training setting.
   *
   * @throws IllegalArgumentException naming the first invalid option by its command-line flag
   */
  private void validateSettings() {
    try {
      config.validate();
    } catch (InvalidSettingException e) {
      throw withFlags(e);
    }
    Tuning.parseAlphaGrid(alphaGrid);
    Tuning.parseSolverGrid(solverGrid);
    Tuning.validate(tuneFolds, tuneMaxRows, tuneMaxValues);
  }

  /** @return the core's message about a setting, with the setting named by its command-line flag */
  private IllegalArgumentException withFlags(InvalidSettingException e) {
    return new IllegalArgumentException(e.messageNaming(this::flagOf), e);
  }

  /**
   * @param setting a training setting: a bean property, which is also its {@link TrainingConfig} field
   * @return its command-line flag, e.g. {@code -alpha}
   */
  private String flagOf(String setting) {
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : optionSpecs()) {
      if (spec.property().equals(setting)) {
        return "-" + spec.flag();
      }
    }
    return setting;
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : optionSpecs()) {
      spec.write(this, options);
    }
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
    return tipText("hiddenLayerSizes");
  }

  /** @return the hidden-layer activation */
  public SelectedTag getActivation() {
    return new SelectedTag(config.activation.ordinal(), TAGS_ACTIVATION);
  }

  /** @param tag the hidden-layer activation */
  public void setActivation(SelectedTag tag) {
    Activation chosen = OptionSpec.fromTag(tag, TAGS_ACTIVATION, Activation.values());
    if (chosen != null) {
      config.activation = chosen;
    }
  }

  /** @return tip text for the GUI */
  public String activationTipText() {
    return tipText("activation");
  }

  /** @return the solver */
  public SelectedTag getSolver() {
    return new SelectedTag(config.solver.ordinal(), TAGS_SOLVER);
  }

  /** @param tag the solver */
  public void setSolver(SelectedTag tag) {
    Solver chosen = OptionSpec.fromTag(tag, TAGS_SOLVER, Solver.values());
    if (chosen != null) {
      config.solver = chosen;
    }
  }

  /** @return tip text for the GUI */
  public String solverTipText() {
    return tipText("solver");
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
    return tipText("alpha");
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
    return tipText("miniBatchSize");
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
    return tipText("learningRateInit");
  }

  /** @return the learning-rate schedule */
  public SelectedTag getLearningRateSchedule() {
    return new SelectedTag(config.learningRateSchedule.ordinal(), TAGS_SCHEDULE);
  }

  /** @param tag the learning-rate schedule */
  public void setLearningRateSchedule(SelectedTag tag) {
    LearningRateSchedule chosen = OptionSpec.fromTag(tag, TAGS_SCHEDULE, LearningRateSchedule.values());
    if (chosen != null) {
      config.learningRateSchedule = chosen;
    }
  }

  /** @return tip text for the GUI */
  public String learningRateScheduleTipText() {
    return tipText("learningRateSchedule");
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
    return tipText("powerT");
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
    return tipText("momentum");
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
    return tipText("nesterov");
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
    return tipText("beta1");
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
    return tipText("beta2");
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
    return tipText("epsilon");
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
    return tipText("maxIterations");
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
    return tipText("tolerance");
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
    return tipText("nIterNoChange");
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
    return tipText("maxFun");
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
    return tipText("earlyStopping");
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
    return tipText("validationFraction");
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
    return tipText("shuffle");
  }

  /** @return the input scaling */
  public SelectedTag getInputScaling() {
    return new SelectedTag(inputScaling.ordinal(), TAGS_INPUT_SCALING);
  }

  /** @param tag the input scaling */
  public void setInputScaling(SelectedTag tag) {
    InputScaling chosen = OptionSpec.fromTag(tag, TAGS_INPUT_SCALING, InputScaling.values());
    if (chosen != null) {
      inputScaling = chosen;
    }
  }

  /** @return tip text for the GUI */
  public String inputScalingTipText() {
    return tipText("inputScaling");
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
    return tipText("numThreads");
  }

  /** @return the number type of the matrix products */
  public SelectedTag getPrecision() {
    return new SelectedTag(precision.ordinal(), TAGS_PRECISION);
  }

  /** @param tag the number type of the matrix products */
  public void setPrecision(SelectedTag tag) {
    PrecisionOption chosen = OptionSpec.fromTag(tag, TAGS_PRECISION, PrecisionOption.values());
    if (chosen != null) {
      precision = chosen;
    }
  }

  /** @return tip text for the GUI */
  public String precisionTipText() {
    return tipText("precision");
  }

  /** @return whether alpha and the solver are chosen by internal cross-validation */
  public boolean getTune() {
    return tune;
  }

  /** @param tune whether to choose alpha and the solver by internal cross-validation */
  public void setTune(boolean tune) {
    this.tune = tune;
  }

  /** @return tip text for the GUI */
  public String tuneTipText() {
    return tipText("tune");
  }

  /** @return the candidate alphas of tune, comma-separated */
  public String getAlphaGrid() {
    return alphaGrid;
  }

  /** @param grid the candidate alphas of tune, comma-separated (checked when training starts) */
  public void setAlphaGrid(String grid) {
    alphaGrid = grid == null ? "" : grid.trim();
  }

  /** @return tip text for the GUI */
  public String alphaGridTipText() {
    return tipText("alphaGrid");
  }

  /** @return the candidate solvers of tune, comma-separated */
  public String getSolverGrid() {
    return solverGrid;
  }

  /** @param grid the candidate solvers of tune, comma-separated (checked when training starts) */
  public void setSolverGrid(String grid) {
    solverGrid = grid == null ? "" : grid.trim();
  }

  /** @return tip text for the GUI */
  public String solverGridTipText() {
    return tipText("solverGrid");
  }

  /** @return the folds of tune's cross-validation */
  public int getTuneFolds() {
    return tuneFolds;
  }

  /** @param folds the folds of tune's cross-validation, at least 2 */
  public void setTuneFolds(int folds) {
    tuneFolds = folds;
  }

  /** @return tip text for the GUI */
  public String tuneFoldsTipText() {
    return tipText("tuneFolds");
  }

  /** @return the most rows tune cross-validates on (0 = no cap in rows) */
  public int getTuneMaxRows() {
    return tuneMaxRows;
  }

  /** @param rows the most rows tune cross-validates on, 0 for all */
  public void setTuneMaxRows(int rows) {
    tuneMaxRows = rows;
  }

  /** @return tip text for the GUI */
  public String tuneMaxRowsTipText() {
    return tipText("tuneMaxRows");
  }

  /** @return the most rows x input columns tune cross-validates on (0 = no cap) */
  public int getTuneMaxValues() {
    return tuneMaxValues;
  }

  /** @param values the most rows x input columns tune cross-validates on, 0 for no cap */
  public void setTuneMaxValues(int values) {
    tuneMaxValues = values;
  }

  /** @return tip text for the GUI */
  public String tuneMaxValuesTipText() {
    return tipText("tuneMaxValues");
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
    info.setValue(TechnicalInformation.Field.AUTHOR,
      "David E. Rumelhart and Geoffrey E. Hinton and Ronald J. Williams");
    info.setValue(TechnicalInformation.Field.TITLE, "Learning representations by back-propagating errors");
    info.setValue(TechnicalInformation.Field.JOURNAL, "Nature");
    info.setValue(TechnicalInformation.Field.VOLUME, "323");
    info.setValue(TechnicalInformation.Field.PAGES, "533-536");
    info.setValue(TechnicalInformation.Field.YEAR, "1986");
    TechnicalInformation adam = info.add(TechnicalInformation.Type.INPROCEEDINGS);
    adam.setValue(TechnicalInformation.Field.AUTHOR, "Diederik P. Kingma and Jimmy Ba");
    adam.setValue(TechnicalInformation.Field.TITLE, "Adam: A Method for Stochastic Optimization");
    adam.setValue(TechnicalInformation.Field.BOOKTITLE,
      "3rd International Conference on Learning Representations (ICLR)");
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
   * printing a one-line error instead of a stack trace when the input or an option is invalid, and exiting
   * with code 1 then.
   *
   * @param classifier a fresh classifier
   * @param args the command-line arguments
   */
  protected static void runFromCommandLine(AbstractMultilayerPerceptron classifier, String[] args) {
    Exception failure = evaluate(classifier, args);
    if (failure != null) {
      System.err.println(commandLineMessage(failure));
      System.exit(1);
    }
  }

  /**
   * How {@code weka.Run} runs the classifier (installed packages are run this way, through Weka's
   * {@code CommandlineRunnable}): Weka's evaluation as in {@link #runFromCommandLine}, but an error in the data
   * or the run ends with the one line "Error: ..." on stderr instead of Weka's stack trace, while an invalid
   * option keeps Weka's message followed by the option help. The JVM is not exited here (so weka.Run ends with
   * exit code 0, as for Weka's own schemes): Weka's SimpleCLI runs {@code weka.Run} inside the GUI's JVM.
   *
   * @param toRun the classifier to run
   * @param options the command-line arguments
   */
  @Override
  public void run(Object toRun, String[] options) {
    if (!(toRun instanceof AbstractMultilayerPerceptron)) {
      throw new IllegalArgumentException("Object to run is not a multilayer perceptron: " + toRun);
    }
    Exception failure = evaluate((AbstractMultilayerPerceptron) toRun, options);
    if (failure == null) {
      return;
    }
    String message = failure.getMessage();
    // Weka's evaluation appends the option help to option errors (and to a request for help)
    System.err.println(message != null && message.contains("General options") ? message
      : commandLineMessage(failure));
  }

  /** @return null after printing Weka's evaluation, or what went wrong (with pre- and post-execution as Weka's) */
  private static Exception evaluate(AbstractMultilayerPerceptron classifier, String[] args) {
    Exception failure = null;
    try {
      classifier.preExecution();
      System.out.println(Evaluation.evaluateModel(classifier, args));
    } catch (Exception e) {
      failure = e;
    }
    try {
      classifier.postExecution();
    } catch (Exception e) {
      failure = failure == null ? e : failure;
    }
    return failure;
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
    return "Error: " + trimmed.replaceAll("\\s*\n\\s*", " ");
  }
}
