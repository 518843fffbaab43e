package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** The classifiers learn: XOR, and accuracy floors on real data with default options. */
class LearningTest {

  static Instances load(String file) throws Exception {
    Instances data = DataSource.read("datasets/" + file);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  @Test
  void learnsXor() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("a"));
    attributes.add(new Attribute("b"));
    attributes.add(new Attribute("xor", Arrays.asList("false", "true")));
    Instances data = new Instances("xor", attributes, 4);
    data.setClassIndex(2);
    double[][] rows = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    for (double[] row : rows) {
      data.add(new DenseInstance(1.0, row));
    }
    for (String solver : new String[] {"lbfgs", "adam"}) {
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      mlp.setOptions(new String[] {"-hidden-layer-sizes", "8", "-activation", "tanh", "-solver", solver,
        "-learning-rate-init", "0.05", "-max-iter", "500", "-alpha", "0"});
      mlp.buildClassifier(data);
      for (int i = 0; i < 4; i++) {
        double[] p = mlp.distributionForInstance(data.instance(i));
        assertTrue(p[(int) rows[i][2]] > 0.9, solver + ": row " + i + " " + Arrays.toString(p));
      }
    }
  }

  /** A linear model (no hidden layer) cannot learn XOR: the network's hidden layer is what does it. */
  @Test
  void withoutAHiddenLayerXorIsNotLearnable() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("a"));
    attributes.add(new Attribute("b"));
    attributes.add(new Attribute("xor", Arrays.asList("false", "true")));
    Instances data = new Instances("xor", attributes, 4);
    data.setClassIndex(2);
    double[][] rows = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    for (double[] row : rows) {
      data.add(new DenseInstance(1.0, row));
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "", "-solver", "lbfgs", "-alpha", "0"});
    mlp.buildClassifier(data);
    assertEquals(2, mlp.getNetwork().numLayers() + 1);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.5, mlp.distributionForInstance(data.instance(i))[1], 0.01);
    }
  }

  @Test
  void irisTenFoldCrossValidationWithDefaults() throws Exception {
    Instances iris = load("iris.arff");
    Evaluation evaluation = new Evaluation(iris);
    evaluation.crossValidateModel(new MultilayerPerceptronClassifier(), iris, 10, new Random(1));
    // measured 96.0 %
    assertTrue(evaluation.pctCorrect() >= 95.0, "accuracy " + evaluation.pctCorrect());
  }

  @Test
  void cpuRegressionTenFoldCrossValidationWithDefaults() throws Exception {
    Instances cpu = load("cpu.arff");
    Evaluation evaluation = new Evaluation(cpu);
    evaluation.crossValidateModel(new MultilayerPerceptronRegressor(), cpu, 10, new Random(1));
    // measured 0.957
    assertTrue(evaluation.correlationCoefficient() >= 0.95, "correlation " + evaluation.correlationCoefficient());
  }

  @Test
  void everySolverFitsIrisOnTheTrainingData() throws Exception {
    Instances iris = load("iris.arff");
    for (String solver : new String[] {"adam", "sgd", "lbfgs"}) {
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      mlp.setOptions(new String[] {"-solver", solver, "-learning-rate-init", "0.01"});
      mlp.buildClassifier(iris);
      Evaluation evaluation = new Evaluation(iris);
      evaluation.evaluateModel(mlp, iris);
      assertTrue(evaluation.pctCorrect() >= 96.0, solver + ": " + evaluation.pctCorrect());
    }
  }
}
