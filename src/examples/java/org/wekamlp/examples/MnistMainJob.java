package org.wekamlp.examples;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;

import org.wekamlp.core.ReliabilityBins;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.ClassProbabilities;
import weka.classifiers.functions.mlp.TemperatureScaling;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The project's main job, the lecture's MNIST experiment end to end: trains
 * {@link MultilayerPerceptronClassifier} on the 60,000 MNIST training digits, once with pure defaults and
 * once with the options recommended for pixel data and once more with these options and {@code -calibrate},
 * evaluates each on the 10,000 test digits with Weka's standard evaluation, and writes the ROC curves, the training
 * loss curve and the reliability diagram (uncalibrated against calibrated) as PNG files.
 *
 * <p>Usage (from the project root): {@code java org.wekamlp.examples.MnistMainJob [outputFolder]}; the
 * README's first command runs it through Maven. The output folder defaults to {@code target/mnist}.
 */
public final class MnistMainJob {

  /**
   * The options recommended for pixel data. Scaling to [0, 1] instead of z-scores keeps the rare ink of
   * border pixels from becoming huge inputs; a wider hidden layer than the default 100 units gives the
   * network room for the many stroke shapes of handwriting.
   */
  public static final String[] RECOMMENDED_OPTIONS = {"-input-scaling", "normalize", "-hidden-layer-sizes", "256"};

  /**
   * Weka's matrix library logs two warnings about optional native ARPACK code that it does not need here;
   * a strong reference keeps the quieter level from being garbage-collected with the logger.
   */
  static final java.util.logging.Logger NETLIB_LOGGER = quietNetlib();

  private MnistMainJob() {
  }

  private static java.util.logging.Logger quietNetlib() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("com.github.fommil.netlib");
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /**
   * @param args optional output folder for the PNG files
   * @throws Exception when the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    long start = System.nanoTime();
    File output = new File(args.length > 0 ? args[0] : "target/mnist");
    if (!output.isDirectory() && !output.mkdirs()) {
      throw new IllegalStateException("Cannot create the output folder " + output);
    }
    System.out.println("MNIST with MultilayerPerceptronClassifier (" + Runtime.getRuntime().availableProcessors()
      + " processors, Java " + System.getProperty("java.version") + ")");
    long loadStart = System.nanoTime();
    Instances train = MnistData.load("mnist_train.arff.gz");
    Instances test = MnistData.load("mnist_test.arff.gz");
    System.out.printf(Locale.ROOT, "Loaded %d training and %d test digits in %.1f s%n%n", train.numInstances(),
      test.numInstances(), seconds(loadStart));

    Result defaults = trainAndEvaluate("1. Pure defaults", new String[0], train, test);
    Result recommended = trainAndEvaluate("2. Recommended for pixel data", RECOMMENDED_OPTIONS, train, test);
    Result calibrated = trainAndEvaluate("3. Recommended, calibrated", CALIBRATED_OPTIONS, train, test);

    System.out.println("=== Model (recommended options) ===\n");
    System.out.println(recommended.model);
    System.out.println(recommended.evaluation.toSummaryString("=== Evaluation on the 10,000 test digits ===\n",
      false));
    System.out.println(recommended.evaluation.toClassDetailsString(
      "=== Precision, recall, F1 and ROC area per digit ==="));
    System.out.println(recommended.evaluation.toMatrixString("=== Confusion matrix (rows: true digit) ==="));

    File roc = new File(output, "mnist-roc.png");
    Charts.writeRocCurves(recommended.evaluation, "ROC curves on the MNIST test digits (one-vs-rest, "
      + Utils.joinOptions(RECOMMENDED_OPTIONS) + ")", roc);
    File loss = new File(output, "mnist-loss.png");
    Charts.writeLossCurve(recommended.model.getTrainingHistory().lossCurve(),
      recommended.model.getTrainingHistory().validationScores(), "accuracy",
      "Training loss on MNIST (" + Utils.joinOptions(RECOMMENDED_OPTIONS) + ")", loss);

    File reliability = new File(output, "mnist-reliability.png");
    Charts.writeReliabilityDiagram(new String[] {"recommended options", "recommended options, -calibrate"},
      new ReliabilityBins[] {reliability(recommended.evaluation), reliability(calibrated.evaluation)},
      "Reliability on the MNIST test digits", reliability);

    System.out.println("=== Summary ===\n");
    System.out.println("| run | options | epochs | training time | test accuracy | macro F1 | weighted ROC area |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (Result r : Arrays.asList(defaults, recommended, calibrated)) {
      System.out.println(r.tableRow());
    }
    System.out.println();
    System.out.println("| run | test accuracy | test ECE (15 bins) | test log-loss | temperature |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Result r : Arrays.asList(defaults, recommended, calibrated)) {
      System.out.println(calibrationRow(r));
    }
    System.out.println();
    System.out.println("Charts: " + roc.getPath() + ", " + loss.getPath() + ", " + reliability.getPath());
    System.out.printf(Locale.ROOT, "Wall time of the whole job: %.1f s%n", seconds(start));
  }

  /** The options of run 3: the recommended options with the class probabilities calibrated. */
  static final String[] CALIBRATED_OPTIONS = {"-input-scaling", "normalize", "-hidden-layer-sizes", "256",
    "-calibrate"};

