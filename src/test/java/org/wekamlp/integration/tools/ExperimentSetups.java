package org.wekamlp.integration.tools;

import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.List;

import javax.swing.DefaultListModel;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Utils;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PropertyNode;
import weka.experiment.RegressionSplitEvaluator;
import weka.experiment.SplitEvaluator;
import weka.experiment.xml.XMLExperiment;

/**
 * Writes the Experimenter setups in {@code experiments/}: 10 x 10-fold cross-validation of the two
 * multilayer perceptrons against Weka's own learners, the same setups the Experimenter's simple mode
 * builds (a property iterator over classifiers), saved as XML that the Experimenter GUI opens.
 *
 * <p>Run from the repository root after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/classes:<weka classpath> org.wekamlp.integration.tools.ExperimentSetups experiments}
 */
public final class ExperimentSetups {

  /** The schemes of the classification comparison; the first is the base of the t-tests. */
  public static final List<String> CLASSIFIERS = List.of(
    "weka.classifiers.functions.MultilayerPerceptronClassifier",
    "weka.classifiers.functions.SMO",
    "weka.classifiers.functions.SMO -N 1 -K \"weka.classifiers.functions.supportVector.RBFKernel -G 0.01\"",
    "weka.classifiers.functions.Logistic",
    "weka.classifiers.functions.MultilayerPerceptron");

  /** The schemes of the regression comparison; the first is the base of the t-tests. */
  public static final List<String> REGRESSORS = List.of(
    "weka.classifiers.functions.MultilayerPerceptronRegressor",
    "weka.classifiers.functions.SMOreg",
    "weka.classifiers.functions.LinearRegression",
    "weka.classifiers.functions.MultilayerPerceptron");

  /** The schemes of the tuning comparison: default options (the base of the t-tests) against -tune. */
  public static final List<String> TUNING_CLASSIFIERS = List.of(
    "weka.classifiers.functions.MultilayerPerceptronClassifier",
    "weka.classifiers.functions.MultilayerPerceptronClassifier -tune");

  /**
   * The schemes of the calibrated tuning comparison: default options (the base) against {@code -tune -calibrate},
   * whose grid points are scored by their log-loss after their own temperature.
   */
  public static final List<String> TUNING_CALIBRATED_CLASSIFIERS = List.of(
    "weka.classifiers.functions.MultilayerPerceptronClassifier",
    "weka.classifiers.functions.MultilayerPerceptronClassifier -tune -calibrate");

  /** The schemes of the regression tuning comparison: default options (the base of the t-tests) against -tune. */
  public static final List<String> TUNING_REGRESSORS = List.of(
    "weka.classifiers.functions.MultilayerPerceptronRegressor",
    "weka.classifiers.functions.MultilayerPerceptronRegressor -tune");

  /** Classification data sets, relative to the repository root (Weka resolves them against its working directory). */
  public static final List<String> CLASSIFICATION_DATA = List.of(
    "datasets/iris.arff",
    "datasets/diabetes.arff",
    "datasets/digits.arff",
    "experiments/data/breast-cancer.arff",
    "experiments/data/credit-g.arff",
    "experiments/data/glass.arff",
    "experiments/data/ionosphere.arff",
    "experiments/data/vote.arff");

  /** Regression data sets, relative to the repository root. */
  public static final List<String> REGRESSION_DATA = List.of(
    "datasets/cpu.arff",
    "datasets/diabetes_regression.arff",
    "experiments/data/boston_housing.arff");

  /**
   * The schemes of the calibration comparison (ECE, {@code experiments/calibration.xml}): ours with defaults (the
   * base), ours with {@code -calibrate}, SMO with {@code -M} (Platt's logistic models on its outputs) and Logistic.
   */
  public static final List<String> CALIBRATION_SCHEMES = List.of(
    "weka.classifiers.functions.MultilayerPerceptronClassifier",
    "weka.classifiers.functions.MultilayerPerceptronClassifier -calibrate",
    "weka.classifiers.functions.SMO -M",
    "weka.classifiers.functions.Logistic");

  /** The small classification data sets of the calibration comparison. */
  public static final List<String> CALIBRATION_DATA = List.of(
    "datasets/iris.arff",
    "datasets/diabetes.arff",
    "experiments/data/breast-cancer.arff",
    "experiments/data/glass.arff",
    "experiments/data/ionosphere.arff",
    "experiments/data/vote.arff");

  /** Runs of the calibration comparison: 3 x 10-fold, what 2 cores shared with other jobs did in about 20 minutes. */
  public static final int CALIBRATION_RUNS = 3;

  public static final int RUNS = 10;
  public static final int FOLDS = 10;

  private ExperimentSetups() {
  }

