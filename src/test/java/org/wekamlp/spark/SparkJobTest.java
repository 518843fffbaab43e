package org.wekamlp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wekamlp.core.BlockGradient;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.TestDatasets;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The job on {@code local[2]}: both classes, instance weights, CSV with a header file, the saved model as Weka loads
 * it, adam against a local run, early stopping, the edge cases of the partitioning and bad input.
 */
class SparkJobTest extends LocalSparkTest {

  private static final String[] LBFGS = {"-solver", "lbfgs", "-hidden-layer-sizes", "6", "-max-iter", "15"};

  @TempDir
  static Path folder;

  private static void assertSameWeights(AbstractMultilayerPerceptron local, AbstractMultilayerPerceptron spark) {
    double difference = SparkAgreementTest.relativeDifference(BlockGradient.flatten(local.getNetwork()),
      BlockGradient.flatten(spark.getNetwork()));
    assertTrue(difference <= 1e-9, "relative difference " + difference);
  }

  private static AbstractMultilayerPerceptron local(AbstractMultilayerPerceptron classifier, Instances data,
    String[] options) throws Exception {
    classifier.setOptions(options.clone());
    classifier.buildClassifier(data);
    return classifier;
  }

  private static String write(String name, String text) throws Exception {
    Path file = folder.resolve(name);
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file.toString();
  }

