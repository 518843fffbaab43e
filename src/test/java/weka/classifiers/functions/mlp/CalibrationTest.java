package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.evaluation.ExpectedCalibrationError;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.Utils;
import weka.core.converters.ArffLoader;

/**
 * {@code -calibrate}: on held-out test rows of real data the ECE drops and every predicted class stays the same; the
 * network is the one trained without the option; off, the model is the same as before the option existed.
 */
class CalibrationTest {

  /** Train and test thirds of a data set, stratified, from a fixed seed; at most {@code limit} rows used. */
  private static Instances[] split(String file, int limit) throws Exception {
    // the first rows only: reading all 10,000 MNIST rows would take most of the test's time
    ArffLoader loader = new ArffLoader();
    loader.setFile(new File(file));
    Instances data = new Instances(loader.getStructure(), limit);
    for (Instance row = loader.getNextInstance(data); row != null && data.numInstances() < limit; row = loader
      .getNextInstance(data)) {
      data.add(row);
    }
    data.setClassIndex(data.numAttributes() - 1);
    data.randomize(new Random(42));
    data.stratify(3);
    return new Instances[] {data.trainCV(3, 0), data.testCV(3, 0)};
  }

  private static MultilayerPerceptronClassifier trained(String options, Instances train) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(Utils.splitOptions(options));
    mlp.buildClassifier(train);
    return mlp;
  }

  /** @return {accuracy, ECE} on the rows, and the predicted classes in {@code predicted} */
  private static double[] evaluate(MultilayerPerceptronClassifier mlp, Instances test, int[] predicted)
    throws Exception {
    double[][] distributions = mlp.distributionsForInstances(test);
    ExpectedCalibrationError ece = new ExpectedCalibrationError();
    double correct = 0;
    for (int i = 0; i < test.numInstances(); i++) {
      Instance instance = test.instance(i);
      predicted[i] = Utils.maxIndex(distributions[i]);
      correct += predicted[i] == (int) instance.classValue() ? 1 : 0;
      ece.updateStatsForClassifier(distributions[i], instance);
    }
    return new double[] {correct / test.numInstances(), ece.getStatistic(ExpectedCalibrationError.STATISTIC)};
  }

  @ParameterizedTest
  @CsvSource({"datasets/mnist_test.arff.gz, 1500, -input-scaling normalize -hidden-layer-sizes 32 -max-iter 60",
    "datasets/diabetes.arff, 1000, -max-iter 200", "experiments/data/credit-g.arff, 1000, -max-iter 100",
    "datasets/digits.arff, 1000, -max-iter 100"})
  void lowersTheEceOfTestRowsAndKeepsEveryPredictedClass(String file, int limit, String options) throws Exception {
    Instances[] parts = split(file, limit);
    long start = System.nanoTime();
    MultilayerPerceptronClassifier plain = trained(options, parts[0]);
    MultilayerPerceptronClassifier calibrated = trained(options + " -calibrate", parts[0]);
    int n = parts[1].numInstances();
    int[] plainClasses = new int[n];
    int[] calibratedClasses = new int[n];
    double[] before = evaluate(plain, parts[1], plainClasses);
    double[] after = evaluate(calibrated, parts[1], calibratedClasses);
    TemperatureScaling scaling = ((ClassProbabilities) calibrated.getModel().output()).temperatureScaling();
    System.out.printf(Locale.ROOT, "%s: T %.3f, test accuracy %.4f / %.4f, test ECE %.4f -> %.4f (%.1f s)%n", file,
      scaling.temperature(), before[0], after[0], before[1], after[1], (System.nanoTime() - start) / 1e9);
    assertArrayEquals(plainClasses, calibratedClasses, "every predicted class unchanged");
    assertEquals(before[0], after[0], 0.0);
    assertTrue(after[1] < before[1], "test ECE " + before[1] + " -> " + after[1]);
    // the same network, bit for bit
    double[][] a = plain.getModel().network().parameterArrays();
    double[][] b = calibrated.getModel().network().parameterArrays();
    for (int l = 0; l < a.length; l++) {
      assertArrayEquals(a[l], b[l]);
    }
  }

  private static Instances iris() throws Exception {
    return TestDatasets.load("iris.arff");
  }

  /** Off (the default), the model is what it was before the option existed: plain softmax outputs, no extra fit. */
  @Test
  void offChangesNothing() throws Exception {
    MultilayerPerceptronClassifier mlp = trained("-solver lbfgs", iris());
    ClassProbabilities output = (ClassProbabilities) mlp.getModel().output();
    assertNull(output.temperatureScaling());
    assertFalse(mlp.toString().contains("Calibration"), mlp.toString());
    assertFalse(Arrays.asList(mlp.getOptions()).contains("-calibrate"));
    assertTrue(mlp.calibrateTipText().contains("Default false; -calibrate turns it on"), mlp.calibrateTipText());
  }

  @Test
  void theOptionSurvivesARoundTripAndTheSummaryReportsTheFit() throws Exception {
    MultilayerPerceptronClassifier mlp = trained("-solver lbfgs -calibrate -S 3", iris());
    assertTrue(mlp.getCalibrate());
    MultilayerPerceptronClassifier copy = new MultilayerPerceptronClassifier();
    copy.setOptions(mlp.getOptions());
    assertTrue(copy.getCalibrate());
    assertArrayEquals(mlp.getOptions(), copy.getOptions());
    copy.setOptions(new String[0]);
    assertFalse(copy.getCalibrate());
    TemperatureScaling scaling = ((ClassProbabilities) mlp.getModel().output()).temperatureScaling();
    assertTrue(scaling.isFitted());
    String summary = mlp.toString();
    assertTrue(summary.contains(String.format(Locale.ROOT, "Calibration:  temperature %.4f, fitted on the "
      + "out-of-fold predictions of an internal stratified 3-fold cross-validation (150 rows", scaling.temperature())),
      summary);
    assertTrue(summary.contains(String.format(Locale.ROOT, "held out: ECE (15 bins) %.4f -> %.4f, log-loss %.4f -> "
      + "%.4f", scaling.expectedCalibrationError()[0], scaling.expectedCalibrationError()[1], scaling.logLoss()[0],
      scaling.logLoss()[1])), summary);
    assertTrue(scaling.logLoss()[1] <= scaling.logLoss()[0], "fitted to lower the held-out log-loss");
    // the same seed gives the same temperature; serialization keeps it
    assertEquals(scaling.temperature(),
      ((ClassProbabilities) trained("-solver lbfgs -calibrate -S 3", iris()).getModel().output())
        .temperatureScaling().temperature(), 0.0);
    MultilayerPerceptronClassifier restored = (MultilayerPerceptronClassifier) new SerializedObject(mlp).getObject();
    Instances data = iris();
    for (Instance instance : data) {
      assertArrayEquals(mlp.distributionForInstance(instance), restored.distributionForInstance(instance), 0.0);
    }
  }

  /** Too few rows to hold out: documented fallback, T = 1, said in the summary; predictions as without. */
  @Test
  void tooFewRowsLeaveTheModelUncalibratedAndSaySo() throws Exception {
    Instances few = new Instances(iris(), 0, 0);
    Instances data = iris();
    for (int i = 0; i < 150; i += 10) {
      few.add(data.instance(i));
    }
    MultilayerPerceptronClassifier mlp = trained("-solver lbfgs -calibrate", few);
    MultilayerPerceptronClassifier plain = trained("-solver lbfgs", few);
    assertTrue(mlp.toString().contains("Calibration:  none, temperature 1 (only 15 training rows; -calibrate needs "
      + "at least 20 to hold out predictions)"), mlp.toString());
    for (Instance instance : data) {
      assertArrayEquals(plain.distributionForInstance(instance), mlp.distributionForInstance(instance), 1e-15);
    }
  }

  /** Rows of weight 0 are not training rows: the folds and the temperature are the same without them. */
  @Test
  void rowsOfWeightZeroDoNotMoveTheTemperature() throws Exception {
    Instances data = iris();
    Instances padded = new Instances(data);
    for (int i = 0; i < 30; i++) {
      Instance wild = (Instance) data.instance(i * 5).copy();
      wild.setValue(0, 1e6 * (i + 1));
      wild.setClassValue((i % 3));
      wild.setWeight(0.0);
      padded.add(wild);
    }
    double t = ((ClassProbabilities) trained("-solver lbfgs -calibrate", data).getModel().output())
      .temperatureScaling().temperature();
    double padT = ((ClassProbabilities) trained("-solver lbfgs -calibrate", padded).getModel().output())
      .temperatureScaling().temperature();
    assertEquals(t, padT, 0.0);
  }

  /** A calibrated copy made by Weka's makeCopy (cross-validation, the Experimenter) trains and calibrates anew. */
  @Test
  void makeCopyKeepsTheOption() throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(Utils.splitOptions("-solver lbfgs -calibrate"));
    MultilayerPerceptronClassifier copy = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(mlp);
    copy.buildClassifier(iris());
    assertNotNull(((ClassProbabilities) copy.getModel().output()).temperatureScaling());
    assertSame(null, mlp.getModel());
  }
}
