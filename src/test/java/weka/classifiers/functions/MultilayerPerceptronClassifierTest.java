package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;

import weka.classifiers.Classifier;

/** Weka's classifier harness for {@link MultilayerPerceptronClassifier}. */
public class MultilayerPerceptronClassifierTest extends MlpClassifierHarnessTest {

  /** @param name the test name */
  public MultilayerPerceptronClassifierTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new MultilayerPerceptronClassifier();
  }

  /** @return the suite of Weka's checks */
  public static Test suite() {
    return new TestSuite(MultilayerPerceptronClassifierTest.class);
  }
}