  /**
   * Builds a cross-validation experiment over a list of schemes.
   *
   * @param regression true for a {@link RegressionSplitEvaluator}, false for a {@link ClassifierSplitEvaluator}
   * @param schemes scheme command lines (class name and options), the base scheme first
   * @param datasets ARFF files
   * @param runs repetitions (runs 1..runs)
   * @param folds cross-validation folds
   * @param results the ARFF file that receives one row per fold
   * @return the experiment, ready to save or run
   * @throws Exception if a scheme cannot be built
   */
  public static Experiment crossValidation(boolean regression, List<String> schemes, List<String> datasets,
    int runs, int folds, File results) throws Exception {
    Classifier[] classifiers = new Classifier[schemes.size()];
    for (int i = 0; i < classifiers.length; i++) {
      String[] options = Utils.splitOptions(schemes.get(i));
      String name = options[0];
      options[0] = "";
      classifiers[i] = AbstractClassifier.forName(name, options);
    }
    SplitEvaluator evaluator;
    if (regression) {
      RegressionSplitEvaluator e = new RegressionSplitEvaluator();
      e.setClassifier(classifiers[0]);
      evaluator = e;
    } else {
      ClassifierSplitEvaluator e = new ClassifierSplitEvaluator();
      e.setClassifier(classifiers[0]);
      evaluator = e;
    }
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(folds);
    producer.setSplitEvaluator(evaluator);

    // The same property path as the Experimenter's simple setup: resultProducer.splitEvaluator.classifier
    PropertyNode[] path = {
      new PropertyNode(evaluator, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class),
        CrossValidationResultProducer.class),
      new PropertyNode(classifiers[0], new PropertyDescriptor("classifier", evaluator.getClass()),
        evaluator.getClass())};

    Experiment experiment = new Experiment();
    experiment.setResultProducer(producer);
    experiment.setPropertyPath(path);
    experiment.setPropertyArray(classifiers);
    experiment.setUsePropertyIterator(true);
    experiment.setRunLower(1);
    experiment.setRunUpper(runs);
    DefaultListModel<File> files = new DefaultListModel<>();
    for (String dataset : datasets) {
      files.addElement(new File(dataset));
    }
    experiment.setDatasets(files);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(results);
    experiment.setResultListener(listener);
    experiment.setNotes((regression ? "Regression" : "Classification")
      + " comparison of the multilayer-perceptrons-ejml "
      + "package with Weka's learners: " + runs + " x " + folds + "-fold cross-validation; analyse with the corrected "
      + "paired t-test (experiments/run-experiment.sh prints the tables).");
    return experiment;
  }

  /**
   * Writes {@code classification.xml}, {@code regression.xml}, {@code calibration.xml},
   * {@code tuning-classification.xml}, {@code tuning-calibrated-classification.xml} and {@code tuning-regression.xml}
   * into a folder.
   *
   * @param args the output folder (default {@code experiments})
   * @throws Exception if a setup cannot be built or written
   */
  public static void main(String[] args) throws Exception {
    File dir = new File(args.length > 0 ? args[0] : "experiments");
    XMLExperiment xml = new XMLExperiment();
    xml.write(new File(dir, "classification.xml"), crossValidation(false, CLASSIFIERS, CLASSIFICATION_DATA, RUNS,
      FOLDS, new File("experiments/results/classification.arff")));
    xml.write(new File(dir, "regression.xml"), crossValidation(true, REGRESSORS, REGRESSION_DATA, RUNS, FOLDS,
      new File("experiments/results/regression.arff")));
    xml.write(new File(dir, "calibration.xml"), crossValidation(false, CALIBRATION_SCHEMES, CALIBRATION_DATA,
      CALIBRATION_RUNS, FOLDS, new File("experiments/results/calibration.arff")));
    xml.write(new File(dir, "tuning-classification.xml"), crossValidation(false, TUNING_CLASSIFIERS,
      CLASSIFICATION_DATA, RUNS, FOLDS, new File("experiments/results/tuning-classification.arff")));
    xml.write(new File(dir, "tuning-calibrated-classification.xml"), crossValidation(false,
      TUNING_CALIBRATED_CLASSIFIERS, CLASSIFICATION_DATA, RUNS, FOLDS, new File(
        "experiments/results/tuning-calibrated-classification.arff")));
    xml.write(new File(dir, "tuning-regression.xml"), crossValidation(true, TUNING_REGRESSORS, REGRESSION_DATA, RUNS,
      FOLDS, new File("experiments/results/tuning-regression.arff")));
    System.out.println("Wrote " + new File(dir, "classification.xml") + ", " + new File(dir, "regression.xml")
      + ", " + new File(dir, "calibration.xml") + ", " + new File(dir, "tuning-classification.xml") + ", "
      + new File(dir, "tuning-calibrated-classification.xml") + " and "
      + new File(dir, "tuning-regression.xml"));
  }
}
