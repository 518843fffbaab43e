package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import weka.classifiers.Evaluation;
import weka.classifiers.functions.mlp.TestDatasets;
import weka.core.Instances;

/** The classifiers learn: XOR, and accuracy floors on real data with default options. */
class LearningTest {

  @Test
  void learnsXor() throws Exception {
    Instances data = TestDatasets.xor();
    for (String solver : new String[] {"lbfgs", "adam"}) {
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      mlp.setOptions(new String[] {"-hidden-layer-sizes", "8", "-activation", "tanh", "-solver", solver,
        "-learning-rate-init", "0.05", "-max-iter", "500", "-alpha", "0"});
      mlp.buildClassifier(data);
      for (int i = 0; i < 4; i++) {
        double[] p = mlp.distributionForInstance(data.instance(i));
        assertTrue(p[(int) data.instance(i).classValue()] > 0.9, solver + ": row " + i + " " + Arrays.toString(p));
      }
    }
  }

  /** A linear model (no hidden layer) cannot learn XOR: the network's hidden layer is what does it. */
  @Test
  void withoutAHiddenLayerXorIsNotLearnable() throws Exception {
    Instances data = TestDatasets.xor();
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
    Instances iris = TestDatasets.load("iris.arff");
    Evaluation evaluation = new Evaluation(iris);
    evaluation.crossValidateModel(new MultilayerPerceptronClassifier(), iris, 10, new Random(1));
    // measured 96.0 %
    assertTrue(evaluation.pctCorrect() >= 95.0, "accuracy " + evaluation.pctCorrect());
  }

  @Test
  void cpuRegressionTenFoldCrossValidationWithDefaults() throws Exception {
    Instances cpu = TestDatasets.load("cpu.arff");
    Evaluation evaluation = new Evaluation(cpu);
    evaluation.crossValidateModel(new MultilayerPerceptronRegressor(), cpu, 10, new Random(1));
    // measured 0.957
    assertTrue(evaluation.correlationCoefficient() >= 0.95, "correlation " + evaluation.correlationCoefficient());
  }

  @Test
  void everySolverFitsIrisOnTheTrainingData() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
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
