package org.wekamlp.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.core.Utils;

/**
 * The options of {@link TrainOnSpark}, in Weka's style; everything after {@code --} goes to the classifier.
 */
final class JobOptions {

  /** The global minibatch of adam and sgd when the classifier's -mini-batch-size is left automatic. */
  static final int DEFAULT_GLOBAL_BATCH = 4096;

  static final String USAGE = "Usage: TrainOnSpark [-master URL] -t PATH [-header FILE.arff] [-c INDEX] [-T PATH]\n"
    + "  [-num-partitions N] [-global-batch-size ROWS] [-d FILE] [-W CLASSNAME] [-- classifier options]\n"
    + "  -master URL           Spark master, e.g. local[4] (spark-submit sets it)\n"
    + "  -t PATH               training data: ARFF, or CSV with -header; a file, folder or glob, any Hadoop URL\n"
    + "  -header FILE.arff     the attribute types of CSV training data (its data section, if any, is ignored)\n"
    + "  -c INDEX              the class attribute, from 1, or first or last (default last)\n"
    + "  -T PATH               test data (ARFF: any Hadoop URL; other formats: a local file), evaluated as Weka does\n"
    + "  -num-partitions N     spread the rows over N partitions (default: the input splits)\n"
    + "  -global-batch-size R  rows per global minibatch of adam and sgd when -mini-batch-size is automatic "
    + "(default " + DEFAULT_GLOBAL_BATCH + ")\n"
    + "  -d FILE               save the trained classifier (any Hadoop URL)\n"
    + "  -W CLASSNAME          weka.classifiers.functions.MultilayerPerceptronClassifier (default) or "
    + "...MultilayerPerceptronRegressor";

  String master;
  String train;
  String header;
  String classIndex = "last";
  String test;
  int numPartitions;
  int globalBatchSize = DEFAULT_GLOBAL_BATCH;
  String modelFile;
  String classifierName = "weka.classifiers.functions.MultilayerPerceptronClassifier";
  String[] classifierOptions = new String[0];

  /**
   * @param args the command line. Not modified.
   * @return the options
   * @throws IllegalArgumentException naming an unknown or invalid option
   */
  static JobOptions parse(String[] args) {
    JobOptions options = new JobOptions();
    List<String> list = new ArrayList<>(Arrays.asList(args));
    int dashes = list.indexOf("--");
    if (dashes >= 0) {
      options.classifierOptions = list.subList(dashes + 1, list.size()).toArray(new String[0]);
      list = new ArrayList<>(list.subList(0, dashes));
    }
    for (int i = 0; i < list.size(); i += 2) {
      String flag = list.get(i);
      if (i + 1 >= list.size()) {
        throw new IllegalArgumentException("Option " + flag + " needs a value.\n" + USAGE);
      }
      options.set(flag, list.get(i + 1));
    }
    if (options.train == null) {
      throw new IllegalArgumentException("No training data: give -t PATH.\n" + USAGE);
    }
    return options;
  }

  private void set(String flag, String value) {
    switch (flag) {
      case "-master":
        master = value;
        break;
      case "-t":
        train = value;
        break;
      case "-header":
        header = value;
        break;
      case "-c":
        classIndex = value;
        break;
      case "-T":
        test = value;
        break;
      case "-num-partitions":
        numPartitions = positive(flag, value);
        break;
      case "-global-batch-size":
        globalBatchSize = positive(flag, value);
        break;
      case "-d":
        modelFile = value;
        break;
      case "-W":
        classifierName = value;
        break;
      default:
        throw new IllegalArgumentException("Unknown option " + flag + " (the classifier's options go after --).\n"
          + USAGE);
    }
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid " + flag + " " + value + ": must be a whole number >= 1.");
  }

  /**
   * @param numAttributes the header's number of attributes
   * @return the class index, from 0
   * @throws IllegalArgumentException for an index out of range
   */
  int classIndex(int numAttributes) {
    if (classIndex.equals("last")) {
      return numAttributes - 1;
    }
    if (classIndex.equals("first")) {
      return 0;
    }
    try {
      int index = Integer.parseInt(classIndex);
      if (index >= 1 && index <= numAttributes) {
        return index - 1;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid -c " + classIndex + ": must be first, last or 1 to " + numAttributes
      + ".");
  }

  /**
   * @return the classifier named by -W with the options after --
   * @throws Exception naming -W or the invalid classifier option
   */
  AbstractMultilayerPerceptron classifier() throws Exception {
    Object made;
    try {
      made = Class.forName(classifierName).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Invalid -W " + classifierName + ": no such class.");
    }
    if (!(made instanceof AbstractMultilayerPerceptron)) {
      throw new IllegalArgumentException("Invalid -W " + classifierName + ": must be "
        + "weka.classifiers.functions.MultilayerPerceptronClassifier or MultilayerPerceptronRegressor.");
    }
    AbstractMultilayerPerceptron classifier = (AbstractMultilayerPerceptron) made;
    String[] rest = classifierOptions.clone();
    classifier.setOptions(rest);
    Utils.checkForRemainingOptions(rest);
    return classifier;
  }
}
