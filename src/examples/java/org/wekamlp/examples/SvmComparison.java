package org.wekamlp.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import weka.classifiers.Classifier;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.SMO;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The lecture's comparison with support vector machines, the way a Weka user runs it: Weka's SMO with a
 * linear and an RBF kernel on standardized inputs next to the MLP, on scikit-learn's 8x8 digits (10-fold
 * cross-validation) and on MNIST (a training subset the SVM handles in minutes, the full test set).
 * Prints a Markdown table.
 *
 * <p>Usage (from the project root): {@code java org.wekamlp.examples.SvmComparison [mnistTrainingRows]};
 * the default subset is {@value #DEFAULT_MNIST_ROWS} rows.
 */
public final class SvmComparison {

  /** MNIST training rows given to every classifier in the comparison. */
  public static final int DEFAULT_MNIST_ROWS = 10000;

  private SvmComparison() {
  }

  /**
   * SMO with standardized inputs ({@code -N 1}) and one-vs-one multi-class, as Weka does by default.
   *
   * @param c the complexity constant C
   * @param kernel the kernel's options, e.g. {@code weka.classifiers.functions.supportVector.RBFKernel -G 0.01}
   * @return the configured SMO
   * @throws Exception if the options are invalid
   */
  static SMO smo(double c, String kernel) throws Exception {
    SMO smo = new SMO();
    smo.setOptions(Utils.splitOptions("-C " + c + " -N 1 -K \"" + kernel + "\""));
    return smo;
  }

  /**
   * @param args optional number of MNIST training rows
   * @throws Exception when the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    int mnistRows = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MNIST_ROWS;
    long start = System.nanoTime();
    List<String> rows = new ArrayList<>();

    Instances digits = MnistData.load("digits.arff");
    // RBF gamma = 1 / (attributes x variance), scikit-learn's "scale" rule, on standardized inputs
    double digitsGamma = 1.0 / (digits.numAttributes() - 1);
    Classifier[] digitsSchemes = {
      smo(1.0, "weka.classifiers.functions.supportVector.PolyKernel -E 1.0"),
      smo(10.0, String.format(Locale.ROOT, "weka.classifiers.functions.supportVector.RBFKernel -G %.6f", digitsGamma)),
      mlp(new String[0]),
      mlp(MnistMainJob.RECOMMENDED_OPTIONS)};
    String[] digitsNames = {"SMO, linear kernel, C 1", String.format(Locale.ROOT, "SMO, RBF kernel, C 10, gamma %.4f",
      digitsGamma), "MLP, default options", "MLP, " + Utils.joinOptions(MnistMainJob.RECOMMENDED_OPTIONS)};
    System.out.println("=== 8x8 digits (" + digits.numInstances() + " rows), 10-fold cross-validation");
    for (int i = 0; i < digitsSchemes.length; i++) {
      rows.add(Comparison.crossValidate(digitsNames[i], digitsSchemes[i], digits, 10).markdown(
        "8x8 digits, 10-fold CV"));
    }

    Instances train = MnistData.head(MnistData.load("mnist_train.arff.gz"), mnistRows);
    Instances test = MnistData.load("mnist_test.arff.gz");
    double mnistGamma = 1.0 / (train.numAttributes() - 1);
    String data = String.format(Locale.ROOT, "MNIST, first %,d training rows, 10,000 test rows", train.numInstances());
    System.out.println("=== " + data);
    rows.add(Comparison.split("SMO, linear kernel, C 1", smo(1.0,
      "weka.classifiers.functions.supportVector.PolyKernel -E 1.0"), train, test).markdown(data));
    rows.add(Comparison.split(String.format(Locale.ROOT, "SMO, RBF kernel, C 10, gamma %.5f", mnistGamma), smo(10.0,
      String.format(Locale.ROOT, "weka.classifiers.functions.supportVector.RBFKernel -G %.6f", mnistGamma)), train,
      test)
      .markdown(data));
    rows.add(Comparison.split("MLP, default options", mlp(new String[0]), train, test).markdown(data));
    rows.add(Comparison.split("MLP, " + Utils.joinOptions(MnistMainJob.RECOMMENDED_OPTIONS),
      mlp(MnistMainJob.RECOMMENDED_OPTIONS), train, test).markdown(data));

    System.out.println();
    System.out.println(Comparison.HEADER);
    rows.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%nWall time: %.1f s%n", MnistMainJob.seconds(start));
  }

  private static MultilayerPerceptronClassifier mlp(String[] options) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(options.clone());
    return mlp;
  }
}
