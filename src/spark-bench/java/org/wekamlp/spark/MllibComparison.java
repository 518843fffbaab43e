package org.wekamlp.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.RDDInfo;

import weka.classifiers.Evaluation;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.core.Instances;

/**
 * The side-by-side run of BENCHMARKS.md, "Training on Spark": Spark MLlib's MultilayerPerceptronClassifier with its
 * own setup (sigmoid hidden layer, lbfgs, block size 128) against TrainOnSpark with the same setup and with the
 * package's defaults, on the same data, master and partitions, in one JVM. Prints one table row per run: test
 * accuracy, iterations, time per iteration, time to the final model, bytes of the cached training data.
 *
 * <p>Arguments: master, training ARFF, test ARFF (class last in both), hidden units, lbfgs iterations, epochs of the
 * defaults run, then the partition counts. A partition count may carry its own iteration counts as
 * {@code P:ITERATIONS} or {@code P:ITERATIONS:EPOCHS} (e.g. {@code 2:30:0}: 30 lbfgs iterations at 2 partitions, no
 * defaults run), so that a sweep can run fewer iterations at most counts and the full number at one.
 */
public final class MllibComparison {

  /** The seed of both libraries' first weights: environment variable SEED, default 1. */
  private static long seed = 1;

  private MllibComparison() {
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid SEED '" + text + "': give a whole number such as 1.", e);
    }
  }

  /**
   * @param args master train test hidden lbfgsIterations defaultEpochs partitions[:iterations[:epochs]]...
   * @throws Exception when a run fails
   */
  public static void main(String[] args) throws Exception {
    seed = parseSeed(System.getenv().getOrDefault("SEED", "1"));
    SparkSession spark = SparkSession.builder().master(args[0]).appName("MllibComparison")
      .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    context.setLogLevel("ERROR");
    String train = args[1];
    String test = args[2];
    int hidden = Integer.parseInt(args[3]);
    int iterations = Integer.parseInt(args[4]);
    int epochs = Integer.parseInt(args[5]);
    Instances testData = TextSource.wholeFile(test, context.hadoopConfiguration());
    testData.setClassIndex(testData.numAttributes() - 1);
    System.out.println("MLlib's BLAS: " + mllibBlas());
    System.out.println("| run | partitions | test accuracy | iterations | s per iteration | s to the model | "
      + "cached training data |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (int i = 6; i < args.length; i++) {
      String[] counts = args[i].split(":");
      int partitions = Integer.parseInt(counts[0]);
      int runIterations = counts.length > 1 ? Integer.parseInt(counts[1]) : iterations;
      int runEpochs = counts.length > 2 ? Integer.parseInt(counts[2]) : epochs;
      if (runIterations > 0) {
        mllib(spark, context, train, test, hidden, runIterations, partitions, testData.numClasses());
        String[] mllibSetup = {"-activation", "logistic", "-solver", "lbfgs", "-alpha", "0", "-input-scaling",
          "none", "-hidden-layer-sizes", "" + hidden, "-max-iter", "" + runIterations};
        ours("TrainOnSpark, MLlib's setup", context, train, testData, partitions, mllibSetup);
        String[] float32 = Arrays.copyOf(mllibSetup, mllibSetup.length + 2);
        float32[mllibSetup.length] = "-precision";
        float32[mllibSetup.length + 1] = "float32";
        ours("TrainOnSpark, MLlib's setup in float32", context, train, testData, partitions, float32);
      }
      if (runEpochs > 0) {
        ours("TrainOnSpark, package defaults", context, train, testData, partitions, new String[] {"-max-iter", ""
          + runEpochs});
      }
    }
    spark.stop();
  }

  /**
   * @return the BLAS MLlib's products run on: netlib's JNI to the system's BLAS when one loads, else its pure-Java
   *         fallback (several times slower here), which Spark only logs at WARN
   */
  private static String mllibBlas() {
    try {
      return dev.ludovic.netlib.blas.NativeBLAS.getInstance().getClass().getSimpleName() + " (native: the system's "
        + "libblas.so.3)";
    } catch (RuntimeException | LinkageError e) {
      return dev.ludovic.netlib.blas.JavaBLAS.getInstance().getClass().getSimpleName() + " (no native BLAS loaded: "
        + e.getMessage() + "; on Debian, apt-get install libopenblas0-pthread)";
    }
  }

  private static void ours(String name, JavaSparkContext context, String train, Instances test, int partitions,
    String[] classOptions) throws Exception {
    List<String> args = new ArrayList<>(List.of("-t", train, "-num-partitions", "" + partitions, "--"));
    args.addAll(List.of(classOptions));
    if (seed != 1) {
      classOptions = Arrays.copyOf(classOptions, classOptions.length + 2);
      classOptions[classOptions.length - 2] = "-S";
      classOptions[classOptions.length - 1] = "" + seed;
      args.addAll(List.of("-S", "" + seed));
    }
    long start = System.nanoTime();
    AbstractMultilayerPerceptron model = TrainOnSpark.run(context, JobOptions.parse(args.toArray(new String[0])),
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8.name()));
    double seconds = (System.nanoTime() - start) * 1e-9;
    Evaluation evaluation = new Evaluation(test);
    evaluation.evaluateModel(model, test);
    int epochs = model.getTrainingHistory().epochs();
    String summary = model.toString();
    String cached = summary.replaceAll("(?s).*partition\\(s\\), (\\d+) bytes of encoded rows cached.*", "$1");
    row(name + " (" + String.join(" ", classOptions) + ")", partitions, evaluation.pctCorrect(), epochs,
      model.getTrainingHistory().seconds() / epochs, seconds, Long.parseLong(cached));
  }

  private static void mllib(SparkSession spark, JavaSparkContext context, String train, String test, int hidden,
    int iterations, int partitions, int classes) throws Exception {
    Dataset<Row> trainData = frame(spark, context, train, partitions).cache();
    long rows = trainData.count();
    int features = trainData.first().<org.apache.spark.ml.linalg.Vector>getAs("features").size();
    long cached = 0;
    for (RDDInfo info : context.sc().getRDDStorageInfo()) {
      cached += info.memSize();
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
      .setLayers(new int[] {features, hidden, classes}).setBlockSize(128).setMaxIter(iterations).setSeed(seed);
    long start = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlp.fit(trainData);
    double seconds = (System.nanoTime() - start) * 1e-9;
    int done = model.summary().totalIterations();
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(
      frame(spark, context, test, partitions)));
    String name = "MLlib MultilayerPerceptronClassifier (layers " + features + "," + hidden + "," + classes
      + ", lbfgs, block size 128, seed " + seed + ", " + rows + " rows)";
    row(name, partitions, 100 * accuracy, done, seconds / done, seconds, cached);
    trainData.unpersist(true);
  }

  /** The rows of an ARFF file (parsed by the job's own reader) as MLlib's label and features. */
  private static Dataset<Row> frame(SparkSession spark, JavaSparkContext context, String file, int partitions)
    throws Exception {
    List<Path> files = TextSource.files(file, context.hadoopConfiguration());
    Instances header = TextSource.arffHeader(files.get(0), context.hadoopConfiguration());
    int classIndex = header.numAttributes() - 1;
    JavaRDD<Row> rows = TextSource.rows(context, files, new RowParser(header, false)).repartition(partitions)
      .map(row -> RowFactory.create(row.values[classIndex], Vectors.dense(java.util.Arrays.copyOf(row.values,
        classIndex))));
    StructType schema = new StructType(new StructField[] {DataTypes.createStructField("label", DataTypes.DoubleType,
      false), DataTypes.createStructField("features", new VectorUDT(), false)});
    return spark.createDataFrame(rows, schema);
  }

  private static void row(String name, int partitions, double accuracy, int iterations, double perIteration,
    double seconds, long cachedBytes) {
    System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f %% | %d | %.2f | %.1f | %.1f MB |", name,
      partitions, accuracy, iterations, perIteration, seconds, cachedBytes / 1e6));
  }
}
