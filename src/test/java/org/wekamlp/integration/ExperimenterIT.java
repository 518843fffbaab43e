package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wekamlp.integration.tools.ExperimentSetups;
import org.wekamlp.integration.tools.SignificanceTables;

import weka.classifiers.Classifier;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.supportVector.RBFKernel;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.RegressionSplitEvaluator;
import weka.experiment.xml.XMLExperiment;

/**
 * The Experimenter setups in experiments/ and the one command that runs them
 * ({@code experiments/run-experiment.sh}), scaled down to 2 runs x 2 folds on one data set.
 */
class ExperimenterIT {

  static final String SCRIPT = "experiments/run-experiment.sh";

  @Test
  void classificationSetupIsTenTimesTenFoldOverFiveSchemesAndSixOrMoreDataSets() throws Exception {
    Experiment experiment = read("experiments/classification.xml");
    assertCrossValidation(experiment, ClassifierSplitEvaluator.class, ExperimentSetups.CLASSIFIERS);
    assertTrue(experiment.getDatasets().size() >= 6, "data sets: " + experiment.getDatasets().size());
    assertDataSets(experiment, false);
    SMO rbf = (SMO) experiment.getPropertyArrayValue(2);
    assertTrue(rbf.getKernel() instanceof RBFKernel, "scheme 3 is SMO with an RBF kernel");
    assertEquals(SMO.FILTER_STANDARDIZE, rbf.getFilterType().getSelectedTag().getID(), "on standardized data");
  }

  @Test
  void regressionSetupIsTenTimesTenFoldOverFourSchemesAndThreeOrMoreDataSets() throws Exception {
    Experiment experiment = read("experiments/regression.xml");
    assertCrossValidation(experiment, RegressionSplitEvaluator.class, ExperimentSetups.REGRESSORS);
    assertTrue(experiment.getDatasets().size() >= 3, "data sets: " + experiment.getDatasets().size());
    assertDataSets(experiment, true);
  }

  /** Reads a setup as the Experimenter's "Open..." does for .xml files. */
  private static Experiment read(String file) throws Exception {
    return (Experiment) new XMLExperiment().read(file);
  }

  private static void assertCrossValidation(Experiment experiment, Class<?> evaluator, List<String> schemes) {
    assertEquals(1, experiment.getRunLower());
    assertEquals(10, experiment.getRunUpper());
    CrossValidationResultProducer producer = (CrossValidationResultProducer) experiment.getResultProducer();
    assertEquals(10, producer.getNumFolds());
    assertTrue(evaluator.isInstance(producer.getSplitEvaluator()), producer.getSplitEvaluator().getClass().getName());
    assertTrue(experiment.getUsePropertyIterator());
    assertEquals(schemes.size(), experiment.getPropertyArrayLength());
    for (int i = 0; i < schemes.size(); i++) {
      Classifier scheme = (Classifier) experiment.getPropertyArrayValue(i);
      assertEquals(schemes.get(i).split(" ")[0], scheme.getClass().getName(), "scheme " + (i + 1));
    }
    assertTrue(experiment.getResultListener() instanceof InstancesResultListener);
  }

  private static void assertDataSets(Experiment experiment, boolean numericClass) throws Exception {
    for (int i = 0; i < experiment.getDatasets().size(); i++) {
      File file = (File) experiment.getDatasets().get(i);
      assertTrue(file.isFile(), "data set " + file + " exists (relative to the repository root)");
      Instances data = DataSource.read(file.getPath());
      data.setClassIndex(data.numAttributes() - 1);
      assertEquals(numericClass, data.classAttribute().isNumeric(), file + ": class type");
    }
  }

