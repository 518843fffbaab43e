package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.ArffSaver;

/**
 * Integrated gradients of single predictions: on data where only known attributes matter those get the largest mean
 * absolute attributions (classifier and regressor); the attributions add up to the output difference within 1 %;
 * the baseline is the encoded training mean; and the command line explains rows of a saved model, with clear errors
 * for bad input.
 */
class PredictionExplainerTest {

  private static final String[] QUICK = {"-hidden-layer-sizes", "16", "-solver", "lbfgs"};

  /**
   * Completeness as the explainer promises it: the attributions add up to the output difference within 1 % of it, or
   * within {@link PredictionExplainer#ABSOLUTE_TOLERANCE} network output units (a probability, or the target's
   * standard deviation {@code scale}) when the difference is near 0.
   */
  private static void assertComplete(Explanation e, double scale) {
    assertTrue(e.completenessError() <= PredictionExplainer.TOLERANCE || e.absoluteCompletenessError()
      <= PredictionExplainer.ABSOLUTE_TOLERANCE * scale, e.toString());
  }

  private static Set<Integer> topByMeanAbsoluteAttribution(PredictionExplainer explainer, Instances data, int k,
    double scale) {
    double[] total = new double[data.numAttributes() - 1];
    for (int i = 0; i < data.numInstances(); i++) {
      Explanation e = explainer.explain(data.instance(i), PredictionExplainer.DEFAULT_STEPS);
      assertComplete(e, scale);
      double[] a = e.attributions();
      for (int j = 0; j < a.length; j++) {
        total[j] += Math.abs(a[j]);
      }
    }
    Integer[] order = {0, 1, 2, 3, 4, 5};
    Arrays.sort(order, (x, y) -> Double.compare(total[y], total[x]));
    return new HashSet<>(Arrays.asList(order).subList(0, k));
  }

  /** @return the model trained on the data with the quick options */
  private static <T extends AbstractMultilayerPerceptron> T trained(T mlp, Instances data) throws Exception {
    mlp.setOptions(QUICK.clone());
    mlp.buildClassifier(data);
    return mlp;
  }

  private static Set<Integer> relevant() {
    return new HashSet<>(Arrays.asList(0, 2, 4));
  }

  @Test
  void theClassifiersAttributionsFavourTheAttributesThatMatterAndAddUp() throws Exception {
    Instances data = ExplainableData.generate(300, 1, false);
    MultilayerPerceptronClassifier mlp = trained(new MultilayerPerceptronClassifier(), data);
    PredictionExplainer explainer = new PredictionExplainer(mlp.getModel());
    Instances test = ExplainableData.generate(60, 2, false);
    assertEquals(relevant(), topByMeanAbsoluteAttribution(explainer, test, 3, 1.0));
    Explanation e = explainer.explain(test.instance(0), PredictionExplainer.DEFAULT_STEPS);
    double[] p = mlp.distributionForInstance(test.instance(0));
    int predicted = p[1] > p[0] ? 1 : 0;
    assertEquals("P(class = " + data.classAttribute().value(predicted) + ")", e.outputName());
    assertEquals(p[predicted], e.output(), 1e-9);
    assertComplete(e, 1.0);
    Explanation other = explainer.explain(test.instance(0), 1 - predicted, PredictionExplainer.DEFAULT_STEPS);
    assertEquals(p[1 - predicted], other.output(), 1e-9);
    // two classes: the attributions of one probability are those of the other with the opposite sign
    assertArrayEquals(negate(e.attributions()), other.attributions(), 0.01 * Math.abs(e.sum()));
  }

