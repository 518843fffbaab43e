package org.wekamlp.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instances;

/**
 * What {@code -tune} costs on MNIST: a plain fit with default options, then {@code -tune} with each given
 * {@code -tune-max-rows} (the default caps when none is given), on the 60,000 training digits, each tested on the 10,000
 * test digits; prints the tuned models' summaries (the tuning table) and one table of wall times, their ratio to
 * the plain fit, and test accuracies.
 *
 * <p>Usage: {@code mvn -B -q -Pmnist -DskipTests package exec:java -Dmainjob.class=org.wekamlp.examples.MnistTuneCost
 * [-Dexec.args="2000 1000"]}.
 */
public final class MnistTuneCost {

  private MnistTuneCost() {
  }

  /**
   * @param args values of -tune-max-rows to try; none for the default
   * @throws Exception when the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    System.out.println("MNIST: plain fit against -tune (" + Runtime.getRuntime().availableProcessors()
      + " processors, Java " + System.getProperty("java.version") + ")");
    Instances train = MnistData.load("mnist_train.arff.gz");
    Instances test = MnistData.load("mnist_test.arff.gz");
    List<MnistMainJob.Result> results = new ArrayList<>();
    results.add(MnistMainJob.trainAndEvaluateQuietly("plain fit (defaults)", new MultilayerPerceptronClassifier(),
      train, test));
    String[] caps = args.length == 0 ? new String[] {null} : args;
    for (String cap : caps) {
      MultilayerPerceptronClassifier tuned = new MultilayerPerceptronClassifier();
      tuned.setTune(true);
      if (cap != null) {
        tuned.setTuneMaxRows(Integer.parseInt(cap));
        tuned.setTuneMaxValues(0); // the rows cap alone: the default values cap binds at 500 MNIST rows
      }
      String name = cap == null ? "-tune (default caps)" : "-tune -tune-max-rows " + tuned.getTuneMaxRows();
      results.add(MnistMainJob.trainAndEvaluateQuietly(name, tuned, train, test));
      System.out.println(tuned);
    }
    double plain = results.get(0).trainSeconds;
    System.out.println("| run | training time | x plain fit | chosen | test accuracy |");
    System.out.println("|---|---:|---:|---|---:|");
    for (MnistMainJob.Result r : results) {
      String chosen = r.model.getModel().tuning() == null ? "solver " + r.model.getSolver().getSelectedTag()
        .getIDStr() + ", alpha " + r.model.getAlpha() : choice(r.model);
      System.out.printf(Locale.ROOT, "| %s | %.1f s | %.2f | %s | %.2f %% |%n", r.name, r.trainSeconds,
        r.trainSeconds / plain, chosen, r.evaluation.pctCorrect());
    }
  }

  private static String choice(MultilayerPerceptronClassifier model) {
    weka.classifiers.functions.mlp.TuningReport report = model.getModel().tuning();
    return report.choseIntercept() ? "intercept only" : "solver " + report.chosenSolver().optionName() + ", alpha "
      + report.chosenAlpha() + " on the subsample, " + String.format(Locale.ROOT, "%.4g", report.finalAlpha())
      + " on all rows";
  }
}
