package weka.classifiers.functions;

import org.wekamlp.core.backend.Backends;

import weka.classifiers.AbstractClassifierTest;

/**
 * Weka's own classifier harness (CheckClassifier, CheckOptionHandler, CheckGOE, instance weights,
 * missing values, data integrity, and the regression reference files in src/test/resources/wekarefs),
 * run with the EJML backend. The reference files hold predictions to the last digit, which depend on the
 * order of floating-point sums inside the matrix products; EJML runs on every platform, so the
 * references do too. {@code BackendsTest} checks the native backend against EJML.
 */
public abstract class MlpClassifierHarnessTest extends AbstractClassifierTest {

  private String backendBefore;

  /** @param name the test name */
  protected MlpClassifierHarnessTest(String name) {
    super(name);
  }

  @Override
  protected void setUp() throws Exception {
    backendBefore = System.getProperty(Backends.PROPERTY);
    System.setProperty(Backends.PROPERTY, "ejml");
    super.setUp();
  }

  @Override
  protected void tearDown() {
    super.tearDown();
    if (backendBefore == null) {
      System.clearProperty(Backends.PROPERTY);
    } else {
      System.setProperty(Backends.PROPERTY, backendBefore);
    }
  }
}
