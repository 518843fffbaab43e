package org.wekamlp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.Evaluation;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instances;

/** The pieces of the example programs, on small data (the MNIST runs themselves are not unit tests). */
class ExamplesTest {

  @Test
  void loaderReadsADatasetWithTheClassLastAndCutsAPrefix() throws Exception {
    Instances digits = MnistData.load("digits.arff");
    assertEquals(1797, digits.numInstances());
    assertEquals(digits.numAttributes() - 1, digits.classIndex());
    Instances head = MnistData.head(digits, 100);
    assertEquals(100, head.numInstances());
    assertEquals(digits.instance(99).toString(), head.instance(99).toString());
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.FileNotFoundException.class,
      () -> MnistData.load("no-such-file.arff"));
    assertTrue(e.getMessage().contains("no-such-file.arff not found"), e.getMessage());
  }

  @Test
  void chartsArePngImagesOfTheRequestedSize(@TempDir Path folder) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Instances iris = MnistData.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-max-iter", "30", "-early-stopping"});
    mlp.buildClassifier(iris);
    Evaluation evaluation = new Evaluation(iris);
    evaluation.evaluateModel(mlp, iris);
    File roc = folder.resolve("roc.png").toFile();
    File loss = folder.resolve("loss.png").toFile();
    Charts.writeRocCurves(evaluation, "ROC", roc);
    Charts.writeLossCurve(mlp.getTrainingHistory().lossCurve(), mlp.getTrainingHistory().validationScores(),
      "accuracy", "Loss", loss);
    for (File f : new File[] {roc, loss}) {
      BufferedImage image = ImageIO.read(f);
      assertEquals(900, image.getWidth(), f.getName());
      assertEquals(650, image.getHeight(), f.getName());
    }
  }

  @Test
  void crossValidationUsesEveryRowOnceForTesting() throws Exception {
    Instances iris = MnistData.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-solver", "lbfgs", "-hidden-layer-sizes", "5"});
    Comparison.Row row = Comparison.crossValidate("mlp", mlp, iris, 5);
    assertEquals(150, row.evaluation.numInstances(), 0.0);
    assertTrue(row.evaluation.pctCorrect() > 90, String.valueOf(row.evaluation.pctCorrect()));
    assertTrue(row.markdown("iris").startsWith("| iris | mlp | "), row.markdown("iris"));
  }
}
