package weka.classifiers.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.wekamlp.core.ReliabilityBins;
import weka.classifiers.functions.Logistic;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.PluginManager;
import weka.core.SerializedObject;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/** The ECE metric against a hand computation, and inside Weka's Evaluation as a registered plugin. */
class ExpectedCalibrationErrorTest {

  private static Instances threeClasses() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("class", Arrays.asList("a", "b", "c")));
    Instances data = new Instances("t", attributes, 0);
    data.setClassIndex(1);
    return data;
  }

  private static Instance row(Instances data, double label, double weight) {
    Instance instance = new DenseInstance(weight, new double[] {0.0, label});
    instance.setDataset(data);
    return instance;
  }

  /**
   * Five predictions worked out by hand, 15 bins (bin b holds confidences in ((b-1)/15, b/15]):
   *
   * <pre>
   * distribution      true  weight  confidence  bin  correct
   * 0.9 0.05 0.05      a     1       0.9        13    yes
   * 0.1 0.85 0.05      a     1       0.85       12    no
   * 0.2 0.2 0.6        c     2       0.6         8    yes
   * 0.5 0.3 0.2        b     1       0.5         7    no
   * 0.4 0.4 0.2        b     1       0.4 (a)     5    no  (ties go to the first class, as Weka's maxIndex)
   * </pre>
   *
   * Total weight 6. |correct - confidence| per bin: bin 13: |1 - 0.9| = 0.1; bin 12: |0 - 0.85| = 0.85; bin 8:
   * |2 - 1.2| = 0.8; bin 7: 0.5; bin 5: 0.4. ECE = (0.1 + 0.85 + 0.8 + 0.5 + 0.4) / 6 = 2.65 / 6.
   */
  @Test
  void matchesAHandComputation() {
    Instances data = threeClasses();
    ExpectedCalibrationError ece = new ExpectedCalibrationError();
    ece.updateStatsForClassifier(new double[] {0.9, 0.05, 0.05}, row(data, 0, 1));
    ece.updateStatsForClassifier(new double[] {0.1, 0.85, 0.05}, row(data, 0, 1));
    ece.updateStatsForClassifier(new double[] {0.2, 0.2, 0.6}, row(data, 2, 2));
    ece.updateStatsForClassifier(new double[] {0.5, 0.3, 0.2}, row(data, 1, 1));
    ece.updateStatsForClassifier(new double[] {0.4, 0.4, 0.2}, row(data, 1, 1));
    // left out: a missing class, and an all-zero distribution (Weka's "unclassified")
    Instance missing = row(data, 0, 1);
    missing.setClassMissing();
    ece.updateStatsForClassifier(new double[] {1.0, 0.0, 0.0}, missing);
    ece.updateStatsForClassifier(new double[] {0.0, 0.0, 0.0}, row(data, 0, 1));
    assertEquals(2.65 / 6, ece.getStatistic(ExpectedCalibrationError.STATISTIC), 1e-12);
    ReliabilityBins bins = ece.bins();
    assertEquals(6.0, bins.totalWeight(), 0.0);
    assertEquals(2.0, bins.weight(8), 0.0);
    assertEquals(1.0, bins.accuracy(8), 0.0);
    assertEquals(0.6, bins.meanConfidence(8), 1e-15);
    assertTrue(Double.isNaN(bins.accuracy(0)));
    assertTrue(ece.toSummaryString().startsWith("Calibration error (ECE, 15 bins)"), ece.toSummaryString());
    assertTrue(ece.toSummaryString().endsWith(" " + Utils.doubleToString(2.65 / 6, 4) + "\n"), ece.toSummaryString());
  }

  /** The Experimenter serializes its split evaluator with the plugin metrics in it (remote runs, copies). */
  @Test
  void survivesSerialization() throws Exception {
    Instances data = threeClasses();
    ExpectedCalibrationError ece = new ExpectedCalibrationError();
    ece.updateStatsForClassifier(new double[] {0.9, 0.05, 0.05}, row(data, 1, 1));
    ExpectedCalibrationError copy = (ExpectedCalibrationError) new SerializedObject(ece).getObject();
    assertEquals(0.9, copy.getStatistic(ExpectedCalibrationError.STATISTIC), 1e-15);
  }

  @Test
  void binEdgesAreUpperInclusive() {
    ReliabilityBins bins = new ReliabilityBins(15);
    assertEquals(0, bins.bin(0.0));
    assertEquals(0, bins.bin(1.0 / 15));
    assertEquals(1, bins.bin(1.0 / 15 + 1e-12));
    assertEquals(14, bins.bin(1.0));
    assertThrows(IllegalArgumentException.class, () -> new ReliabilityBins(0));
  }

  @Test
  void perfectCalibrationGivesZeroAndNothingGivesNaN() {
    ReliabilityBins bins = new ReliabilityBins(15);
    assertTrue(Double.isNaN(bins.expectedCalibrationError()));
    // confidence 0.75 (bin 12), right 3 times in 4
    for (int i = 0; i < 4; i++) {
      bins.add(0.75, i < 3, 1.0);
    }
    assertEquals(0.0, bins.expectedCalibrationError(), 1e-15);
  }

  @Test
  void describesItselfAsAMinimisedStatisticOfNominalClasses() {
    ExpectedCalibrationError ece = new ExpectedCalibrationError();
    assertTrue(ece.appliesToNominalClass());
    assertFalse(ece.appliesToNumericClass());
    assertFalse(ece.statisticIsMaximisable(ExpectedCalibrationError.STATISTIC));
    assertEquals(Arrays.asList(ExpectedCalibrationError.STATISTIC), ece.getStatisticNames());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ece.getStatistic("ECE"));
    assertTrue(e.getMessage().contains("'ECE'"), e.getMessage());
  }

  private static String lineWith(String text, String start) {
    for (String line : text.split("\n")) {
      if (line.startsWith(start)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + start + "' in\n" + text);
  }

  /**
   * Registered as the package's PluginManager.props registers it, the metric is in Weka's Evaluation: its summary
   * prints the line, and the statistic equals the ECE of the same predictions computed directly.
   */
  @Test
  void evaluationPrintsItWhenRegistered() throws Exception {
    Instances data = DataSource.read("datasets/iris.arff");
    data.setClassIndex(data.numAttributes() - 1);
    Logistic logistic = new Logistic();
    logistic.buildClassifier(data);
    String type = AbstractEvaluationMetric.class.getName();
    String name = ExpectedCalibrationError.class.getName();
    assertTrue(Evaluation.getAllEvaluationMetricNames().stream().noneMatch(m -> m.equals("ECE")),
      "not registered on a plain class path");
    PluginManager.addPlugin(type, name, name);
    try {
      Evaluation evaluation = new Evaluation(data);
      evaluation.evaluateModel(logistic, data);
      String summary = evaluation.toSummaryString();
      assertTrue(summary.contains("Calibration error (ECE, 15 bins)"), summary);
      // in the column of Weka's own figures
      assertEquals(lineWith(summary, "Mean absolute error").length(), lineWith(summary, "Calibration error").length(),
        summary);
      ReliabilityBins direct = new ReliabilityBins(15);
      for (Instance instance : data) {
        direct.add(logistic.distributionForInstance(instance), 0, 3, (int) instance.classValue(), 1.0);
      }
      ExpectedCalibrationError metric = (ExpectedCalibrationError) evaluation.getPluginMetric("ECE");
      assertEquals(direct.expectedCalibrationError(), metric.getStatistic(ExpectedCalibrationError.STATISTIC), 1e-12);
    } finally {
      PluginManager.removePlugins(type, Arrays.asList(name));
    }
  }
}
