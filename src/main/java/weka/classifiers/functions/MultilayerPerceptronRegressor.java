package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.OutputDecoding;
import weka.classifiers.functions.mlp.TargetScaling;
import weka.classifiers.functions.mlp.OptionSpec;
import org.wekamlp.core.OutputLayer;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A multilayer perceptron for regression, in the manner of scikit-learn's MLPRegressor: an identity
 * output unit trained on the squared error, with the target standardized internally (by default) and
 * predictions returned in the original units. Options are described in {@link AbstractMultilayerPerceptron}.
 */
public class MultilayerPerceptronRegressor extends AbstractMultilayerPerceptron {

  private static final long serialVersionUID = -3000513993372400553L;

  private boolean targetScaling = true;

  /**
   * @return a description of the regressor for the Weka GUI
   */
  public String globalInfo() {
    return "A multilayer perceptron (feed-forward neural network) for regression, trained with "
      + "backpropagation like scikit-learn's MLPRegressor. Numeric and date attributes are scaled "
      + "(standardized by default), nominal attributes one-hot encoded and missing values replaced by the "
      + "training mean or mode; the numeric target is standardized internally (unless turned off) and "
      + "predicted by an identity output unit trained on the squared error with an L2 penalty (alpha). "
      + "Solvers: adam (default), sgd with momentum, and lbfgs for small data sets. Training processes whole "
      + "minibatches as matrices, honours instance weights, can stop early on a held-out validation split "
      + "(R^2), and runs one epoch per iteration for Weka's iterative-classifier tools.\n\n"
      + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.enable(Capability.NUMERIC_CLASS);
    result.enable(Capability.DATE_CLASS);
    return result;
  }

  @Override
  protected String classTypeHint() {
    return "MultilayerPerceptronRegressor predicts a numeric class; use MultilayerPerceptronClassifier for a nominal class.";
  }

  @Override
  protected OutputLayer outputLayer() {
    return OutputLayer.IDENTITY_SQUARED_ERROR;
  }

  @Override
  protected int numOutputs(Instances data) {
    return 1;
  }

  /** The fitted target step: the mean and standard deviation of the targets (unless turned off). */
  @Override
  protected OutputDecoding fitOutput(Instances data, int[] rows) {
    return TargetScaling.fit(targets(data, rows), targetScaling);
  }

  @Override
  protected DMatrixRMaj trainingTargets(Instances data, int[] rows, OutputDecoding output) {
    TargetScaling scaling = (TargetScaling) output;
    double[] y = targets(data, rows);
    DMatrixRMaj targets = new DMatrixRMaj(rows.length, 1);
    for (int i = 0; i < rows.length; i++) {
      targets.data[i] = scaling.scaled(y[i]);
    }
    return targets;
  }

  /** @return null: regression has no class labels */
  @Override
  protected int[] classLabels(Instances data, int[] rows) {
    return null;
  }

  /** @return the class values of the rows, each checked to be finite */
  private static double[] targets(Instances data, int[] rows) {
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = data.instance(rows[i]).classValue();
      if (Double.isInfinite(y[i])) {
        throw new IllegalArgumentException("Class attribute '" + data.classAttribute().name()
          + "' has the infinite value " + y[i] + " in instance " + (rows[i] + 1) + ".");
      }
    }
    return y;
  }

  /**
   * The weighted mean target, summed in row order as Weka's ZeroR sums it (so both predict the same number);
   * when that sum overflows (targets near 1e308), the same mean from the targets divided by their magnitude.
   */
  @Override
  protected double[] constantPrediction(Instances data, int[] rows) {
    double sum = 0.0;
    double total = 0.0;
    double magnitude = 0.0;
    for (int row : rows) {
      Instance instance = data.instance(row);
      sum += instance.weight() * instance.classValue();
      total += instance.weight();
      magnitude = Math.max(magnitude, Math.abs(instance.classValue()));
    }
    double mean = sum / total;
    if (!Double.isFinite(mean)) {
      double scaled = 0.0;
      for (int row : rows) {
        Instance instance = data.instance(row);
        scaled += instance.weight() * (instance.classValue() / magnitude);
      }
      mean = scaled / total * magnitude;
    }
    return new double[] {mean};
  }

  @Override
  protected String describeConstantPrediction(double[] prediction, Instances data) {
    return "Predicts the weighted mean of the training targets: " + Utils.doubleToString(prediction[0], 6);
  }

  /** @return whether the target is standardized internally */
  public boolean getTargetScaling() {
    return targetScaling;
  }

  /** @param targetScaling whether to standardize the target internally */
  public void setTargetScaling(boolean targetScaling) {
    this.targetScaling = targetScaling;
  }

  /** @return tip text for the GUI */
  public String targetScalingTipText() {
    return tipText("targetScaling");
  }

  /** The regressor's own option first, then the shared ones. */
  private static final List<OptionSpec<AbstractMultilayerPerceptron, ?>> REGRESSOR_OPTIONS;

  static {
    List<OptionSpec<AbstractMultilayerPerceptron, ?>> options = new ArrayList<>();
    options.add(OptionSpec.toggle("no-target-scaling", "targetScaling", "Standardize the target internally (subtract "
      + "its mean, divide by its standard deviation) and return predictions in the original units.",
      "TransformedTargetRegressor with a StandardScaler", true,
      m -> ((MultilayerPerceptronRegressor) m).targetScaling,
      (m, v) -> ((MultilayerPerceptronRegressor) m).targetScaling = v));
    options.addAll(SHARED_OPTIONS);
    REGRESSOR_OPTIONS = Collections.unmodifiableList(options);
  }

  @Override
  protected List<OptionSpec<AbstractMultilayerPerceptron, ?>> optionSpecs() {
    return REGRESSOR_OPTIONS;
  }

  /**
   * Command-line entry point with Weka's standard options ({@code -t}, {@code -T}, {@code -x}, ...).
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runFromCommandLine(new MultilayerPerceptronRegressor(), args);
  }
}
