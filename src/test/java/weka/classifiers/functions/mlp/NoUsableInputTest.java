package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.classifiers.rules.ZeroR;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * When no input column remains (every attribute constant or missing in training, or no attribute but the
 * class), there is nothing to learn from: the model predicts the weighted class distribution (classifier) or
 * the weighted mean (regressor) of the training data exactly, as Weka's ZeroR does, and says so.
 */
class NoUsableInputTest {

  /** x constant, colour one value only, z always missing; the class as given; weights 1, 2, 0.5, ... */
  private static Instances uninformative(Attribute classAttribute, double[] classValues) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green")));
    attributes.add(new Attribute("z"));
    attributes.add(classAttribute);
    Instances data = new Instances("uninformative", attributes, classValues.length);
    data.setClassIndex(3);
    for (int i = 0; i < classValues.length; i++) {
      double weight = i % 3 == 0 ? 1.0 : i % 3 == 1 ? 2.0 : 0.5;
      data.add(new DenseInstance(weight, new double[] {4.0, 1, Utils.missingValue(), classValues[i]}));
    }
    return data;
  }

  @Test
  void theClassifierPredictsTheWeightedClassDistributionOfTheTrainingData() throws Exception {
    Instances data = uninformative(new Attribute("class", Arrays.asList("a", "b", "c")),
      new double[] {0, 1, 1, 2, 1, 0, 1, Utils.missingValue(), 1, 2});
    double[] expected = new double[3];
    double total = 0;
    for (Instance instance : data) {
      if (!instance.classIsMissing()) {
        expected[(int) instance.classValue()] += instance.weight();
        total += instance.weight();
      }
    }
    for (int k = 0; k < 3; k++) {
      expected[k] /= total;
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.buildClassifier(data);
    for (Instance instance : data) {
      assertArrayEquals(expected, mlp.distributionForInstance(instance), 0.0);
    }
    for (double[] p : mlp.distributionsForInstances(data)) {
      assertArrayEquals(expected, p, 0.0);
    }
    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(data);
    assertEquals(zeroR.classifyInstance(data.instance(0)), mlp.classifyInstance(data.instance(0)), 0.0);
    String summary = mlp.toString();
    assertTrue(summary.contains("No usable input: all 3 attributes besides the class are constant or missing in "
      + "the training data."), summary);
    assertTrue(summary.contains("Predicts the weighted class distribution of the training data: a "
      + Utils.doubleToString(expected[0], 6) + ", b " + Utils.doubleToString(expected[1], 6) + ", c "
      + Utils.doubleToString(expected[2], 6)), summary);
    assertNull(mlp.getNetwork(), "no network is trained");
  }

  @Test
  void theRegressorPredictsTheWeightedMeanExactlyAsZeroRDoes() throws Exception {
    // a date class of years 2000-2094, as in Weka's CheckClassifier: values near 1e12, where rounding shows
    Attribute date = new Attribute("when", "yyyy-MM-dd");
    double[] years = new double[12];
    for (int i = 0; i < years.length; i++) {
      years[i] = date.parseDate((2000 + (i * 37) % 95) + "-01-01");
    }
    Instances data = uninformative(date, years);
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.buildClassifier(data);
    ZeroR zeroR = new ZeroR();
    zeroR.buildClassifier(data);
    double mean = zeroR.classifyInstance(data.instance(0));
    for (Instance instance : data) {
      assertEquals(mean, mlp.classifyInstance(instance), 0.0);
    }
    assertEquals(mean, mlp.distributionsForInstances(data)[5][0], 0.0);
    assertTrue(mlp.toString().contains("Predicts the weighted mean of the training targets: "
      + Utils.doubleToString(mean, 6)), mlp.toString());
  }

  @Test
  void onlyTheClassAndHugeTargetsGiveTheMeanWithoutOverflow() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("y"));
    Instances data = new Instances("only class", attributes, 3);
    data.setClassIndex(0);
    for (double y : new double[] {1e308, 1.5e308, 1.7e308}) {
      data.add(new DenseInstance(1.0, new double[] {y}));
    }
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.buildClassifier(data);
    double prediction = mlp.classifyInstance(data.instance(0));
    assertEquals(1.4e308, prediction, 1e294);
    assertTrue(mlp.toString().contains("No usable input: the training data have no attribute besides the class."),
      mlp.toString());
  }

  @Test
  void theConstantModelKeepsTheDocumentedErrorsCopiesAndTheIterativeLifeCycle() throws Exception {
    Instances data = uninformative(new Attribute("class", Arrays.asList("a", "b")), new double[] {0, 1, 1, 1});
    Instances zeroWeights = new Instances(data);
    for (Instance instance : zeroWeights) {
      instance.setWeight(0.0);
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(zeroWeights));
    assertEquals("The training rows have a total instance weight of 0.0: at least one instance needs a positive "
      + "weight.", e.getMessage());
    mlp.initializeClassifier(data);
    assertFalse(mlp.next(), "nothing to iterate");
    mlp.done();
    MultilayerPerceptronClassifier copy = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(mlp);
    assertArrayEquals(mlp.distributionForInstance(data.instance(0)), copy.distributionForInstance(data.instance(0)),
      0.0);
    assertEquals(mlp.toString(), copy.toString());
  }
}
