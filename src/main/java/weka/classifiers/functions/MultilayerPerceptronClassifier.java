package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.Calibration;
import weka.classifiers.functions.mlp.ClassProbabilities;
import weka.classifiers.functions.mlp.MlpModel;
import weka.classifiers.functions.mlp.OptionSpec;
import weka.classifiers.functions.mlp.OutputDecoding;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.WorkPlan;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A multilayer perceptron for classification, in the manner of scikit-learn's MLPClassifier: one-hot
 * targets, a softmax output layer and the cross-entropy loss, trained with adam, sgd or lbfgs on whole
 * minibatches at a time. Options are described in {@link AbstractMultilayerPerceptron}.
 */
public class MultilayerPerceptronClassifier extends AbstractMultilayerPerceptron {

  private static final long serialVersionUID = 5529512925962373601L;

  private boolean calibrate;

  /**
   * @return a description of the classifier for the Weka GUI
   */
  public String globalInfo() {
    return "A multilayer perceptron (feed-forward neural network) for classification, trained with "
      + "backpropagation like scikit-learn's MLPClassifier. Numeric and date attributes are scaled "
      + "(standardized by default), nominal attributes one-hot encoded and missing values replaced by the "
      + "training mean or mode; the class is one-hot encoded and predicted by a softmax output layer trained "
      + "on the cross-entropy loss with an L2 penalty (alpha). Solvers: adam (default), sgd with momentum, "
      + "and lbfgs for small data sets. Training processes whole minibatches as matrices, honours instance "
      + "weights, can stop early on a held-out validation split, and runs one epoch per iteration for "
      + "Weka's iterative-classifier tools.\n\nFor more information see:\n\n"
      + getTechnicalInformation().toString();
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.BINARY_CLASS);
    result.enable(Capability.UNARY_CLASS);
    return result;
  }

  @Override
  protected String classTypeHint() {
    return "MultilayerPerceptronClassifier predicts a nominal class; use MultilayerPerceptronRegressor for a numeric class.";
  }

  @Override
  protected OutputLayer outputLayer() {
    return OutputLayer.SOFTMAX_CROSS_ENTROPY;
  }

  @Override
  protected int numOutputs(Instances data) {
    return data.numClasses();
  }

  @Override
  protected OutputDecoding fitOutput(Instances data, int[] rows) {
    return new ClassProbabilities(data.numClasses());
  }

  @Override
  protected DMatrixRMaj trainingTargets(Instances data, int[] rows, OutputDecoding output) {
    int k = data.numClasses();
    DMatrixRMaj targets = new DMatrixRMaj(rows.length, k);
    for (int i = 0; i < rows.length; i++) {
      targets.data[i * k + (int) data.instance(rows[i]).classValue()] = 1.0;
    }
    return targets;
  }

  @Override
  protected int[] classLabels(Instances data, int[] rows) {
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = (int) data.instance(rows[i]).classValue();
    }
    return labels;
  }

  /** The weighted class frequencies of the training rows. */
  @Override
  protected double[] constantPrediction(Instances data, int[] rows) {
    double[] distribution = new double[data.numClasses()];
    double total = 0.0;
    for (int row : rows) {
      Instance instance = data.instance(row);
      distribution[(int) instance.classValue()] += instance.weight();
      total += instance.weight();
    }
    for (int k = 0; k < distribution.length; k++) {
      distribution[k] /= total;
    }
    return distribution;
  }

  @Override
  protected String describeConstantPrediction(double[] prediction, Instances data) {
    StringBuilder sb = new StringBuilder("Predicts the weighted class distribution of the training data: ");
    for (int k = 0; k < prediction.length; k++) {
      sb.append(k > 0 ? ", " : "").append(data.classAttribute().value(k)).append(' ')
        .append(Utils.doubleToString(prediction[k], 6));
    }
    return sb.toString();
  }

  /**
   * With {@code -calibrate}, fits a temperature on out-of-fold predictions (see {@link Calibration}) and applies it to
   * every prediction of the model trained on all rows.
   */
  @Override
  protected MlpModel finishedModel(MlpModel trained, Instances data, int[] rows) throws Exception {
    if (!calibrate) {
      return trained;
    }
    return Calibration.calibrate(trained, data, rows, getSeed(), WorkPlan.maxThreads(getNumThreads()), this::trainFold);
  }

  @Override
  protected boolean calibratesProbabilities() {
    return calibrate;
  }

  @Override
  protected void stopCalibrating() {
    calibrate = false;
  }

  /** A model with these options, calibration and debug output off, trained on one fold's rows. */
  private MlpModel trainFold(Instances train) throws Exception {
    MultilayerPerceptronClassifier fold = (MultilayerPerceptronClassifier) AbstractClassifier
      .forName(getClass().getName(), getOptions());
    fold.calibrate = false;
    fold.setDebug(false);
    fold.buildClassifier(train);
    return fold.getModel();
  }

  /** @return whether the class probabilities are calibrated by temperature scaling */
  public boolean getCalibrate() {
    return calibrate;
  }

  /** @param calibrate whether to calibrate the class probabilities by temperature scaling */
  public void setCalibrate(boolean calibrate) {
    this.calibrate = calibrate;
  }

  /** @return tip text for the GUI */
  public String calibrateTipText() {
    return tipText("calibrate");
  }

  /** The classifier's own option first, then the shared ones. */
  private static final List<OptionSpec<AbstractMultilayerPerceptron, ?>> CLASSIFIER_OPTIONS;

  static {
    List<OptionSpec<AbstractMultilayerPerceptron, ?>> options = new ArrayList<>();
    options.add(OptionSpec.toggle("calibrate", "calibrate", "After training, fit one temperature T on the "
      + "out-of-fold predictions of an internal stratified " + Calibration.FOLDS + "-fold cross-validation of the "
      + "training data (same options; the log-loss is minimized) and predict softmax(logits / T): better calibrated "
      + "probabilities, the same predicted classes. Costs about " + (Calibration.FOLDS - 1) + " more fits; the model "
      + "summary reports T and the held-out ECE and log-loss before and after. With fewer than " + Calibration.MIN_ROWS
      + " training rows T stays 1. With tune, each grid point is scored by its held-out log-loss after its own "
      + "temperature, and the chosen point's temperature serves the final model without more fits (when tuned on "
      + "all rows).", null, false,
      m -> ((MultilayerPerceptronClassifier) m).calibrate, (m,
        v) -> ((MultilayerPerceptronClassifier) m).calibrate = v));
    options.addAll(SHARED_OPTIONS);
    CLASSIFIER_OPTIONS = Collections.unmodifiableList(options);
  }

  @Override
  protected List<OptionSpec<AbstractMultilayerPerceptron, ?>> optionSpecs() {
    return CLASSIFIER_OPTIONS;
  }

  /**
   * Command-line entry point with Weka's standard options ({@code -t}, {@code -T}, {@code -x}, ...).
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runFromCommandLine(new MultilayerPerceptronClassifier(), args);
  }
}
