package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.wekamlp.core.Solver;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * {@code -tune}: what it chooses on noise and on a learnable problem, its folds, determinism, threads, the cost cap,
 * its options and their errors, and that it changes nothing when off. Small grids and lbfgs keep it fast.
 */
class TuningTest {

  private static final String SMALL_GRID = "1e-5,1e-3,0.1,10";

  /**
   * Two numeric inputs; the class is inside/outside a circle with a margin of rows left out around it (learnable),
   * or a coin flip (noise).
   */
  static Instances circle(int rows, boolean noise, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    ArrayList<String> classes = new ArrayList<>();
    classes.add("in");
    classes.add("out");
    attributes.add(new Attribute("class", classes));
    Instances data = new Instances(noise ? "noise" : "circle", attributes, rows);
    data.setClassIndex(2);
    Random random = new Random(seed);
    for (int i = 0; i < rows; i++) {
      double x = random.nextDouble() * 2 - 1;
      double y = random.nextDouble() * 2 - 1;
      double r = x * x + y * y;
      if (!noise && Math.abs(r - 0.5) < 0.1) {
        i--; // a margin around the circle: the classes are separable
        continue;
      }
      boolean in = noise ? random.nextBoolean() : r < 0.5;
      data.add(new DenseInstance(1.0, new double[] {x, y, in ? 0 : 1}));
    }
    return data;
  }

  /** Numeric inputs and a numeric target independent of them. */
  static Instances numericNoise(int rows, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      attributes.add(new Attribute("x" + a));
    }
    attributes.add(new Attribute("target"));
    Instances data = new Instances("numeric-noise", attributes, rows);
    data.setClassIndex(4);
    Random random = new Random(seed);
    for (int i = 0; i < rows; i++) {
      double[] values = new double[5];
      for (int a = 0; a < 5; a++) {
        values[a] = random.nextGaussian();
      }
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  /** @return a classifier with -tune on, a small grid of lbfgs (unless extra options say otherwise), 10 units */
  private static MultilayerPerceptronClassifier tuned(String... extra) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    String options = String.join(" ", extra);
    String defaults = (options.contains("-alpha-grid") ? "" : " -alpha-grid " + SMALL_GRID) + (options.contains(
      "-solver-grid") ? "" : " -solver-grid lbfgs") + (options.contains("-max-iter") ? "" : " -max-iter 100")
      + (options.contains("-hidden-layer-sizes") ? "" : " -hidden-layer-sizes 10");
    mlp.setOptions(Utils.splitOptions("-tune" + defaults + " " + options));
    return mlp;
  }

  @Test
  void choosesALargeAlphaOrTheInterceptOnNoise() throws Exception {
    MultilayerPerceptronClassifier mlp = tuned();
    mlp.buildClassifier(circle(100, true, 3));
    TuningReport report = mlp.getModel().tuning();
    assertTrue(report.choseIntercept() || report.chosenAlpha() >= 0.1, mlp.toString());
    // the least regularized network follows the noise and scores worse than the intercept-only model
    assertTrue(report.score(Solver.LBFGS, 0) > report.interceptScore(), mlp.toString());
  }