  /** The one command on each setup, scaled down to 2 runs x 2 folds on one data set. */
  @ParameterizedTest
  @CsvSource({
    "classification, datasets/iris.arff, 5, MultilayerPerceptronClassifier, Percent_correct, 85, Weighted_avg_area_under_ROC",
    "regression, datasets/cpu.arff, 4, MultilayerPerceptronRegressor, Correlation_coefficient, 0.8, Root_mean_squared_error"})
  void oneCommandRunsTheComparisonAndPrintsTheTables(String setup, String dataset, int schemes, String mlp,
    String metric, double floor, String otherMetric) throws Exception {
    Path dir = WekaProcesses.outputDir("experimenter-" + setup);
    Path results = dir.resolve("results.arff");
    WekaProcesses.Result run = runScript(dir, setup, "--runs", "2", "--folds", "2", "--dataset", dataset,
      "--results", results.toString());
    for (String table : List.of("=== " + metric, "=== " + otherMetric)) {
      assertTrue(run.stdout.contains(table), run.output());
    }
    assertTrue(run.stdout.contains("Resultsets: " + schemes), run.output());
    assertTrue(run.stdout.contains("weka.experiment.PairedCorrectedTTester"), run.output());
    assertTrue(run.stdout.contains("(1) functions." + mlp + " "), run.output());

    Instances rows = DataSource.read(results.toString());
    assertEquals(2 * 2 * schemes, rows.numInstances(), "runs x folds x schemes");
    double mean = mean(rows, mlp, metric);
    assertTrue(mean > floor, mlp + " " + metric + " on " + dataset + ", 2 x 2-fold CV: " + mean);
    if (setup.equals("classification")) {
      // the installed package's ECE metric is a result column of every scheme (a comparison field)
      for (String scheme : List.of(mlp, "SMO", "Logistic")) {
        double ece = mean(rows, scheme, "Expected_calibration_error");
        assertTrue(ece > 0 && ece < 0.5, scheme + " ECE " + ece);
      }
    }
  }

  /**
   * The measured comparisons quoted in the README: complete (10 runs x 10 folds for every data set and
   * scheme of the setup) and their saved tables are what the t-test computes from the saved rows.
   */
  @ParameterizedTest
  @CsvSource({
    "classification, Percent_correct, Weighted_avg_area_under_ROC",
    "regression, Root_mean_squared_error, Correlation_coefficient",
    "calibration, Expected_calibration_error, Percent_correct"})
  void measuredResultsAreCompleteAndTheirTablesReproduce(String setup, String metric, String otherMetric)
    throws Exception {
    Experiment experiment = read("experiments/" + setup + ".xml");
    Instances rows = DataSource.read("experiments/results/" + setup + ".arff.gz");
    int datasets = experiment.getDatasets().size();
    int schemes = experiment.getPropertyArrayLength();
    int runs = experiment.getRunUpper() - experiment.getRunLower() + 1;
    int folds = ((CrossValidationResultProducer) experiment.getResultProducer()).getNumFolds();
    assertEquals(runs * folds * datasets * schemes, rows.numInstances(), "rows of the measured " + setup + " run");
    String expected = Files.readString(Path.of("experiments/results/" + setup + "-tables.txt"));
    String actual = SignificanceTables.tables(rows, List.of(metric, otherMetric));
    assertEquals(withoutDates(expected), withoutDates(actual));
  }

  private static String withoutDates(String tables) {
    return tables.replaceAll("(?m)^Date: .*$", "Date:").strip();
  }

  /** Runs experiments/run-experiment.sh on what 'mvn package' built, with the package installed afresh. */
  static WekaProcesses.Result runScript(Path dir, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT, "--no-build", "--weka-home",
      dir.resolve("weka-home").toString()));
    command.addAll(List.of(arguments));
    return WekaProcesses.run(dir.resolve("run-experiment"), Map.of(), Duration.ofMinutes(5), command).assertSuccess();
  }

  /** The mean of a result column over the rows of the scheme whose class name ends with schemeSuffix. */
  static double mean(Instances rows, String schemeSuffix, String metric) {
    int scheme = columnIndex(rows, "Key_Scheme");
    int value = columnIndex(rows, metric);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < rows.numInstances(); i++) {
      if (rows.instance(i).stringValue(scheme).endsWith(schemeSuffix)) {
        sum += rows.instance(i).value(value);
        n++;
      }
    }
    assertTrue(n > 0, "no rows of " + schemeSuffix);
    return sum / n;
  }

  /** Column index by case-insensitive name (a database returns upper-case names). */
  static int columnIndex(Instances rows, String name) {
    for (int i = 0; i < rows.numAttributes(); i++) {
      if (rows.attribute(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name + " in the results");
  }
}
