package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier harness (CheckClassifier, CheckOptionHandler, CheckGOE, instance weights,
 * missing values, data integrity, and the regression reference file in src/test/resources/wekarefs).
 */
public class MultilayerPerceptronClassifierTest extends AbstractClassifierTest {

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
