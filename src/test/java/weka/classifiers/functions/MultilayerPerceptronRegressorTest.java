package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;

import org.wekamlp.core.MatrixMultiplyBackends;

import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier harness (CheckClassifier, CheckOptionHandler, CheckGOE, instance weights,
 * missing values, data integrity, and the regression reference file in src/test/resources/wekarefs).
 * The reference file holds predictions to the last digit, which depend on the order of floating-point
 * sums inside the matrix products, so these tests use the EJML backend that runs on every platform;
 * {@code MatrixMultiplyBackendsTest} checks the native backend against it.
 */
public class MultilayerPerceptronRegressorTest extends AbstractClassifierTest {

  /** @param name the test name */
  public MultilayerPerceptronRegressorTest(String name) {
    super(name);
  }

  private String backendBefore;

  @Override
  protected void setUp() throws Exception {
    backendBefore = System.getProperty(MatrixMultiplyBackends.PROPERTY);
    System.setProperty(MatrixMultiplyBackends.PROPERTY, "ejml");
    super.setUp();
  }

  @Override
  protected void tearDown() {
    super.tearDown();
    if (backendBefore == null) {
      System.clearProperty(MatrixMultiplyBackends.PROPERTY);
    } else {
      System.setProperty(MatrixMultiplyBackends.PROPERTY, backendBefore);
    }
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
