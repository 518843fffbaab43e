package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/** A trained model as a Weka user meets it: predictions, copies, summaries and the iterative life cycle. */
class ModelTest {

  private static double[][] predictAll(Classifier c, Instances data) throws Exception {
    double[][] out = new double[data.numInstances()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.distributionForInstance(data.instance(i));
    }
    return out;
  }

  private static void assertSamePredictions(double[][] a, double[][] b, double tolerance) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], tolerance, "row " + i);
    }
  }

  @Test
  void sameSeedGivesIdenticalPredictionsAndAnotherSeedDifferent() throws Exception {
    Instances data = TestDatasets.load("diabetes.arff");
    MultilayerPerceptronClassifier a = new MultilayerPerceptronClassifier();
    a.setMaxIterations(5);
    MultilayerPerceptronClassifier b = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(a);
    a.buildClassifier(data);
    b.buildClassifier(data);
    assertSamePredictions(predictAll(a, data), predictAll(b, data), 0.0);
    MultilayerPerceptronClassifier c = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(a);
    c.setSeed(2);
    c.buildClassifier(data);
    assertNotEquals(predictAll(a, data)[0][0], predictAll(c, data)[0][0]);
  }

  @Test
  void serializationRoundTripGivesIdenticalPredictions() throws Exception {
    Instances cpu = TestDatasets.load("cpu.arff");
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.setMaxIterations(20);
    mlp.buildClassifier(cpu);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, mlp);
    Classifier loaded = (Classifier) SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    assertSamePredictions(predictAll(mlp, cpu), predictAll(loaded, cpu), 0.0);
    assertEquals(mlp.toString(), loaded.toString());
  }

  @Test
  void batchPredictionEqualsOneByOnePrediction() throws Exception {
    Instances digits = TestDatasets.load("digits.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(3);
    mlp.buildClassifier(digits);
    assertTrue(mlp.implementsMoreEfficientBatchPrediction());
    double[][] batch = mlp.distributionsForInstances(digits);
    double[][] single = predictAll(mlp, digits);
    assertSamePredictions(single, batch, 1e-12);
    // the batch path splits the rows over -num-threads workers in blocks: 1797 rows are 4 blocks
    for (int threads : new int[] {1, 3}) {
      mlp.setNumThreads(threads);
      assertSamePredictions(single, mlp.distributionsForInstances(digits), 1e-12);
    }
    for (double[] p : batch) {
      double sum = 0;
      for (double v : p) {
        assertTrue(v >= 0 && v <= 1);
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
    }
  }

  @Test
  void trainingLeavesTheUsersDataUnchanged() throws Exception {
    Instances data = TestDatasets.load("diabetes.arff");
    data.instance(3).setMissing(1);
    data.instance(5).setClassMissing();
    data.instance(7).setWeight(2.5);
    String before = data.toString();
    double[] weights = new double[data.numInstances()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = data.instance(i).weight();
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(3);
    mlp.buildClassifier(data);
    mlp.distributionsForInstances(data);
    assertEquals(before, data.toString());
    for (int i = 0; i < weights.length; i++) {
      assertEquals(weights[i], data.instance(i).weight(), 0.0);
    }
  }

  @Test
  void scalingAllInstanceWeightsChangesNothingButUnequalWeightsMatter() throws Exception {
    Instances data = TestDatasets.load("iris.arff");
    Instances triple = new Instances(data);
    Instances unequal = new Instances(data);
    for (int i = 0; i < data.numInstances(); i++) {
      triple.instance(i).setWeight(3.0);
      unequal.instance(i).setWeight(i % 3 == 0 ? 5.0 : 0.2);
    }
    double[][] p = new double[3][];
    Instances[] sets = {data, triple, unequal};
    for (int s = 0; s < 3; s++) {
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      mlp.setOptions(new String[] {"-solver", "lbfgs", "-max-iter", "30", "-num-threads", "1"});
      mlp.buildClassifier(sets[s]);
      p[s] = flatten(predictAll(mlp, data));
    }
    assertArrayEquals(p[0], p[1], 1e-9);
    double difference = 0;
    for (int i = 0; i < p[0].length; i++) {
      difference += Math.abs(p[0][i] - p[2][i]);
    }
    assertTrue(difference > 1e-3, "unequal weights should change the model: " + difference);
  }

  private static double[] flatten(double[][] rows) {
    return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  @Test
  void zeroWeightInstancesAreIgnored() throws Exception {
    Instances data = TestDatasets.load("iris.arff");
    Instances withZeros = new Instances(data);
    Instances without = new Instances(data, 0);
    for (int i = 0; i < data.numInstances(); i++) {
      if (i % 4 == 0) {
        withZeros.instance(i).setWeight(0.0);
      } else {
        without.add((Instance) data.instance(i).copy());
      }
    }
    String[] options = {"-solver", "lbfgs", "-max-iter", "40", "-alpha", "0", "-input-scaling", "none",
      "-num-threads", "1"};
    MultilayerPerceptronClassifier a = new MultilayerPerceptronClassifier();
    a.setOptions(options.clone());
    a.buildClassifier(withZeros);
    MultilayerPerceptronClassifier b = new MultilayerPerceptronClassifier();
    b.setOptions(options.clone());
    b.buildClassifier(without);
    assertSamePredictions(predictAll(a, data), predictAll(b, data), 1e-8);
  }

  @Test
  void summaryDescribesArchitectureSolverStopAndLossCurve() throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    assertEquals("MultilayerPerceptronClassifier: No model built yet.", mlp.toString());
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "6,4", "-activation", "tanh", "-early-stopping",
      "-max-iter", "30"});
    mlp.buildClassifier(TestDatasets.load("iris.arff"));
    String summary = mlp.toString();
    assertTrue(summary.contains("Architecture: 4 inputs -> 6 (tanh) -> 4 (tanh) -> 3 (softmax over 3 classes)"),
      summary);
    // (4 + 1) * 6 + (6 + 1) * 4 + (4 + 1) * 3
    assertTrue(summary.contains("Parameters:   73 (weights and biases)"), summary);
    assertTrue(summary.contains("Solver:       adam (learning rate 0.001"), summary);
    assertTrue(summary.contains("Mini-batch:   135 rows, 135 training rows, 15 validation rows"), summary);
    assertTrue(summary.contains("Stopped:      "), summary);
    assertTrue(summary.contains("Best validation accuracy: "), summary);
    assertTrue(summary.contains("Training time: "), summary);
    int epochs = mlp.getTrainingHistory().epochs();
    assertTrue(summary.contains("Epochs:       " + epochs + " (limit 30)"), summary);
    assertTrue(summary.matches("(?s).*Loss curve:   1: [0-9.]+, .*" + epochs + ": [0-9.]+\n.*"), summary);
  }

  @Test
  void debugOutputPrintsOneLinePerEpoch() throws Exception {
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.setOptions(new String[] {"-max-iter", "7", "-early-stopping", "-output-debug-info"});
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, "UTF-8"));
    try {
      mlp.buildClassifier(TestDatasets.load("cpu.arff"));
    } finally {
      System.setErr(original);
    }
    // keep our lines only: Weka's own libraries log warnings to the same stream
    String[] lines = java.util.Arrays.stream(captured.toString(StandardCharsets.UTF_8.name()).split("\n"))
      .filter(line -> line.startsWith("MultilayerPerceptronRegressor epoch")).toArray(String[]::new);
    assertTrue(captured.toString(StandardCharsets.UTF_8.name()).contains(
      "MultilayerPerceptronRegressor: matrix products by "), "the backend is named");
    assertEquals(7, lines.length, String.join("\n", lines));
    for (int i = 0; i < lines.length; i++) {
      assertTrue(lines[i].matches("MultilayerPerceptronRegressor epoch +" + (i + 1)
        + "  loss [0-9.]+  validation R\\^2 -?[0-9.]+  [0-9.]+ s"), lines[i]);
    }
  }

  @Test
  void iterativeLifeCycleRunsOneEpochPerNextAndCanResume() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(3);
    mlp.setResume(true);
    mlp.initializeClassifier(iris);
    assertTrue(mlp.next());
    assertEquals(1, mlp.getTrainingHistory().epochs());
    assertTrue(mlp.next());
    assertFalse(mlp.next());
    assertFalse(mlp.next(), "no epochs beyond the limit");
    mlp.done();
    assertEquals(3, mlp.getTrainingHistory().epochs());
    double[] afterThree = mlp.distributionForInstance(iris.instance(0));
    // resume: a larger limit continues from epoch 3
    mlp.setMaxIterations(5);
    mlp.buildClassifier(iris);
    assertEquals(5, mlp.getTrainingHistory().epochs());
    // the same five epochs in one go give the same model
    MultilayerPerceptronClassifier fresh = new MultilayerPerceptronClassifier();
    fresh.setMaxIterations(5);
    fresh.buildClassifier(iris);
    assertArrayEquals(fresh.distributionForInstance(iris.instance(0)), mlp.distributionForInstance(iris.instance(0)),
      0.0);
    assertNotEquals(afterThree[0], fresh.distributionForInstance(iris.instance(0))[0]);
    mlp.setResume(false);
    mlp.done();
  }

  @Test
  void buildingAgainStartsFromScratchWithoutResume() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(4);
    mlp.buildClassifier(iris);
    double[] first = mlp.distributionForInstance(iris.instance(0));
    mlp.buildClassifier(iris);
    assertArrayEquals(first, mlp.distributionForInstance(iris.instance(0)), 0.0);
    assertEquals(4, mlp.getTrainingHistory().epochs());
  }

  @Test
  void predictingDataWithAnotherHeaderFailsNamingTheDifference() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(2);
    mlp.buildClassifier(iris);
    Remove remove = new Remove();
    remove.setAttributeIndices("2");
    remove.setInputFormat(iris);
    Instances fewer = Filter.useFilter(iris, remove);
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.distributionsForInstances(fewer));
    assertTrue(e.getMessage().startsWith("The data to predict differ from the training data: "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mlp.distributionForInstance(fewer.instance(0)));
    assertTrue(e.getMessage().contains("differ from the training data"), e.getMessage());
  }

  @Test
  void regressorPredictsInTheOriginalUnitsWithAndWithoutTargetScaling() throws Exception {
    Instances cpu = TestDatasets.load("cpu.arff");
    for (boolean scaling : new boolean[] {true, false}) {
      MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
      mlp.setTargetScaling(scaling);
      mlp.setOptions(scaling ? new String[] {"-solver", "lbfgs"} : new String[] {"-solver", "lbfgs",
        "-no-target-scaling"});
      mlp.buildClassifier(cpu);
      double sumSquares = 0;
      double sumTargets = 0;
      for (Instance instance : cpu) {
        double error = mlp.classifyInstance(instance) - instance.classValue();
        sumSquares += error * error;
        sumTargets += instance.classValue();
      }
      double rmse = Math.sqrt(sumSquares / cpu.numInstances());
      // the class averages about 105 with a standard deviation of about 160: a fit in those units
      assertTrue(rmse < 40, "scaling " + scaling + ": training RMSE " + rmse);
      assertEquals(105.6, sumTargets / cpu.numInstances(), 0.1);
    }
  }
}
