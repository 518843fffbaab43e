package org.wekamlp.examples;

import java.util.Locale;
import java.util.Random;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;

/** Trains and tests one classifier on a split or by cross-validation, timing both phases. */
final class Comparison {

  /** Accuracy, macro F1 and timings of one classifier on one data set. */
  static final class Row {

    final String name;
    final Evaluation evaluation;
    final double trainSeconds;
    final double testSeconds;

    Row(String name, Evaluation evaluation, double trainSeconds, double testSeconds) {
      this.name = name;
      this.evaluation = evaluation;
      this.trainSeconds = trainSeconds;
      this.testSeconds = testSeconds;
    }

    String markdown(String data) {
      return String.format(Locale.ROOT, "| %s | %s | %.2f %% | %.4f | %.1f s | %.1f s |", data, name,
        evaluation.pctCorrect(), evaluation.unweightedMacroFmeasure(), trainSeconds, testSeconds);
    }
  }

  static final String HEADER = "| data | classifier | accuracy | macro F1 | training time | test time |\n"
    + "|---|---|---:|---:|---:|---:|";

  private Comparison() {
  }

  /**
   * @param name label
   * @param template an untrained classifier, copied. Not modified.
   * @param train training data. Not modified.
   * @param test test data. Not modified.
   * @return the evaluation on the test data with training and test wall times
   * @throws Exception when training fails
   */
  static Row split(String name, Classifier template, Instances train, Instances test) throws Exception {
    Classifier classifier = AbstractClassifier.makeCopy(template);
    long start = System.nanoTime();
    classifier.buildClassifier(train);
    double trainSeconds = (System.nanoTime() - start) * 1e-9;
    Evaluation evaluation = new Evaluation(train);
    start = System.nanoTime();
    evaluation.evaluateModel(classifier, test);
    double testSeconds = (System.nanoTime() - start) * 1e-9;
    return report(new Row(name, evaluation, trainSeconds, testSeconds));
  }

  /**
   * Stratified k-fold cross-validation with the same folds for every classifier (seed 1); times are the
   * sums over the folds.
   *
   * @param name label
   * @param template an untrained classifier, copied per fold. Not modified.
   * @param data all data. Not modified.
   * @param folds number of folds
   * @return the pooled evaluation with summed training and test times
   * @throws Exception when training fails
   */
  static Row crossValidate(String name, Classifier template, Instances data, int folds) throws Exception {
    Instances shuffled = new Instances(data);
    shuffled.randomize(new Random(1));
    shuffled.stratify(folds);
    Evaluation evaluation = new Evaluation(shuffled);
    double trainSeconds = 0;
    double testSeconds = 0;
    for (int fold = 0; fold < folds; fold++) {
      Instances train = shuffled.trainCV(folds, fold, new Random(1));
      Instances test = shuffled.testCV(folds, fold);
      Classifier classifier = AbstractClassifier.makeCopy(template);
      long start = System.nanoTime();
      classifier.buildClassifier(train);
      trainSeconds += (System.nanoTime() - start) * 1e-9;
      start = System.nanoTime();
      evaluation.evaluateModel(classifier, test);
      testSeconds += (System.nanoTime() - start) * 1e-9;
    }
    return report(new Row(name, evaluation, trainSeconds, testSeconds));
  }

  private static Row report(Row row) {
    System.out.printf(Locale.ROOT, "  %-60s accuracy %.2f %%, macro F1 %.4f, train %.1f s, test %.1f s%n", row.name,
      row.evaluation.pctCorrect(), row.evaluation.unweightedMacroFmeasure(), row.trainSeconds, row.testSeconds);
    return row;
  }
}