  @Test
  void choosesASmallAlphaOnALearnableProblem() throws Exception {
    MultilayerPerceptronClassifier mlp = tuned();
    mlp.buildClassifier(circle(200, false, 3));
    TuningReport report = mlp.getModel().tuning();
    assertFalse(report.choseIntercept(), mlp.toString());
    assertTrue(report.chosenAlpha() <= 1e-3, mlp.toString());
    // the largest alpha keeps the probabilities soft: a log-loss many times the best one
    assertTrue(report.score(Solver.LBFGS, 3) > 5 * Math.min(report.score(Solver.LBFGS, 0), report.score(Solver.LBFGS,
      1)), mlp.toString());
    String summary = mlp.toString();
    assertTrue(summary.contains("Tuning:       5-fold stratified cross-validation on 200 rows"), summary);
    assertTrue(summary.contains("Chosen:       solver lbfgs, alpha " + (report.chosenAlpha() == 1e-5 ? "1e-5"
      : "1e-3")), summary);
    // about log 2 for two classes of about equal size
    assertEquals(Math.log(2), report.interceptScore(), 0.05, summary);
    assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "intercept only: %.5f", report
      .interceptScore())), summary);
  }

  @Test
  void theRegressorPredictsTheMeanWhenNoGridPointBeatsIt() throws Exception {
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.setOptions(Utils.splitOptions("-tune -alpha-grid 1e-5,1e-3 -solver-grid lbfgs -hidden-layer-sizes 20"));
    Instances data = numericNoise(60, 5);
    mlp.buildClassifier(data);
    assertTrue(mlp.getModel().tuning().choseIntercept(), mlp.toString());
    double mean = data.meanOrMode(data.classIndex());
    assertEquals(mean, mlp.classifyInstance(data.instance(0)), 1e-12);
    assertNull(mlp.getNetwork());
    assertTrue(mlp.toString().contains(
      "Chosen:       the intercept-only model (no grid point beat it by more than 2 standard errors"),
      mlp.toString());
    assertTrue(mlp.toString().contains("Predicts the weighted mean of the training targets"), mlp.toString());
  }

  @Test
  void foldsAreStratified() {
    Instances data = circle(200, false, 1);
    int total = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      total += (int) data.instance(i).classValue();
    }
    data.randomize(new Random(1));
    Instances[][] split = Tuning.splitFolds(data, 5, true);
    for (Instances test : split[1]) {
      int out = 0;
      for (int i = 0; i < test.numInstances(); i++) {
        out += (int) test.instance(i).classValue();
      }
      assertEquals(40, test.numInstances());
      assertEquals(total / 5.0, out, 1.0, "class 'out' in a fold of 40 rows");
    }
  }

  @Test
  void theSameSeedGivesTheSameChoiceAndModelAndThreadsChangeNothing() throws Exception {
    Instances data = circle(150, false, 7);
    MultilayerPerceptronClassifier one = tuned("-num-threads 1", "-solver-grid adam,lbfgs", "-alpha-grid 1e-3,1");
    MultilayerPerceptronClassifier three = tuned("-num-threads 3", "-solver-grid adam,lbfgs", "-alpha-grid 1e-3,1");
    one.buildClassifier(data);
    three.buildClassifier(data);
    TuningReport a = one.getModel().tuning();
    TuningReport b = three.getModel().tuning();
    for (Solver solver : new Solver[] {Solver.ADAM, Solver.LBFGS}) {
      for (int alpha = 0; alpha < 2; alpha++) {
        assertEquals(a.score(solver, alpha), b.score(solver, alpha), 0.0, solver + " " + alpha);
      }
    }
    assertEquals(a.chosenSolver(), b.chosenSolver());
    assertEquals(a.chosenAlpha(), b.chosenAlpha());
    assertArrayEquals(one.getNetwork().parameterArrays(), three.getNetwork().parameterArrays());
    MultilayerPerceptronClassifier again = tuned("-num-threads 1", "-solver-grid adam,lbfgs", "-alpha-grid 1e-3,1");
    again.buildClassifier(data);
    assertEquals(a.score(Solver.ADAM, 1), again.getModel().tuning().score(Solver.ADAM, 1), 0.0);
  }

  /**
   * Recomputes -tune's cross-validation of the SMALL_GRID lbfgs points outside Tuning: the same folds (seed 1), fits
   * with calibration off, one temperature per grid point on its pooled held-out predictions.
   *
   * @param rawLosses receives per alpha the pooled raw held-out log-loss. Modified.
   * @return per alpha of SMALL_GRID the temperature fitted on the pooled held-out predictions
   */
  private static TemperatureScaling[] pooledTemperatures(Instances data, double[] rawLosses) throws Exception {
    String[] alphas = SMALL_GRID.split(",");
    Instances[][] folds = Tuning.splitFolds(Tuning.shuffledRows(data, AbstractMultilayerPerceptron.rowsWithKnownClass(
      data), 1), 5, true);
    TemperatureScaling[] temperatures = new TemperatureScaling[alphas.length];
    for (int a = 0; a < alphas.length; a++) {
      java.util.List<double[]> predictions = new ArrayList<>();
      java.util.List<Integer> labels = new ArrayList<>();
      for (int f = 0; f < 5; f++) {
        MultilayerPerceptronClassifier fold = new MultilayerPerceptronClassifier();
        fold.setOptions(Utils.splitOptions("-hidden-layer-sizes 10 -max-iter 100 -solver lbfgs -alpha " + alphas[a]));
        fold.buildClassifier(folds[0][f]);
        for (int i = 0; i < folds[1][f].numInstances(); i++) {
          predictions.add(fold.distributionForInstance(folds[1][f].instance(i)));
          labels.add((int) folds[1][f].instance(i).classValue());
        }
      }
      double[] flat = new double[2 * predictions.size()];
      int[] classes = new int[predictions.size()];
      double[] weights = new double[predictions.size()];
      rawLosses[a] = 0.0;
      for (int i = 0; i < classes.length; i++) {
        System.arraycopy(predictions.get(i), 0, flat, 2 * i, 2);
        classes[i] = labels.get(i);
        weights[i] = 1.0;
        rawLosses[a] -= Math.log(predictions.get(i)[classes[i]]) / classes.length;
      }
      temperatures[a] = TemperatureScaling.fit(flat, 2, classes, weights, "test");
    }
    return temperatures;
  }

  /** The circle with every 8th row's class flipped: learnable, but no fit predicts the held-out rows perfectly. */
  private static Instances noisyCircle(int rows, long seed) {
    Instances data = circle(rows, false, seed);
    for (int i = 0; i < data.numInstances(); i += 8) {
      data.instance(i).setClassValue(1 - data.instance(i).classValue());
    }
    return data;
  }

  @Test
  void withCalibrateEachGridPointIsScoredByItsPooledHeldOutLogLossAfterItsOwnTemperature() throws Exception {
    Instances data = circle(120, true, 3); // noise: the least regularized lbfgs fits are badly overconfident
    MultilayerPerceptronClassifier raw = tuned();
    MultilayerPerceptronClassifier calibrated = tuned("-calibrate");
    raw.buildClassifier(data);
    calibrated.buildClassifier(data);
    TuningReport rawReport = raw.getModel().tuning();
    TuningReport report = calibrated.getModel().tuning();
    double[] rawLosses = new double[4];
    TemperatureScaling[] temperatures = pooledTemperatures(data, rawLosses);
    for (int a = 0; a < temperatures.length; a++) {
      double expected = temperatures[a].logLoss()[1];
      assertEquals(expected, report.score(Solver.LBFGS, a), 1e-9 * expected, "alpha " + a);
      assertEquals(rawLosses[a], rawReport.score(Solver.LBFGS, a), 1e-9 * rawLosses[a], "alpha " + a);
      assertTrue(report.score(Solver.LBFGS, a) <= rawReport.score(Solver.LBFGS, a) * (1 + 1e-9), "alpha " + a);
    }
    // the overconfident fit of the smallest alpha gains most: raw well above the prior's log-loss, rescaled near it
    assertTrue(rawReport.score(Solver.LBFGS, 0) > report.score(Solver.LBFGS, 0) + 0.1, rawReport.score(Solver.LBFGS,
      0) + " " + calibrated);
    assertEquals(rawReport.interceptScore(), report.interceptScore(), 0.0);
    assertTrue(calibrated.toString().contains("mean weighted log-loss after each candidate's own temperature "
      + "(-calibrate)"), calibrated.toString());
    assertTrue(raw.toString().contains("mean weighted log-loss (lower is better)"), raw.toString());
  }

  @Test
  void withCalibrateTheFinalModelIsThePlainFitPredictingWithItsGridPointsTemperature() throws Exception {
    Instances data = noisyCircle(160, 3);
    MultilayerPerceptronClassifier tuned = tuned("-calibrate");
    tuned.buildClassifier(data);
    TuningReport report = tuned.getModel().tuning();
    assertFalse(report.choseIntercept(), tuned.toString());
    int chosen = java.util.Arrays.asList(SMALL_GRID.split(",")).indexOf(trimmed(report.chosenAlpha()));
    TemperatureScaling expected = pooledTemperatures(data, new double[4])[chosen];
    assertFalse(expected.atLimit(), "the test wants a temperature inside its limits: " + expected.temperature());
    TemperatureScaling used = ((ClassProbabilities) tuned.getModel().output()).temperatureScaling();
    assertEquals(expected.temperature(), used.temperature(), 1e-9 * expected.temperature(), tuned.toString());
    assertTrue(tuned.toString().contains("fitted on the out-of-fold predictions of -tune's 5-fold cross-validation "
      + "of the chosen grid point (160 rows)"), tuned.toString());
    // the network is the plain fit of the chosen values; its probabilities are that fit's, rescaled by T
    MultilayerPerceptronClassifier plain = new MultilayerPerceptronClassifier();
    plain.setOptions(Utils.splitOptions("-hidden-layer-sizes 10 -max-iter 100 -solver lbfgs -alpha " + report
      .chosenAlpha()));
    plain.buildClassifier(data);
    assertArrayEquals(plain.getNetwork().parameterArrays(), tuned.getNetwork().parameterArrays());
    double[] rescaled = new double[2];
    for (int i = 0; i < data.numInstances(); i += 7) {
      expected.apply(plain.distributionForInstance(data.instance(i)), 0, 2, rescaled);
      assertArrayEquals(rescaled, tuned.distributionForInstance(data.instance(i)), 1e-12, "row " + i);
    }
  }

  /** @return an alpha of SMALL_GRID as the grid writes it */
  private static String trimmed(double alpha) {
    for (String text : SMALL_GRID.split(",")) {
      if (Double.parseDouble(text) == alpha) {
        return text;
      }
    }
    throw new AssertionError("not in the grid: " + alpha);
  }

  @Test
  void withCalibrateATemperatureAtItsLimitOrTooFewRowsFallBackToTheCalibrationOfItsOwn() throws Exception {
    // separable: held-out predictions all right with a margin, the pooled temperature runs to its limit (T = 0.01),
    // which would make every prediction 0 or 1; the final model calibrates itself on 3 folds instead
    Instances separable = circle(120, false, 3);
    MultilayerPerceptronClassifier tuned = tuned("-calibrate");
    tuned.buildClassifier(separable);
    int chosen = java.util.Arrays.asList(SMALL_GRID.split(",")).indexOf(trimmed(tuned.getModel().tuning()
      .chosenAlpha()));
    assertTrue(pooledTemperatures(separable, new double[4])[chosen].atLimit(), tuned.toString());
    assertTrue(tuned.toString().contains("fitted on the out-of-fold predictions of an internal stratified 3-fold "
      + "cross-validation"), tuned.toString());
    // below Calibration.MIN_ROWS the model keeps T = 1, so the grid is scored without a temperature too
    Instances few = circle(15, false, 4);
    MultilayerPerceptronClassifier small = tuned("-calibrate");
    MultilayerPerceptronClassifier smallRaw = tuned();
    small.buildClassifier(few);
    smallRaw.buildClassifier(few);
    for (int a = 0; a < 4; a++) {
      assertEquals(smallRaw.getModel().tuning().score(Solver.LBFGS, a), small.getModel().tuning().score(Solver.LBFGS,
        a), 0.0, "alpha " + a);
    }
  }

  @Test
  void theFinalModelIsAPlainFitWithTheChosenValues() throws Exception {
    Instances data = circle(150, false, 11);
    MultilayerPerceptronClassifier mlp = tuned();
    mlp.buildClassifier(data);
    TuningReport report = mlp.getModel().tuning();
    MultilayerPerceptronClassifier plain = new MultilayerPerceptronClassifier();
    plain.setOptions(Utils.splitOptions("-hidden-layer-sizes 10 -max-iter 100 -solver " + report.chosenSolver()
      .optionName() + " -alpha " + report.chosenAlpha()));
    plain.buildClassifier(data);
    assertArrayEquals(plain.getNetwork().parameterArrays(), mlp.getNetwork().parameterArrays());
    assertEquals(SMALL_GRID, mlp.getAlphaGrid());
    assertEquals(1e-4, mlp.getAlpha(), 0.0, "the -alpha option is left as it was");
  }

  @Test
  void offChangesNothing() throws Exception {
    Instances data = circle(100, false, 2);
    MultilayerPerceptronClassifier defaults = new MultilayerPerceptronClassifier();
    defaults.setMaxIterations(30);
    MultilayerPerceptronClassifier otherGrids = new MultilayerPerceptronClassifier();
    otherGrids.setMaxIterations(30);
    otherGrids.setAlphaGrid("0.5,2");
    otherGrids.setSolverGrid("sgd");
    otherGrids.setTuneFolds(3);
    otherGrids.setTuneMaxRows(10);
    otherGrids.setTuneMaxValues(7);
    defaults.buildClassifier(data);
    otherGrids.buildClassifier(data);
    assertArrayEquals(defaults.getNetwork().parameterArrays(), otherGrids.getNetwork().parameterArrays());
    assertNull(otherGrids.getModel().tuning());
    assertFalse(otherGrids.toString().contains("Tuning"));
  }

  @Test
  void zeroWeightRowsChangeNothing() throws Exception {
    Instances data = circle(100, false, 4);
    Instances padded = new Instances(data);
    Random random = new Random(9);
    for (int i = 0; i < 30; i++) {
      padded.add(new DenseInstance(0.0, new double[] {random.nextGaussian() * 1e6, 5.0, i % 2}));
    }
    MultilayerPerceptronClassifier plain = tuned();
    MultilayerPerceptronClassifier withPadding = tuned();
    plain.buildClassifier(data);
    withPadding.buildClassifier(padded);
    assertEquals(plain.getModel().tuning().score(Solver.LBFGS, 1), withPadding.getModel().tuning().score(Solver.LBFGS,
      1), 0.0);
    assertArrayEquals(plain.getNetwork().parameterArrays(), withPadding.getNetwork().parameterArrays());
  }

  @Test
  void largeDataIsTunedOnAStratifiedSubsampleAndAlphaIsCarriedOverToAllRows() throws Exception {
    MultilayerPerceptronClassifier mlp = tuned("-solver-grid adam", "-tune-max-rows 100", "-alpha-grid 1e-3,1",
      "-max-iter 200");
    Instances data = circle(400, false, 5);
    mlp.buildClassifier(data);
    TuningReport report = mlp.getModel().tuning();
    assertEquals(100, report.rows());
    assertTrue(report.stratified());
    assertFalse(report.choseIntercept(), mlp.toString());
    assertTrue(mlp.toString().contains("stratified random subsample of 100 of the 400 rows (-tune-max-rows 100)"),
      mlp.toString());
    // adam: 80 fold rows in one minibatch of 80 against 400 rows in minibatches of 200: the same total penalty
    // needs alpha x (80 / 80) / (400 / 200)
    assertEquals(report.chosenAlpha() * 0.5, report.finalAlpha(), 1e-15);
    MultilayerPerceptronClassifier plain = new MultilayerPerceptronClassifier();
    plain.setOptions(Utils.splitOptions("-hidden-layer-sizes 10 -max-iter 200 -alpha " + report.finalAlpha()));
    plain.buildClassifier(data);
    assertArrayEquals(plain.getNetwork().parameterArrays(), mlp.getNetwork().parameterArrays());
  }

  @Test
  void theValuesCapKeepsMoreRowsOfNarrowData() throws Exception {
    Instances data = circle(1500, false, 5);
    MultilayerPerceptronClassifier mlp = tuned("-solver-grid adam", "-tune-max-values 1400", "-alpha-grid 1e-3,1",
      "-max-iter 20");
    mlp.buildClassifier(data);
    assertEquals(700, mlp.getModel().tuning().rows(), mlp.toString());
    assertTrue(mlp.toString().contains("stratified random subsample of 700 of the 1500 rows (-tune-max-values 1400: "
      + "700 rows x 2 input columns)"), mlp.toString());
    MultilayerPerceptronClassifier both = tuned("-solver-grid adam", "-tune-max-values 1400", "-tune-max-rows 80",
      "-alpha-grid 1e-3,1", "-max-iter 20");
    both.buildClassifier(data);
    assertEquals(80, both.getModel().tuning().rows(), "the smaller cap applies:\n" + both);
    assertTrue(both.toString().contains("(-tune-max-rows 80)"), both.toString());
    MultilayerPerceptronClassifier floor = tuned("-solver-grid adam", "-tune-max-values 200", "-alpha-grid 1e-3",
      "-max-iter 20");
    floor.buildClassifier(data);
    assertEquals(500, floor.getModel().tuning().rows(), "the values cap leaves at least 500 rows:\n" + floor);
  }

  @Test
  void theSubsampleHasExactlyTheCapInRowsWithTheClassSharesOfTheData() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("class", Arrays.asList("a", "b", "c")));
    Instances data = new Instances("three classes", attributes, 501);
    data.setClassIndex(1);
    for (int i = 0; i < 501; i++) {
      data.add(new DenseInstance(1.0, new double[] {i, i < 300 ? 0 : i < 450 ? 1 : 2}));
    }
    data.randomize(new Random(3));
    Instances sample = Tuning.subsample(data, 100, true);
    assertEquals(100, sample.numInstances());
    int[] counts = new int[3];
    for (int i = 0; i < sample.numInstances(); i++) {
      counts[(int) sample.instance(i).classValue()]++;
    }
    // shares 59.88, 29.94 and 10.18: floors 59, 29, 10 and the two largest remainders get the last two rows
    assertArrayEquals(new int[] {60, 30, 10}, counts);
    int previous = -1;
    for (int i = 0; i < sample.numInstances(); i++) {
      int position = indexOf(data, sample.instance(i).value(0));
      assertTrue(position > previous, "the data's own rows, in the shuffled order");
      previous = position;
    }
    assertEquals(500, Tuning.subsample(data, 500, true).numInstances(), "one row over the cap does not halve it");
    assertEquals(500, Tuning.subsample(data, 500, false).numInstances());
    assertEquals(data.instance(0).value(0), Tuning.subsample(data, 500, false).instance(0).value(0), 0.0);
  }

  private static int indexOf(Instances data, double x) {
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.instance(i).value(0) == x) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void byDefaultOnlyWideDataAreSubsampled() throws Exception {
    MultilayerPerceptronClassifier defaults = new MultilayerPerceptronClassifier();
    Instances narrow = circle(3000, false, 5);
    MultilayerPerceptronClassifier noCap = new MultilayerPerceptronClassifier();
    noCap.setTuneMaxValues(0);
    assertEquals(0, Tuning.maxRows(noCap, narrow), "no cap at all");
    assertEquals(196000, Tuning.maxRows(defaults, narrow));
    assertEquals(500, Tuning.maxRows(defaults, numericColumns(784)), "the default is 500 MNIST rows");
    assertEquals(1000, Tuning.maxRows(defaults, numericColumns(392)), "half as wide, twice the rows");
    assertEquals(500, Tuning.maxRows(defaults, numericColumns(10000)), "the values cap leaves at least 500 rows");
    Instances withNominal = numericColumns(784);
    withNominal.setClassIndex(-1);
    withNominal.replaceAttributeAt(new Attribute("colour", Arrays.asList("red", "green", "blue")), 0);
    withNominal.setClassIndex(784);
    assertEquals(786, Tuning.inputColumns(withNominal), "one column per value of a nominal attribute");
  }

  /** @return an empty data set of numeric attributes and a two-valued class, the last attribute */
  private static Instances numericColumns(int columns) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      attributes.add(new Attribute("x" + i));
    }
    attributes.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances data = new Instances("numeric", attributes, 0);
    data.setClassIndex(columns);
    return data;
  }

  @Test
  void aCapBelowTheFoldsSaysWhyNothingWasCrossValidated() throws Exception {
    MultilayerPerceptronClassifier mlp = tuned("-tune-max-rows 1", "-alpha-grid 1e-3");
    mlp.buildClassifier(circle(40, false, 5));
    assertTrue(mlp.getModel().tuning().choseIntercept(), mlp.toString());
    assertTrue(mlp.toString().contains("too few rows to cross-validate (on a stratified random subsample of 1 of "
      + "the 40 rows (-tune-max-rows 1))"), mlp.toString());
  }

  @Test
  void lbfgsLeavesTheGridAboveTenThousandRows() throws Exception {
    MultilayerPerceptronClassifier mlp = tuned("-solver-grid adam,lbfgs", "-tune-max-rows 50", "-alpha-grid 1e-3",
      "-max-iter 3", "-hidden-layer-sizes 2");
    mlp.buildClassifier(circle(Tuning.LBFGS_MAX_ROWS + 1, false, 5));
    TuningReport report = mlp.getModel().tuning();
    assertTrue(Double.isNaN(report.score(Solver.LBFGS, 0)), mlp.toString());
    assertFalse(Double.isNaN(report.score(Solver.ADAM, 0)), mlp.toString());
    assertTrue(mlp.toString().contains("lbfgs left out above 10000 rows"), mlp.toString());
  }

  @Test
  void optionsRoundTrip() throws Exception {
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    String given = "-tune -alpha-grid 0.001,1 -solver-grid sgd,adam -tune-folds 3 -tune-max-rows 500 "
      + "-tune-max-values 9000";
    mlp.setOptions(Utils.splitOptions(given));
    String written = Utils.joinOptions(mlp.getOptions());
    assertTrue(written.contains(" -tune -alpha-grid 0.001,1 -solver-grid sgd,adam -tune-folds 3 -tune-max-rows 500 "
      + "-tune-max-values 9000"), written);
    MultilayerPerceptronRegressor copy = new MultilayerPerceptronRegressor();
    copy.setOptions(mlp.getOptions());
    assertEquals(written, Utils.joinOptions(copy.getOptions()));
    assertTrue(copy.getTune());
    assertFalse(Utils.joinOptions(new MultilayerPerceptronRegressor().getOptions()).contains("-tune "));
  }

  @Test
  void alphaAndSolverTipTextsSayTheyAreIgnoredWhileTuning() {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    assertTrue(mlp.alphaTipText().contains("Ignored while tuning (tune)"), mlp.alphaTipText());
    assertTrue(mlp.solverTipText().contains("Ignored while tuning (tune)"), mlp.solverTipText());
    assertTrue(mlp.alphaGridTipText().contains("Default 1e-6,1e-5,1e-4,1e-3,0.01,0.1,1,10."), mlp.alphaGridTipText());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-alpha-grid 1e-3,abc | Invalid -alpha-grid \"1e-3,abc\": entry 2 is 'abc'; give comma-separated finite numbers >= 0",
    "-alpha-grid 1e-3,-1 | Invalid -alpha-grid \"1e-3,-1\": entry 2 is '-1'",
    "-alpha-grid 1e-3,,1 | Invalid -alpha-grid \"1e-3,,1\": entry 2 is empty",
    "-alpha-grid 0.1,1e-1 | Invalid -alpha-grid \"0.1,1e-1\": entry 2 ('1e-1') repeats entry 1.",
    "-alpha-grid 0,-0 | Invalid -alpha-grid \"0,-0\": entry 2 ('-0') repeats entry 1.",
    "-alpha-grid Infinity | Invalid -alpha-grid \"Infinity\": entry 1 is 'Infinity'",
    "-alpha-grid \"\" | Invalid -alpha-grid \"\": give at least one value",
    "-solver-grid adam,newton | Invalid -solver-grid \"adam,newton\": entry 2 is 'newton'; allowed solvers are adam, "
      + "sgd, lbfgs.",
    "-solver-grid lbfgs,LBFGS | Invalid -solver-grid \"lbfgs,LBFGS\": entry 2 ('LBFGS') repeats entry 1.",
    "-tune-folds 1 | Invalid -tune-folds 1: must be at least 2.",
    "-tune-max-rows -5 | Invalid -tune-max-rows -5: must be >= 0 (0 = no cap).",
    "-tune-max-values -1 | Invalid -tune-max-values -1: must be >= 0 (0 = no cap)."})
  void badGridValuesAreRefusedNamingTheOptionAndTheValue(String options, String message) {
    Exception e = assertThrows(IllegalArgumentException.class, () -> new MultilayerPerceptronClassifier().setOptions(
      Utils.splitOptions("-tune " + options)));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void aBadGridSetInTheGuiIsRefusedWhenTrainingStarts() {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setTune(true);
    mlp.setSolverGrid("adam;lbfgs");
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(circle(20, false, 1)));
    assertTrue(e.getMessage().startsWith("Invalid -solver-grid \"adam;lbfgs\": entry 1 is 'adam;lbfgs'"), e
      .getMessage());
  }
}