  @Test
  void theRegressorAgreesWithALocalRun() throws Exception {
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronRegressor(), TestDatasets.load("cpu.arff"),
      LBFGS);
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(LBFGS, "-t", "datasets/cpu.arff",
      "-num-partitions", "3", "-W", "weka.classifiers.functions.MultilayerPerceptronRegressor"));
    assertEquals(MultilayerPerceptronRegressor.class, spark.getClass());
    assertSameWeights(local, spark);
  }

  @Test
  void instanceWeightsCountAsInALocalRun() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    Random random = new Random(4);
    for (Instance instance : iris) {
      instance.setWeight(new double[] {0.5, 1.0, 2.0, 0.0}[random.nextInt(4)]);
    }
    String file = write("weighted.arff", iris.toString()); // weights as {w} after each row
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), iris, LBFGS);
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(LBFGS, "-t", file,
      "-num-partitions", "2"));
    assertSameWeights(local, spark);
  }

  @Test
  void csvWithAHeaderFileTrainsAsTheArffDoes() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    StringBuilder csv = new StringBuilder("sepallength,sepalwidth,petallength,petalwidth,class\n");
    for (Instance instance : iris) {
      csv.append(instance.toString()).append('\n');
    }
    String file = write("iris.csv", csv.toString());
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), iris, LBFGS);
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(LBFGS, "-t", file, "-header",
      "datasets/iris.arff"));
    assertSameWeights(local, spark);
  }

  @Test
  void aGzippedArffTrainsAsThePlainOne() throws Exception {
    Path file = folder.resolve("iris.arff.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      Files.copy(Paths.get("datasets/iris.arff"), out);
    }
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), TestDatasets.load("iris.arff"),
      LBFGS);
    assertSameWeights(local, train(SparkAgreementTest.withClassOptions(LBFGS, "-t", file.toString())));
  }

  @Test
  void aBadCsvRowIsNamedWithItsFileAndLine() throws Exception {
    String file = write("bad.csv", "1,2,3,4,Iris-setosa\n5,6,7,8,Iris-virginica\n1,x,3,4,Iris-setosa\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train("-t", file, "-header",
      "datasets/iris.arff"));
    assertEquals("Bad row in " + new File(file).toURI().toString().replace("file:/", "file:/") + ", line 3: 'x' is "
      + "not a finite number (attribute 'sepalwidth').", e.getMessage().replace("file:///", "file:/"));
  }

  @Test
  void aBadRowOfAGzippedCsvIsNamedWithItsLineInTheUncompressedText() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append(i % 2 == 0 ? "5.1,3.5,1.4,0.2,Iris-setosa\n" : "6.3,3.3,6.0,2.5,Iris-virginica\n");
    }
    text.append("\n% a comment line\n6.3,3.3,6.0,?,Iris-virginica\n1,2,3,x,Iris-setosa\n");
    Path file = folder.resolve("bad.csv.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train("-t", file.toString(),
      "-header", "datasets/iris.arff"));
    assertTrue(e.getMessage().endsWith("bad.csv.gz, line 204: 'x' is not a finite number (attribute 'petalwidth')."),
      e.getMessage());
  }

  @Test
  void onePartitionPerClassAndMorePartitionsThanRowsTrainAsLocally() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    Path perClass = Files.createDirectories(folder.resolve("by-class"));
    for (int c = 0; c < 3; c++) {
      Instances part = new Instances(iris, 0);
      for (Instance instance : iris) {
        if ((int) instance.classValue() == c) {
          part.add(instance);
        }
      }
      Files.write(perClass.resolve("part-" + c + ".arff"), part.toString().getBytes(StandardCharsets.UTF_8));
    }
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), iris, LBFGS);
    assertSameWeights(local, train(SparkAgreementTest.withClassOptions(LBFGS, "-t", perClass.toString())));
    // 8 partitions for 6 rows: some partitions are empty
    Instances six = new Instances(iris, 0);
    for (int i = 0; i < 150; i += 25) {
      six.add(iris.instance(i));
    }
    String file = write("six.arff", six.toString());
    AbstractMultilayerPerceptron localSix = local(new MultilayerPerceptronClassifier(), six, LBFGS);
    assertSameWeights(localSix, train(SparkAgreementTest.withClassOptions(LBFGS, "-t", file, "-num-partitions",
      "8")));
  }

  @Test
  void theSavedModelPredictsAsTheInMemoryOneWhenWekaLoadsIt() throws Exception {
    String model = folder.resolve("iris.model").toString();
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(LBFGS, "-t", "datasets/iris.arff",
      "-d", model));
    Classifier loaded = (Classifier) SerializationHelper.read(model);
    assertEquals(MultilayerPerceptronClassifier.class, loaded.getClass());
    Instances iris = TestDatasets.load("iris.arff");
    for (Instance instance : iris) {
      assertArrayEquals(spark.distributionForInstance(instance), loaded.distributionForInstance(instance), 0.0);
    }
    // what weka.Run -l model -T data runs: Weka's evaluation of the loaded model prints the in-memory model's figures
    String printed = Evaluation.evaluateModel(new MultilayerPerceptronClassifier(), new String[] {"-l", model, "-T",
      "datasets/iris.arff"});
    Evaluation inMemory = new Evaluation(iris);
    inMemory.evaluateModel(spark, iris);
    for (String line : lines(inMemory.toSummaryString() + inMemory.toMatrixString())) {
      if (line.startsWith("Correctly") || line.startsWith("Mean absolute") || line.startsWith("Root mean")
        || line.contains(" | ")) {
        assertTrue(printed.contains(line), line + " not in " + printed);
      }
    }
  }

  @Test
  void testDataAreEvaluatedAsWekaPrintsThem() throws Exception {
    String printed = output(SparkAgreementTest.withClassOptions(LBFGS, "-t", "datasets/iris.arff", "-T",
      "datasets/iris.arff"));
    assertTrue(printed.contains("=== Classifier model (full training set) ==="), printed);
    assertTrue(printed.contains("=== Error on test data ==="), printed);
    assertTrue(printed.contains("=== Confusion Matrix ==="), printed);
  }

  @Test
  void adamOnGlobalMinibatchesReachesTheLocalAccuracy() throws Exception {
    Instances digits = TestDatasets.load("digits.arff");
    digits.randomize(new Random(1));
    int trainSize = digits.numInstances() * 2 / 3;
    Instances train = new Instances(digits, 0, trainSize);
    Instances test = new Instances(digits, trainSize, digits.numInstances() - trainSize);
    String trainFile = write("digits-train.arff", train.toString());
    String[] adam = {"-mini-batch-size", "300", "-learning-rate-init", "0.01", "-max-iter", "30"};
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), train, adam);
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(adam, "-t", trainFile,
      "-num-partitions", "3"));
    double localAccuracy = accuracy(local, test);
    double sparkAccuracy = accuracy(spark, test);
    assertTrue(sparkAccuracy >= localAccuracy - 0.5, "Spark " + sparkAccuracy + " %, local " + localAccuracy + " %");
  }

  @Test
  void earlyStoppingHoldsOutAValidationFractionAndRestoresTheBestEpoch() throws Exception {
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(new String[] {"-early-stopping",
      "-mini-batch-size", "50", "-learning-rate-init", "0.01", "-max-iter", "12", "-n-iter-no-change", "2"}, "-t",
      "datasets/iris.arff", "-num-partitions", "2"));
    assertTrue(spark.getTrainingHistory().hasValidation());
    String summary = spark.toString();
    assertTrue(summary.contains("validation"), summary);
    assertTrue(spark.getTrainingHistory().bestValidationScore() > 0.8, summary);
  }

  @Test
  void float32ProductsOnTheExecutorsTrainAsALocalFloat32Run() throws Exception {
    String[] float32 = concat(LBFGS, new String[] {"-precision", "float32"});
    AbstractMultilayerPerceptron local = local(new MultilayerPerceptronClassifier(), TestDatasets.load("iris.arff"),
      float32);
    AbstractMultilayerPerceptron spark = train(SparkAgreementTest.withClassOptions(float32, "-t",
      "datasets/iris.arff"));
    String summary = spark.toString();
    assertTrue(summary.contains("float32: products in single precision on every executor, the cached rows in float32 "
      + "(half the memory)"), summary);
    double[] weights = BlockGradient.flatten(spark.getNetwork());
    double toLocal = SparkAgreementTest.relativeDifference(BlockGradient.flatten(local.getNetwork()), weights);
    assertTrue(toLocal <= 1e-5, "relative difference to the local float32 run " + toLocal);
    AbstractMultilayerPerceptron float64 = train(SparkAgreementTest.withClassOptions(LBFGS, "-t",
      "datasets/iris.arff"));
    double toFloat64 = SparkAgreementTest.relativeDifference(BlockGradient.flatten(float64.getNetwork()), weights);
    assertTrue(toFloat64 > 1e-9, "the products did run in float32: " + toFloat64);
    // iris: 150 rows of 4 inputs, 3 targets, a weight, an id and a label; the inputs take 4 bytes instead of 8
    assertEquals(cachedBytes(float64) - 150 * 4 * 4, cachedBytes(spark), summary);
  }

  private static long cachedBytes(AbstractMultilayerPerceptron model) {
    return Long.parseLong(model.toString().replaceAll("(?s).*partition\\(s\\), (\\d+) bytes of encoded rows cached.*",
      "$1"));
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  @Test
  void optionsThatCannotApplyAndBadOptionsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> train("-t", "datasets/iris.arff", "--", "-tune"))
      .getMessage().startsWith("Option -tune does not apply on Spark"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> train("-t", "datasets/iris.arff", "--",
      "-calibrate")).getMessage().startsWith("Option -calibrate does not apply on Spark"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> train("-t", "datasets/iris.arff",
      "-num-partitions", "0")).getMessage().startsWith("Invalid -num-partitions 0: must be a whole number >= 1."));
    assertTrue(assertThrows(Exception.class, () -> train("-t", "datasets/iris.arff", "--", "-alpha", "-1"))
      .getMessage().contains("-alpha"));
    assertTrue(assertThrows(Exception.class, () -> train("-t", "datasets/cpu.arff")).getMessage().contains(
      "MultilayerPerceptronRegressor"));
    assertTrue(assertThrows(Exception.class, () -> train("-t", "datasets/no-such.arff")).getMessage().contains(
      "datasets/no-such.arff"));
  }

  private static double accuracy(Classifier classifier, Instances test) throws Exception {
    Evaluation evaluation = new Evaluation(test);
    evaluation.evaluateModel(classifier, test);
    return evaluation.pctCorrect();
  }

  static List<String> lines(String text) {
    return new ArrayList<>(java.util.Arrays.asList(text.split("\n")));
  }
}
