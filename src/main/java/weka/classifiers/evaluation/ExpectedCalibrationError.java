package weka.classifiers.evaluation;

import java.util.Collections;
import java.util.List;

import org.wekamlp.core.ReliabilityBins;
import weka.core.Instance;
import weka.core.Utils;

/**
 * The expected calibration error (ECE) of any Weka classifier's class probabilities, as a plugin evaluation metric:
 * the weighted mean gap between confidence and accuracy over 15 equal-width confidence bins of the top label
 * ({@link ReliabilityBins}). Once registered with Weka's plugin manager (the package's {@code PluginManager.props},
 * read when Weka loads its packages), Weka's {@link Evaluation} prints it in its summary (Explorer, command line) and
 * the Experimenter's {@code ClassifierSplitEvaluator} records it as the result column
 * {@value #STATISTIC}. Predictions of an unknown class and predictions with no positive probability (Weka's
 * "unclassified") are left out; instance weights are honoured. 0 is perfect calibration, lower is better.
 */
public class ExpectedCalibrationError extends AbstractEvaluationMetric implements StandardEvaluationMetric {

  private static final long serialVersionUID = -6187436315244315547L;

  /** The statistic's name: the Experimenter's result column and the name Evaluation displays it by. */
  public static final String STATISTIC = "Expected_calibration_error";

  private ReliabilityBins bins = new ReliabilityBins(ReliabilityBins.DEFAULT_BINS);

  @Override
  public boolean appliesToNominalClass() {
    return true;
  }

  @Override
  public boolean appliesToNumericClass() {
    return false;
  }

  @Override
  public String getMetricName() {
    return "ECE";
  }

  @Override
  public String getMetricDescription() {
    return "Expected calibration error: the weighted mean absolute gap between accuracy and mean confidence of the "
      + "most probable class over " + ReliabilityBins.DEFAULT_BINS + " equal-width confidence bins (0 is "
      + "perfectly calibrated, lower is better).";
  }

  @Override
  public List<String> getStatisticNames() {
    return Collections.singletonList(STATISTIC);
  }

  @Override
  public double getStatistic(String name) {
    if (!STATISTIC.equals(name)) {
      throw new IllegalArgumentException("Unknown statistic '" + name + "' of the ECE metric; it has only '"
        + STATISTIC + "'.");
    }
    return bins.expectedCalibrationError();
  }

  @Override
  public boolean statisticIsMaximisable(String name) {
    return false;
  }

  @Override
  public void updateStatsForClassifier(double[] predictedDistribution, Instance instance) {
    if (instance.classIsMissing()) {
      return;
    }
    bins.add(predictedDistribution, 0, predictedDistribution.length, (int) instance.classValue(), instance.weight());
  }

  /** Numeric predictions have no confidence: nothing to do. */
  @Override
  public void updateStatsForPredictor(double predictedValue, Instance instance) {
    // not applicable to a numeric class (appliesToNumericClass is false)
  }

  /** @return one line in the layout of Weka's summary: "Calibration error (ECE, 15 bins)" and the value */
  @Override
  public String toSummaryString() {
    return Utils.padRight("Calibration error (ECE, " + bins.numBins() + " bins)", 35)
      + Utils.doubleToString(bins.expectedCalibrationError(), 12, 4) + "\n";
  }

  /** @return the bins filled so far (live, for charts and tests) */
  public ReliabilityBins bins() {
    return bins;
  }
}