  @Test
  void aCalibratedModelIsExplainedThroughTheProbabilitiesItPredicts() throws Exception {
    Instances data = ExplainableData.generate(300, 1, false);
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "16", "-solver", "lbfgs", "-alpha", "1e-6", "-calibrate"});
    mlp.buildClassifier(data);
    double temperature = ((ClassProbabilities) mlp.getModel().output()).temperatureScaling().temperature();
    assertTrue(Math.abs(temperature - 1.0) > 0.05, "the test needs a temperature away from 1: " + temperature);
    PredictionExplainer explainer = new PredictionExplainer(mlp.getModel());
    Instances test = ExplainableData.generate(20, 2, false);
    for (int i = 0; i < test.numInstances(); i++) {
      double[] p = mlp.distributionForInstance(test.instance(i));
      for (int k = 0; k < 2; k++) {
        Explanation e = explainer.explain(test.instance(i), k, PredictionExplainer.DEFAULT_STEPS);
        assertEquals(p[k], e.output(), 1e-9, "the calibrated probability is the one explained");
        assertComplete(e, 1.0);
      }
    }
    assertEquals(relevant(), topByMeanAbsoluteAttribution(explainer, test, 3, 1.0));
  }

  private static double[] negate(double[] values) {
    double[] negated = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      negated[i] = -values[i];
    }
    return negated;
  }

  @Test
  void theRegressorsAttributionsAreInTheClassUnits() throws Exception {
    Instances data = ExplainableData.generate(300, 3, true);
    MultilayerPerceptronRegressor mlp = trained(new MultilayerPerceptronRegressor(), data);
    PredictionExplainer explainer = new PredictionExplainer(mlp.getModel());
    Instances test = ExplainableData.generate(60, 4, true);
    double scale = Math.sqrt(data.variance(data.classIndex()));
    assertEquals(relevant(), topByMeanAbsoluteAttribution(explainer, test, 3, scale));
    for (int i = 0; i < 10; i++) {
      Explanation e = explainer.explain(test.instance(i), 20);
      assertEquals(mlp.classifyInstance(test.instance(i)), e.output(), 1e-9);
      assertComplete(e, scale);
      assertEquals("y (predicted)", e.outputName());
    }
    // nearly linear in x0 with slope 2: its attribution is about 2 (x0 - mean of x0)
    double mean = data.meanOrMode(0);
    Explanation e = explainer.explain(test.instance(0), 100);
    assertEquals(2 * (test.instance(0).value(0) - mean), e.attributionOf(0), 0.5);
  }

  @Test
  void theBaselineIsTheEncodedTrainingMean() throws Exception {
    Instances data = ExplainableData.generate(200, 5, false);
    InstancesEncoder encoder = InstancesEncoder.fit(data, InputScaling.STANDARDIZE);
    double[] mean = encoder.encodedMean();
    double[] columnMeans = new double[mean.length];
    org.ejml.data.DMatrixRMaj encoded = encoder.encode(data);
    for (int r = 0; r < encoded.numRows; r++) {
      for (int c = 0; c < mean.length; c++) {
        columnMeans[c] += encoded.get(r, c) / encoded.numRows;
      }
    }
    assertArrayEquals(columnMeans, mean, 1e-12);
    assertEquals(0.0, mean[0], 1e-12, "a standardized column's mean is 0");
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 4, 5, 5}, encoder.attributeOfColumn());
  }

  @Test
  void theCommandLineExplainsRowsOfASavedModel(@TempDir Path dir) throws Exception {
    Instances data = ExplainableData.generate(200, 6, false);
    MultilayerPerceptronClassifier mlp = trained(new MultilayerPerceptronClassifier(), data);
    File model = dir.resolve("mlp.model").toFile();
    SerializationHelper.writeAll(model.getPath(), new Object[] {mlp, new Instances(data, 0)});
    File arff = dir.resolve("data.arff").toFile();
    ArffSaver saver = new ArffSaver();
    saver.setInstances(data);
    saver.setFile(arff);
    saver.writeBatch();
    String out = run("-l", model.getPath(), "-t", arff.getPath(), "-rows", "1,5-6", "-steps", "50");
    assertEquals(3, out.split("\nRow ").length - 1, out);
    assertTrue(out.contains("\nRow 5: P(class = "), out);
    assertTrue(out.matches("(?s).*attribution\\s+value\\s+attribute\\n.*x0\\n.*"), out);
    assertTrue(out.matches("(?s).*sum; completeness error \\d+\\.\\d+ % \\([-+.\\de]+; \\d+ steps\\).*"), out);
    String chosen = run("-l", model.getPath(), "-t", arff.getPath(), "-class", "neg");
    assertTrue(chosen.contains("Row 1: P(class = neg) = "), chosen);

    assertError("Invalid -rows '0': ", "-l", model.getPath(), "-t", arff.getPath(), "-rows", "0");
    assertError("Invalid -steps '0': must be a whole number of at least 1.", "-l", model.getPath(), "-t", arff
      .getPath(), "-steps", "0");
    assertError("Invalid -class 'maybe': the class 'class' has no such value.", "-l", model.getPath(), "-t", arff
      .getPath(), "-class", "maybe");
    assertError("Both -l <model file> and -t <data file> are needed.", "-t", arff.getPath());
    assertError("Cannot read a model from '" + arff.getPath() + "'", "-l", arff.getPath(), "-t", arff.getPath());
    assertError("'datasets/iris.arff' has 5 attributes, the model's training data had 7.", "-l", model.getPath(),
      "-t", "datasets/iris.arff");
  }

  @Test
  void badInputIsNamed() throws Exception {
    Instances data = ExplainableData.generate(100, 7, false);
    MultilayerPerceptronClassifier mlp = trained(new MultilayerPerceptronClassifier(), data);
    PredictionExplainer explainer = new PredictionExplainer(mlp.getModel());
    assertEquals("Invalid number of steps 0: must be at least 1.", assertThrows(IllegalArgumentException.class,
      () -> explainer.explain(data.instance(0), 0)).getMessage());
    assertEquals("Class value index 2 out of range: the class 'class' has 2 values.", assertThrows(
      IllegalArgumentException.class, () -> explainer.explain(data.instance(0), 2, 10)).getMessage());
    Instances iris = TestDatasets.load("iris.arff");
    assertEquals("The instance has 5 attributes, the training data had 7.", assertThrows(
      IllegalArgumentException.class, () -> explainer.explain(iris.instance(0), 10)).getMessage());
  }

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ExplainPredictions.explain(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void assertError(String start, String... args) {
    Exception e = assertThrows(Exception.class, () -> run(args));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
