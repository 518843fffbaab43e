package org.wekamlp.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.optim.Lbfgs;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.ClassProbabilities;
import weka.classifiers.functions.mlp.EncoderStatistics;
import weka.classifiers.functions.mlp.InstancesEncoder;
import weka.classifiers.functions.mlp.OutputDecoding;
import weka.classifiers.functions.mlp.PrecisionOption;
import weka.classifiers.functions.mlp.TargetScaling;
import weka.core.Instances;

/**
 * Trains MultilayerPerceptronClassifier or MultilayerPerceptronRegressor on Apache Spark and saves an ordinary
 * serialized Weka classifier, the same class with the same kind of model a local run produces. One distributed pass
 * reads the files and fits the encoder from merged per-partition statistics; the encoded rows are cached in packed
 * blocks; training then aggregates the gradient over all partitions at every step ({@link SparkTrainer}).
 *
 * <p>Run with {@code spark-submit --class org.wekamlp.spark.TrainOnSpark}, or locally with plain {@code java} and
 * {@code -master local[N]} (README, "Training on a Spark cluster"). Errors end in one line naming the option, file
 * or line, and exit code 1.
 */
public final class TrainOnSpark {

  private TrainOnSpark() {
  }

  /**
   * @param args the options ({@link JobOptions#USAGE}), then {@code --} and the classifier's options
   */
  public static void main(String[] args) {
    try {
      JobOptions options = JobOptions.parse(args);
      SparkConf conf = new SparkConf().setAppName("TrainOnSpark").set("spark.ui.showConsoleProgress", "false");
      if (options.master != null) {
        conf.setMaster(options.master);
      } else if (!conf.contains("spark.master")) {
        throw new IllegalArgumentException("No Spark master: give -master (e.g. local[4]) or run with spark-submit.");
      }
      try (JavaSparkContext context = new JavaSparkContext(conf)) {
        context.setLogLevel("WARN");
        run(context, options, System.out);
      }
    } catch (Exception e) {
      System.err.println("Error: " + message(e));
      System.exit(1);
    }
  }

