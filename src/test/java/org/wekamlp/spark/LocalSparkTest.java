package org.wekamlp.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;

/** One {@code local[2]} Spark context for a test class (Spark allows one per JVM), with the UI off. */
abstract class LocalSparkTest {

  static JavaSparkContext context;

  @BeforeAll
  static void startSpark() {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("test").set("spark.ui.enabled", "false")
      .set("spark.ui.showConsoleProgress", "false").set("spark.driver.host", "127.0.0.1")
      .set("spark.driver.bindAddress", "127.0.0.1");
    context = new JavaSparkContext(conf);
    context.setLogLevel("ERROR");
  }

  @AfterAll
  static void stopSpark() {
    context.close();
  }

  /**
   * Runs the job in the test's context.
   *
   * @param args the job's command line
   * @return the trained classifier
   */
  static AbstractMultilayerPerceptron train(String... args) throws Exception {
    return TrainOnSpark.run(context, JobOptions.parse(args), new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8.name()));
  }

  /** @return what the job prints */
  static String output(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainOnSpark.run(context, JobOptions.parse(args), new PrintStream(bytes, true, StandardCharsets.UTF_8.name()));
    return bytes.toString(StandardCharsets.UTF_8.name());
  }
}
