package org.wekamlp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.BlockGradient;
import org.wekamlp.core.Network;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.InstancesEncoder;
import weka.classifiers.functions.mlp.TestDatasets;
import weka.core.Instances;

/**
 * On {@code local[2]}: the distributed encoder is the local one, and lbfgs on Spark trains the weights a local run
 * trains, whatever the number of partitions.
 */
class SparkAgreementTest extends LocalSparkTest {

  private static final String[] LBFGS = {"-solver", "lbfgs", "-hidden-layer-sizes", "8", "-max-iter", "15"};

  @Test
  void lbfgsWeightsAgreeWithALocalRunFor1247Partitions() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier local = new MultilayerPerceptronClassifier();
    local.setOptions(LBFGS.clone());
    local.buildClassifier(iris);
    double[] expected = BlockGradient.flatten(local.getNetwork());
    for (int partitions : new int[] {1, 2, 4, 7}) {
      AbstractMultilayerPerceptron spark = train(withClassOptions(LBFGS, "-t", "datasets/iris.arff",
        "-num-partitions", "" + partitions));
      double[] actual = BlockGradient.flatten(spark.getNetwork());
      assertEquals(local.getTrainingHistory().epochs(), spark.getTrainingHistory().epochs(), "iterations");
      assertTrue(relativeDifference(expected, actual) <= 1e-9, partitions + " partitions: relative difference "
        + relativeDifference(expected, actual));
    }
  }

  @Test
  void theDistributedEncoderIsTheLocalOne() throws Exception {
    Instances data = TestDatasets.load("diabetes.arff"); // numeric attributes
    AbstractMultilayerPerceptron spark = train("-t", "datasets/diabetes.arff", "-num-partitions", "3", "--",
      "-solver", "lbfgs", "-max-iter", "1", "-hidden-layer-sizes", "2");
    InstancesEncoder distributed = spark.getModel().encoder();
    InstancesEncoder local = InstancesEncoder.fit(data, spark.inputScaling());
    DMatrixRMaj a = local.encode(data);
    DMatrixRMaj b = distributed.encode(data);
    assertEquals(a.numCols, b.numCols);
    for (int i = 0; i < a.data.length; i++) {
      assertEquals(a.data[i], b.data[i], 1e-12 * Math.max(1.0, Math.abs(a.data[i])), "entry " + i);
    }
  }

  static String[] withClassOptions(String[] classOptions, String... jobOptions) {
    String[] all = new String[jobOptions.length + 1 + classOptions.length];
    System.arraycopy(jobOptions, 0, all, 0, jobOptions.length);
    all[jobOptions.length] = "--";
    System.arraycopy(classOptions, 0, all, jobOptions.length + 1, classOptions.length);
    return all;
  }

  static double relativeDifference(double[] expected, double[] actual) {
    double largest = 0.0;
    double difference = 0.0;
    for (int i = 0; i < expected.length; i++) {
      largest = Math.max(largest, Math.abs(expected[i]));
      difference = Math.max(difference, Math.abs(expected[i] - actual[i]));
    }
    return difference / largest;
  }

  static Network network(AbstractMultilayerPerceptron classifier) {
    return classifier.getNetwork();
  }
}