  /**
   * @param evaluation an evaluation that kept its predictions. Not modified.
   * @return its test predictions in 15 confidence bins
   */
  static ReliabilityBins reliability(Evaluation evaluation) {
    ReliabilityBins bins = new ReliabilityBins(ReliabilityBins.DEFAULT_BINS);
    for (Prediction p : evaluation.predictions()) {
      double[] distribution = ((NominalPrediction) p).distribution();
      bins.add(distribution, 0, distribution.length, (int) p.actual(), p.weight());
    }
    return bins;
  }

  /** One row of the calibration table: accuracy, ECE and mean log-loss (natural log) on the test digits. */
  static String calibrationRow(Result r) {
    double loss = 0.0;
    double weight = 0.0;
    for (Prediction p : r.evaluation.predictions()) {
      double[] distribution = ((NominalPrediction) p).distribution();
      loss -= p.weight() * Math.log(Math.max(distribution[(int) p.actual()], Double.MIN_NORMAL));
      weight += p.weight();
    }
    TemperatureScaling scaling = ((ClassProbabilities) r.model.getModel().output()).temperatureScaling();
    return String.format(Locale.ROOT, "| %s | %.2f %% | %.4f | %.4f | %s |", r.name, r.evaluation.pctCorrect(),
      reliability(r.evaluation).expectedCalibrationError(), loss / weight, scaling == null ? "-"
        : String.format(Locale.ROOT, "%.4f", scaling.temperature()));
  }

  /** A trained model with its evaluation and timings. */
  static final class Result {

    final String name;
    String[] options;
    final MultilayerPerceptronClassifier model;
    final Evaluation evaluation;
    final double trainSeconds;
    final double testSeconds;

    Result(String name, String[] options, MultilayerPerceptronClassifier model, Evaluation evaluation,
      double trainSeconds, double testSeconds) {
      this.name = name;
      this.options = options;
      this.model = model;
      this.evaluation = evaluation;
      this.trainSeconds = trainSeconds;
      this.testSeconds = testSeconds;
    }

    String tableRow() {
      return String.format(Locale.ROOT, "| %s | `%s` | %d | %.1f s | %.2f %% | %.4f | %.4f |", name,
        options.length == 0 ? "(none)" : Utils.joinOptions(options), model.getTrainingHistory().epochs(),
        trainSeconds, evaluation.pctCorrect(), evaluation.unweightedMacroFmeasure(),
        evaluation.weightedAreaUnderROC());
    }
  }

  /**
   * Trains with the given options (one progress line per epoch) and evaluates on the test set.
   *
   * @param name label of the run
   * @param options classifier options
   * @param train training data. Not modified.
   * @param test test data. Not modified.
   * @return the result
   * @throws Exception when training fails
   */
  static Result trainAndEvaluate(String name, String[] options, Instances train, Instances test) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(options.clone());
    mlp.setDebug(true);
    System.out.println("=== " + name + ": " + (options.length == 0 ? "(default options)" : Utils.joinOptions(options))
      + " ===");
    System.out.flush();
    Result result = trainAndEvaluateQuietly(name, mlp, train, test);
    result.options = options;
    return result;
  }

  /**
   * Trains a configured classifier and evaluates it on the test set, printing one summary line.
   *
   * @param name label of the run
   * @param mlp the configured classifier. Modified (trained).
   * @param train training data. Not modified.
   * @param test test data. Not modified.
   * @return the result
   * @throws Exception when training fails
   */
  static Result trainAndEvaluateQuietly(String name, MultilayerPerceptronClassifier mlp, Instances train,
    Instances test) throws Exception {
    long trainStart = System.nanoTime();
    mlp.buildClassifier(train);
    double trainSeconds = seconds(trainStart);
    long testStart = System.nanoTime();
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(mlp, test);
    double testSeconds = seconds(testStart);
    System.err.flush();
    System.out.printf(Locale.ROOT, "%s: %d epochs, %s; trained in %.1f s, tested in %.1f s; test accuracy %.2f %%, "
      + "macro F1 %.4f%n%n", name, mlp.getTrainingHistory().epochs(), mlp.describeStopReason(),
      trainSeconds, testSeconds, evaluation.pctCorrect(), evaluation.unweightedMacroFmeasure());
    return new Result(name, mlp.getOptions(), mlp, evaluation, trainSeconds, testSeconds);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) * 1e-9;
  }
}
