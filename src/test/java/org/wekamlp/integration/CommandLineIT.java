package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wekamlp.integration.WekaProcesses.CLASSIFIER;
import static org.wekamlp.integration.WekaProcesses.REGRESSOR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.evaluation.ThresholdCurve;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Weka's usual command-line flows, run as a user runs them: through {@code weka.Run} with the package
 * installed in WEKA_HOME. The save/load flow (-d/-l) is in {@link PackageInstallIT}.
 */
class CommandLineIT {

  private static Path output;
  private static Map<String, String> env;

  @BeforeAll
  static void install() throws Exception {
    output = WekaProcesses.outputDir("command-line");
    env = Map.of("WEKA_HOME", WekaProcesses.installPackage(output.resolve("weka-home")).toString());
  }

  private static WekaProcesses.Result weka(String log, String... arguments) throws Exception {
    return WekaProcesses.run(output.resolve(log), env, Duration.ofMinutes(3), WekaProcesses.wekaRun(arguments));
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void shortNameFindsTheClassifierAndCrossValidates() throws Exception {
    // weka.Run matches "MultilayerPerceptronClassifier" against the class names of Weka and its packages
    WekaProcesses.Result r = weka("short-name", "MultilayerPerceptronClassifier", "-t", "datasets/iris.arff",
      "-hidden-layer-sizes", "10", "-solver", "lbfgs").assertSuccess();
    assertTrue(r.stdout.contains("Architecture: 4 inputs -> 10 (relu) -> 3 (softmax over 3 classes)"), r.output());
    assertTrue(r.stdout.contains("=== Stratified cross-validation ==="), r.output());
    double accuracy = number(r.stdout, "Correctly Classified Instances\\s+\\d+\\s+([\\d.]+) %");
    assertTrue(accuracy >= 90, "10-fold CV accuracy on iris: " + accuracy);

    WekaProcesses.Result regressor = weka("short-name-regressor", "MultilayerPerceptronRegressor", "-t",
      "datasets/cpu.arff", "-solver", "lbfgs").assertSuccess();
    assertTrue(regressor.stdout.contains("MultilayerPerceptronRegressor"), regressor.output());
    double correlation = number(regressor.stdout, "Correlation coefficient\\s+([\\d.]+)");
    assertTrue(correlation >= 0.9, "10-fold CV correlation on cpu: " + correlation);
  }

  /** -tune through weka.Run: the tuning table in the model, one debug line per fold and grid point, both classes. */
  @Test
  void tuneChoosesAlphaAndSolverAndSaysSo() throws Exception {
    WekaProcesses.Result r = weka("tune", "-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-no-cv", "-tune",
      "-alpha-grid", "0.01,1", "-tune-folds", "3", "-output-debug-info").assertSuccess();
    assertTrue(r.stdout.contains("Tuning:       3-fold stratified cross-validation on 150 rows;"), r.output());
    assertTrue(Pattern.compile("Chosen:       solver (adam|lbfgs), alpha (0.01|1)\n").matcher(r.stdout).find(), r
      .output());
    assertEquals(2 * 2 * 3, r.stderr.lines().filter(l -> l.matches("MultilayerPerceptronClassifier tune: fold \\d/3, "
      + "solver (adam|lbfgs), alpha (0.01|1): log-loss [\\d.]+ \\([\\d.]+ s\\)")).count(), r.output());

    WekaProcesses.Result regressor = weka("tune-regressor", "-no-scan", REGRESSOR, "-t", "datasets/cpu.arff", "-x",
      "3", "-tune", "-alpha-grid", "0.1,10", "-solver-grid", "lbfgs").assertSuccess();
    assertTrue(regressor.stdout.contains("mean weighted squared error (lower is better)"), regressor.output());
    assertTrue(number(regressor.stdout, "Correlation coefficient\\s+([\\d.]+)") >= 0.9, regressor.output());
  }

  @Test
  void trainAndTestFiles() throws Exception {
    WekaProcesses.Result r = weka("train-test", "-no-scan", CLASSIFIER, "-t", "datasets/diabetes.arff", "-T",
      "datasets/diabetes.arff", "-hidden-layer-sizes", "8").assertSuccess();
    assertTrue(r.stdout.contains("=== Error on training data ==="), r.output());
    assertTrue(r.stdout.contains("=== Error on test data ==="), r.output());
    assertTrue(r.stdout.contains("Total Number of Instances              768"), r.output());
  }

  @Test
  void crossValidationFolds() throws Exception {
    WekaProcesses.Result r = weka("cv", "-no-scan", REGRESSOR, "-t", "datasets/cpu.arff", "-x", "3", "-solver",
      "lbfgs", "-o").assertSuccess();
    assertTrue(r.stdout.contains("=== Cross-validation ==="), r.output());
    assertTrue(r.stdout.contains("Total Number of Instances              209"), r.output());
    // -o: no model in the output
    assertTrue(!r.stdout.contains("Architecture:"), r.output());
  }

  @Test
  void classificationsListOnePredictionPerInstance() throws Exception {
    WekaProcesses.Result r = weka("classifications", "-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-x",
      "5", "-solver", "lbfgs", "-classifications",
      "weka.classifiers.evaluation.output.prediction.PlainText -distribution").assertSuccess();
    assertTrue(r.stdout.contains("=== Predictions under cross-validation ==="), r.output());
    List<String> rows = r.stdout.lines().filter(l -> l.matches("\\s*\\d+\\s+\\d:Iris-\\S+\\s+\\d:Iris-.*"))
      .collect(Collectors.toList());
    assertEquals(150, rows.size(), r.output());
    for (String row : rows) {
      // -distribution: three probabilities, the predicted one starred, summing to 1
      Matcher m = Pattern.compile("\\*?([\\d.]+),\\*?([\\d.]+),\\*?([\\d.]+)\\s*$").matcher(row);
      assertTrue(m.find(), row);
      double sum = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3));
      assertEquals(1.0, sum, 0.002, row);
    }
  }

  @Test
  void thresholdFileHoldsTheRocCurveOfTheEvaluation() throws Exception {
    Path roc = output.resolve("roc-virginica.arff");
    WekaProcesses.Result r = weka("threshold-file", "-no-scan", CLASSIFIER, "-t", "datasets/diabetes.arff",
      "-x", "5", "-hidden-layer-sizes", "8", "-threshold-file", roc.toString(), "-threshold-label",
      "tested_positive").assertSuccess();
    Instances curve = DataSource.read(roc.toString());
    assertTrue(curve.numInstances() > 20, "ROC points: " + curve.numInstances());
    for (String name : List.of("False Positive Rate", "True Positive Rate", "Threshold")) {
      assertTrue(curve.attribute(name) != null, "column " + name);
    }
    // The area under the saved curve is the ROC area Weka prints for that class under cross-validation
    String crossValidation = r.stdout.substring(r.stdout.indexOf("=== Stratified cross-validation ==="));
    Matcher m = Pattern.compile("\\s([\\d.]+)\\s+[\\d.]+\\s+tested_positive").matcher(crossValidation);
    assertTrue(m.find(), r.output());
    assertEquals(Double.parseDouble(m.group(1)), ThresholdCurve.getROCArea(curve), 0.001, r.output());
  }

  @Test
  void debugInfoPrintsOneLinePerEpoch() throws Exception {
    WekaProcesses.Result r = weka("debug", "-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-no-cv",
      "-max-iter", "5", "-output-debug-info").assertSuccess();
    List<String> epochs = r.stderr.lines().filter(l -> l.startsWith("MultilayerPerceptronClassifier epoch"))
      .collect(Collectors.toList());
    assertEquals(5, epochs.size(), r.output());
    assertTrue(epochs.get(4).matches("MultilayerPerceptronClassifier epoch\\s+5\\s+loss [\\d.]+\\s+[\\d.]+ s"),
      epochs.get(4));
  }

  @Test
  void invalidOptionIsNamedInTheError() throws Exception {
    // weka.Run hands classifiers to AbstractClassifier.runClassifier, which prints Weka's message and help
    WekaProcesses.Result r = weka("invalid", "-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-alpha", "-1");
    assertTrue(r.stderr.contains("Weka exception: Invalid -alpha -1.0: must be a finite number >= 0."), r.output());
    assertTrue(!r.stdout.contains("Correctly Classified Instances"), r.output());
  }

  /** A small ARFF file in this test's output folder. */
  private static String arff(String name, String... lines) throws Exception {
    Path file = output.resolve(name + ".arff");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file.toString();
  }

  /** stderr without the warnings Weka's matrix library logs through java.util.logging at start-up. */
  private static List<String> errorLines(WekaProcesses.Result r) {
    List<String> lines = new ArrayList<>();
    for (String line : r.stderr.split("\n")) {
      if (!line.isBlank() && !line.contains("com.github.fommil") && !line.startsWith("WARNING: Failed to load")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static void assertOneLineError(WekaProcesses.Result r, String message) {
    assertEquals(List.of("Error: " + message), errorLines(r), r.output());
    assertTrue(!Pattern.compile("(?m)^\\s+at [\\w$.]+\\(").matcher(r.stderr).find(), r.output());
    assertTrue(!r.stderr.contains("Exception in"), r.output());
    assertTrue(r.stdout.isBlank(), r.output());
  }

  @Test
  void explanationsThroughWekaRun() throws Exception {
    // permutation importance under Weka's attribute selection, found by its short name
    WekaProcesses.Result ranked = weka("permutation-importance", "PermutationImportanceAttributeEval", "-i",
      "datasets/iris.arff", "-s", "weka.attributeSelection.Ranker", "-W", "weka.classifiers.trees.J48")
      .assertSuccess();
    assertTrue(ranked.stdout.contains("Classifier: weka.classifiers.trees.J48 -C 0.25 -M 2"), ranked.output());
    assertTrue(Pattern.compile("Ranked attributes:\\s+0\\.\\d+\\s+4 petalwidth").matcher(ranked.stdout).find(),
      ranked.output());
    assertOneLineError(weka("permutation-importance-bad", "-no-scan",
      "weka.attributeSelection.PermutationImportanceAttributeEval", "-i", "datasets/iris.arff", "-E", "rmse"),
      "Invalid -E rmse for the nominal class 'class': use accuracy or log-loss.");

    // integrated gradients of rows of a saved model
    String model = output.resolve("iris-explained.model").toString();
    weka("explain-train", "-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-no-cv", "-d", model,
      "-hidden-layer-sizes", "10", "-solver", "lbfgs").assertSuccess();
    WekaProcesses.Result explained = weka("explain", "-no-scan", "weka.classifiers.functions.mlp.ExplainPredictions",
      "-l", model, "-t", "datasets/iris.arff", "-rows", "1,51").assertSuccess();
    assertTrue(explained.stdout.contains("Row 1: P(class = Iris-setosa) = "), explained.output());
    assertTrue(explained.stdout.contains("Row 51: P(class = Iris-versicolor) = "), explained.output());
    assertEquals(2, Pattern.compile("sum; completeness error 0\\.\\d+ %").matcher(explained.stdout).results()
      .count(), explained.output());
  }

  @Test
  void badDataThroughWekaRunEndsWithOneLineNamingTheProblem() throws Exception {
    // {log name, class, ARFF lines, message}
    String[][] cases = {
      {"bad-string", CLASSIFIER, "@relation s|@attribute note string|@attribute x numeric|@attribute class {a,b}|"
        + "@data|'hi',1,a|'ho',2,b|'ha',3,a", CLASSIFIER + ": Cannot handle string attributes! Remove such attributes "
          + "or convert them (for example with the StringToWordVector filter for string attributes)."},
      {"bad-numeric-class", CLASSIFIER, "@relation n|@attribute x numeric|@attribute y numeric|@data|1,2|2,3|3,5",
        CLASSIFIER + ": Cannot handle numeric class! MultilayerPerceptronClassifier predicts a nominal class; use "
          + "MultilayerPerceptronRegressor for a numeric class."},
      {"bad-nominal-class", REGRESSOR, "@relation m|@attribute x numeric|@attribute class {a,b}|@data|1,a|2,b|3,a",
        REGRESSOR + ": Cannot handle binary class! MultilayerPerceptronRegressor predicts a numeric class; use "
          + "MultilayerPerceptronClassifier for a nominal class."},
      {"bad-missing-class", CLASSIFIER, "@relation u|@attribute x numeric|@attribute class {a,b}|@data|1,?|2,?|3,?",
        "No training instances with a known class value: all 3 instance(s) have a missing value for class "
          + "attribute 'class'."}};
    for (String[] c : cases) {
      String data = arff(c[0], c[2].split("\\|"));
      assertOneLineError(weka(c[0], "-no-scan", c[1], "-t", data), c[3]);
    }
  }
}