  /**
   * @return the message that names the problem: the first in the cause chain with one; of an exception from Spark
   *     (whose message carries the remote stack trace) its first line
   */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isEmpty()) {
        return t instanceof IllegalArgumentException ? message : message.split("\n", 2)[0];
      }
    }
    return e.toString();
  }

  /**
   * Reads the data, trains, saves (-d) and evaluates (-T).
   *
   * @param context the Spark context
   * @param options the job's options
   * @param out receives the model summary and the evaluation
   * @return the trained classifier
   * @throws Exception naming the option, file or line at fault
   */
  static AbstractMultilayerPerceptron run(JavaSparkContext context, JobOptions options, PrintStream out)
    throws Exception {
    AbstractMultilayerPerceptron classifier = options.classifier();
    TrainingConfig config = classifier.trainingSettings();
    refuseWhatCannotApply(classifier, config);
    Configuration hadoop = context.hadoopConfiguration();
    List<Path> files = TextSource.files(options.train, hadoop);
    Instances header = header(options, files, hadoop);
    checkTypes(classifier, header);
    JavaRDD<ParsedRow> rows = TextSource.rows(context, files, new RowParser(header, options.header != null));
    if (options.numPartitions > 0) {
      rows = rows.repartition(options.numPartitions);
    }
    DataSummary summary = summarize(rows, header, hadoop);
    InstancesEncoder encoder = InstancesEncoder.fromStatistics(header, summary.statistics, classifier.inputScaling());
    if (encoder.numColumns() == 0) {
      throw new IllegalArgumentException("No usable input column: every attribute but the class is constant or "
        + "missing in the training data (" + options.train + ").");
    }
    boolean classification = header.classAttribute().isNominal();
    TargetScaling scaling = classification ? null
      : TargetScaling.fromStatistics(summary.classStatistics,
        ((MultilayerPerceptronRegressor) classifier).getTargetScaling());
    OutputDecoding output = classification ? new ClassProbabilities(header.numClasses()) : scaling;
    Backend backend = Backends.selected(PrecisionOption.of(classifier.getPrecision()).precision());
    boolean float32 = backend.precision() == Precision.FLOAT32;
    JavaRDD<EncodedBlock> blocks = rows
      .mapPartitionsWithIndex((index, iterator) -> EncodedBlock.encode(index, iterator, header, encoder, scaling,
        float32), false)
      .persist(StorageLevel.MEMORY_ONLY());
    try {
      long bytes = blocks.map(EncodedBlock::bytes).fold(0L, Long::sum);
      int[] sizes = layerSizes(encoder.numColumns(), config.hiddenLayerSizes, classification ? header.numClasses()
        : 1);
      train(context, classifier, config, blocks, summary, sizes, header, encoder, output, options, bytes, backend);
    } finally {
      blocks.unpersist(false);
    }
    save(classifier, options.modelFile, hadoop);
    out.println("=== Classifier model (full training set) ===\n");
    out.println(classifier);
    if (options.test != null) {
      evaluate(classifier, header, options.test, hadoop, out);
    }
    return classifier;
  }

  private static void train(JavaSparkContext context, AbstractMultilayerPerceptron classifier, TrainingConfig config,
    JavaRDD<EncodedBlock> blocks, DataSummary summary, int[] sizes, Instances header, InstancesEncoder encoder,
    OutputDecoding output, JobOptions options, long cachedBytes, Backend backend) throws Exception {
    OutputLayer outputLayer = header.classAttribute().isNominal() ? OutputLayer.SOFTMAX_CROSS_ENTROPY
      : OutputLayer.IDENTITY_SQUARED_ERROR;
    SparkTrainer.EpochListener listener = classifier.getDebug() ? (epoch, loss, score, seconds) -> System.err.println(
      String.format(Locale.ROOT, "TrainOnSpark epoch %4d  loss %.6f%s  %.2f s", epoch, loss, Double.isNaN(score)
        ? "" : String.format(Locale.ROOT, "  validation %.4f", score), seconds)) : null;
    SparkTrainer trainer = new SparkTrainer(context, blocks, summary.rows, config, sizes, outputLayer,
      options.globalBatchSize, backend.precision(), listener);
    Network network = trainer.train();
    String solver = config.solver.isStochastic() ? config.solver.optionName() + " (learning rate "
      + config.learningRateInit + ", global minibatches)" : Lbfgs.describe(config.maxFun);
    String where = "Spark, " + blocks.getNumPartitions() + " partition(s), " + cachedBytes
      + " bytes of encoded rows cached; products: " + backend.name();
    String precision = backend.precision() == Precision.FLOAT32
      ? "float32: products in single precision on every executor, the cached rows in float32 (half the memory)"
      : PrecisionOption.of(classifier.getPrecision()).describe(backend);
    classifier.adoptTrainedModel(header, encoder, output, network, trainer.history(),
      new AbstractMultilayerPerceptron.ExternalRun(solver, trainer.batchSize(), (int) trainer.trainingRows(),
        (int) trainer.validationRows(), where, backend.precision(), precision));
  }

  /** The settings that a Spark run cannot honour are refused, naming the option. */
  private static void refuseWhatCannotApply(AbstractMultilayerPerceptron classifier, TrainingConfig config) {
    if (classifier.getResume()) {
      throw new IllegalArgumentException("Option -resume does not apply on Spark: a Spark run trains to the end.");
    }
    if (classifier.getTune()) {
      throw new IllegalArgumentException("Option -tune does not apply on Spark: choose -alpha and -solver by tuning "
        + "on a sample locally (or with -tune-max-values / -tune-max-rows), then train on Spark with the chosen values.");
    }
    if (classifier instanceof weka.classifiers.functions.MultilayerPerceptronClassifier
      && ((weka.classifiers.functions.MultilayerPerceptronClassifier) classifier).getCalibrate()) {
      throw new IllegalArgumentException("Option -calibrate does not apply on Spark: its internal cross-validation "
        + "trains locally; calibrate a model trained on a sample locally instead.");
    }
    if (config.numThreads != 0) {
      System.err.println("Note: -num-threads does not apply on Spark: each task uses one thread; Spark's executor "
        + "cores set the parallelism.");
    }
  }

  private static Instances header(JobOptions options, List<Path> files, Configuration hadoop) throws IOException {
    Instances header = TextSource.arffHeader(options.header != null ? new Path(options.header) : files.get(0),
      hadoop);
    header.setClassIndex(options.classIndex(header.numAttributes()));
    return header;
  }

  /** Refuses a header the classifier cannot train on (class type, attribute types) before reading the data. */
  private static void checkTypes(AbstractMultilayerPerceptron classifier, Instances header) throws Exception {
    EncoderStatistics.of(header); // names an attribute of a type the network cannot use
    weka.core.Capabilities capabilities = classifier.getCapabilities();
    capabilities.setMinimumNumberInstances(0); // the header alone: the rows are counted later
    try {
      capabilities.testWithFail(header);
    } catch (weka.core.WekaException e) {
      String hint = !e.getMessage().endsWith(" class!") ? ""
        : header.classAttribute().isNominal()
          ? " Use -W weka.classifiers.functions.MultilayerPerceptronClassifier for a nominal class."
          : " Use -W weka.classifiers.functions.MultilayerPerceptronRegressor for a numeric class.";
      throw new IllegalArgumentException(e.getMessage() + hint);
    }
  }

  /** The distributed statistics pass; the first bad line ends the job, named by its file and line. */
  private static DataSummary summarize(JavaRDD<ParsedRow> rows, Instances header, Configuration hadoop)
    throws IOException {
    DataSummary summary = rows.mapPartitions(iterator -> DataSummary.ofPartition(header, iterator))
      .treeReduce(DataSummary::merge, 2);
    if (summary.firstBad != null) {
      ParsedRow bad = summary.firstBad;
      throw new IllegalArgumentException("Bad row in " + bad.file + ", line " + TextSource.lineNumber(bad.file,
        bad.offset, hadoop) + ": " + bad.problem);
    }
    if (summary.rows == 0) {
      throw new IllegalArgumentException("No training rows with a known class and a positive weight in the data.");
    }
    return summary;
  }

  private static int[] layerSizes(int inputs, int[] hidden, int outputs) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = inputs;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = outputs;
    return sizes;
  }

  private static void save(AbstractMultilayerPerceptron classifier, String file, Configuration hadoop)
    throws IOException {
    if (file == null) {
      return;
    }
    Path path = new Path(file);
    try (OutputStream stream = path.getFileSystem(hadoop).create(path, true);
      ObjectOutputStream objects = new ObjectOutputStream(stream)) {
      objects.writeObject(classifier);
    }
  }

  /** Evaluates on the test data and prints what Weka's command line prints for -T. */
  private static void evaluate(AbstractMultilayerPerceptron classifier, Instances header, String test,
    Configuration hadoop, PrintStream out) throws Exception {
    Instances data = TextSource.wholeFile(test, hadoop);
    data.setClassIndex(header.classIndex());
    if (!header.equalHeaders(data)) {
      throw new IllegalArgumentException("The test data " + test + " does not match the training header: "
        + header.equalHeadersMsg(data));
    }
    Evaluation evaluation = new Evaluation(new Instances(header, 0));
    evaluation.evaluateModel(classifier, data);
    out.println(evaluation.toSummaryString("\n=== Error on test data ===\n", false));
    if (header.classAttribute().isNominal()) {
      out.println(evaluation.toClassDetailsString());
      out.println(evaluation.toMatrixString());
    }
  }
}
