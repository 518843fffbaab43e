package org.wekamlp.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The lecture's architecture study on MNIST: from networks too small to learn the digits (3,3 and
 * 2,3,2) to a deeper one, each trained on the 60,000 training digits with the recommended pixel options
 * and tested on the 10,000 test digits. Prints a Markdown table.
 *
 * <p>Usage (from the project root): {@code java org.wekamlp.examples.MnistArchitectures [sizes ...]}, e.g.
 * {@code 100 256,128}; without arguments it runs {@link #ARCHITECTURES}.
 */
public final class MnistArchitectures {

  /** The architectures of the study, as -hidden-layer-sizes values. */
  public static final String[] ARCHITECTURES = {"3,3", "2,3,2", "10", "100", "256,128", "512,256,128"};

  private MnistArchitectures() {
  }

  /**
   * @param args hidden-layer-size lists to run instead of the default study
   * @throws Exception when the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    String[] architectures = args.length > 0 ? args : ARCHITECTURES;
    long start = System.nanoTime();
    Instances train = MnistData.load("mnist_train.arff.gz");
    Instances test = MnistData.load("mnist_test.arff.gz");
    List<String> rows = new ArrayList<>();
    for (String sizes : architectures) {
      String[] options = {"-input-scaling", "normalize", "-hidden-layer-sizes", sizes};
      System.out.println("=== hidden layers " + sizes + " (" + Utils.joinOptions(options) + ")");
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      mlp.setOptions(options);
      MnistMainJob.Result r = MnistMainJob.trainAndEvaluateQuietly(sizes, mlp, train, test);
      // the encoder drops the pixels that are 0 in every training digit, so the input layer is smaller than 784
      StringBuilder layers = new StringBuilder();
      for (int size : r.model.getNetwork().layerSizes()) {
        layers.append(layers.length() == 0 ? "" : "-").append(size);
      }
      rows.add(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %.1f s | %.2f %% | %.4f |", sizes, layers,
        r.model.getNetwork().numParameters(), r.model.getTrainingHistory().epochs(),
        r.trainSeconds, r.evaluation.pctCorrect(), r.evaluation.unweightedMacroFmeasure()));
    }
    System.out.println();
    System.out.println("| hidden layers | network (inputs-hidden-outputs) | parameters | epochs | training time "
      + "| test accuracy | macro F1 |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%nWall time: %.1f s%n", MnistMainJob.seconds(start));
  }
}
