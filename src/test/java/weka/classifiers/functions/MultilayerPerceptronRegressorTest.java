package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;

import weka.classifiers.Classifier;

/** Weka's classifier harness for {@link MultilayerPerceptronRegressor}. */
public class MultilayerPerceptronRegressorTest extends MlpClassifierHarnessTest {

  /** @param name the test name */
  public MultilayerPerceptronRegressorTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new MultilayerPerceptronRegressor();
  }

  /** @return the suite of Weka's checks */
  public static Test suite() {
    return new TestSuite(MultilayerPerceptronRegressorTest.class);
  }
}
