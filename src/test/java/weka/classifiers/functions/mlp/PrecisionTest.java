package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backends;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instances;

/**
 * The option {@code -precision}: float32 products through the classifier, what the summary and the debug output
 * say, the fall-back to float64 where float32 cannot be had, and the system property's part in it.
 */
class PrecisionTest {

  /**
   * Probabilities of the float32 and the float64 model after the same five epochs on the digits: rounding apart
   * (measured: at most 5.1e-7).
   */
  private static final double FLOAT32_PROBABILITY_TOLERANCE = 1e-5;

  private String propertyBefore;
  private Instances digits;

  @BeforeEach
  void rememberTheProperty() throws Exception {
    propertyBefore = System.getProperty(Backends.PROPERTY);
    System.clearProperty(Backends.PROPERTY);
    digits = TestDatasets.load("digits.arff");
  }

  @AfterEach
  void restoreTheProperty() {
    if (propertyBefore == null) {
      System.clearProperty(Backends.PROPERTY);
    } else {
      System.setProperty(Backends.PROPERTY, propertyBefore);
    }
  }

  private static MultilayerPerceptronClassifier trained(String precision, Instances data) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "256", "-max-iter", "5", "-num-threads", "2", "-precision",
      precision});
    mlp.buildClassifier(data);
    return mlp;
  }

  private static String summaryLine(MultilayerPerceptronClassifier mlp, String start) {
    for (String line : mlp.toString().split("\n")) {
      if (line.startsWith(start)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + start + "' in\n" + mlp);
  }

  private static void assertSameModel(MultilayerPerceptronClassifier expected, MultilayerPerceptronClassifier actual,
    String what) {
    double[][] e = expected.getNetwork().parameterArrays();
    double[][] a = actual.getNetwork().parameterArrays();
    for (int k = 0; k < e.length; k++) {
      assertArrayEquals(e[k], a[k], 0.0, what);
    }
  }

  @Test
  void float32TrainsAndPredictsWithinRoundingOfFloat64AndSaysSo() throws Exception {
    MultilayerPerceptronClassifier float64 = trained("float64", digits);
    MultilayerPerceptronClassifier float32 = trained("float32", digits);
    assertEquals("Precision:    float64", summaryLine(float64, "Precision:"));
    assertEquals("Precision:    float32 (-precision float32): products in single precision, training data in float32",
      summaryLine(float32, "Precision:"));
    assertEquals("Threads:      2, matrix products: OpenBLAS (native sgemm, float32 products)",
      summaryLine(float32, "Threads:"));
    double[][] expected = float64.distributionsForInstances(digits);
    double[][] actual = float32.distributionsForInstances(digits);
    double largest = 0.0;
    for (int i = 0; i < expected.length; i++) {
      for (int k = 0; k < expected[i].length; k++) {
        largest = Math.max(largest, Math.abs(expected[i][k] - actual[i][k]));
      }
    }
    assertTrue(largest < FLOAT32_PROBABILITY_TOLERANCE, "largest difference of a probability " + largest);
    assertTrue(largest > 0.0, "float32 gave the float64 model to the last bit: not float32");
  }

  @Test
  void aFloat32ModelPredictsInFloat32AfterSavingAndLoading() throws Exception {
    MultilayerPerceptronClassifier float32 = trained("float32", digits);
    MultilayerPerceptronClassifier copy = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(float32);
    double[][] before = float32.distributionsForInstances(digits);
    double[][] after = copy.distributionsForInstances(digits);
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0.0);
    }
    assertEquals(summaryLine(float32, "Precision:"), summaryLine(copy, "Precision:"));
  }

  @Test
  void withoutOpenBlasFloat32FallsBackToFloat64AndSaysWhy() throws Exception {
    System.setProperty(Backends.PROPERTY, "ejml");
    MultilayerPerceptronClassifier float64 = trained("float64", digits);
    MultilayerPerceptronClassifier asked32 = trained("float32", digits);
    assertEquals("Precision:    float64: -precision float32 asks for float32 products, which need OpenBLAS; "
      + "-Dwekamlp.backend=ejml chooses EJML, so the products ran on EJML in float64",
      summaryLine(asked32, "Precision:"));
    assertEquals("Threads:      2, matrix products: EJML (serial kernels)", summaryLine(asked32, "Threads:"));
    assertSameModel(float64, asked32, "the float64 model, bit for bit");
  }

  @Test
  void thePropertysFloat32ValueAsksForFloat32WhateverTheOption() throws Exception {
    System.setProperty(Backends.PROPERTY, "openblas-float32");
    MultilayerPerceptronClassifier mlp = trained("float64", digits);
    assertEquals("Precision:    float32: products in single precision, training data in float32, as "
      + "-Dwekamlp.backend=openblas-float32 asks for (-precision is float64)", summaryLine(mlp, "Precision:"));
    System.clearProperty(Backends.PROPERTY);
    MultilayerPerceptronClassifier asked32 = trained("float32", digits);
    assertSameModel(asked32, mlp, "the -precision float32 model, bit for bit");
  }

  /** The debug output of a one-epoch run on iris (150 rows, 4 columns). */
  private static String debugOutput(String precision) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "8", "-max-iter", "1", "-precision", precision,
      "-output-debug-info"});
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8.name()));
    try {
      mlp.buildClassifier(TestDatasets.load("iris.arff"));
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8.name());
  }

  @Test
  void theDebugOutputNamesThePrecisionAndTheTrainingDataItHolds() throws Exception {
    String err = debugOutput("float32");
    assertTrue(err.contains("MultilayerPerceptronClassifier: matrix products by OpenBLAS (native sgemm, float32 "
      + "products); precision float32 (-precision float32): products in single precision, training data in float32"),
      err);
    // what the training data object itself reports: 4 bytes per value in float32, 8 in float64
    assertTrue(err.contains("MultilayerPerceptronClassifier: encoded training data 150 x 4 in float32, 2400 bytes"),
      err);
    assertTrue(debugOutput("float64").contains("encoded training data 150 x 4 in float64, 4800 bytes"));
  }
}
