package org.wekamlp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.BlockGradient;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.TestDatasets;

/**
 * The job on {@code local-cluster[2,1,1024]}: a master and two workers whose executors are separate JVMs, so that
 * every class and closure travels as it does on a real cluster (serialization, class loading from the shipped
 * jars). One executor is killed in the middle of training: Spark recomputes its partitions and the run still ends
 * with the weights of a local run.
 */
class LocalClusterIT {

  private static final String[] LBFGS = {"-solver", "lbfgs", "-hidden-layer-sizes", "6", "-max-iter", "15"};

  /** The jars the executors need besides Spark: the package's own two and Weka's and EJML's. */
  private static String applicationJars() throws Exception {
    String classPath = new String(Files.readAllBytes(Paths.get(System.getProperty("it.spark.classpath",
      "target/spark-classpath.txt"))), StandardCharsets.UTF_8).trim();
    List<String> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (name.startsWith("multilayer-perceptrons-ejml") || name.startsWith("weka-stable")
        || name.startsWith("ejml-")) {
        jars.add(entry);
      }
    }
    return String.join(",", jars);
  }

  @Test
  void separateExecutorJvmsTrainTheLocalWeightsThroughTheLossOfAnExecutor() throws Exception {
    System.setProperty("spark.testing", "1");
    System.setProperty("spark.test.home", Files.createTempDirectory("spark-home").toString());
    SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("LocalClusterIT")
      .set("spark.ui.enabled", "false").set("spark.executor.memory", "512m").set("spark.jars", applicationJars())
      .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    MultilayerPerceptronClassifier local = new MultilayerPerceptronClassifier();
    local.setOptions(LBFGS.clone());
    local.buildClassifier(TestDatasets.load("iris.arff"));
    try (JavaSparkContext context = new JavaSparkContext(conf)) {
      context.setLogLevel("ERROR");
      AtomicInteger jobs = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      context.sc().addSparkListener(new SparkListener() {

        @Override
        public void onJobEnd(SparkListenerJobEnd jobEnd) {
          if (jobs.incrementAndGet() == 8 && !context.sc().getExecutorIds().isEmpty()) {
            killed.set(context.sc().killExecutor(context.sc().getExecutorIds().head()));
          }
        }
      });
      AbstractMultilayerPerceptron spark = TrainOnSpark.run(context, JobOptions.parse(SparkAgreementTest
        .withClassOptions(LBFGS, "-t", "datasets/iris.arff", "-num-partitions", "4")), new PrintStream(
          new ByteArrayOutputStream(), true, StandardCharsets.UTF_8.name()));
      assertTrue(killed.get(), "an executor was killed during training");
      assertEquals(local.getTrainingHistory().epochs(), spark.getTrainingHistory().epochs());
      double difference = SparkAgreementTest.relativeDifference(BlockGradient.flatten(local.getNetwork()),
        BlockGradient.flatten(spark.getNetwork()));
      assertTrue(difference <= 1e-9, "relative difference " + difference);
    }
  }
}
