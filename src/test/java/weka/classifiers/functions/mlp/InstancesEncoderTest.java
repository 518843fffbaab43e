package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** The preprocessing between Weka instances and the network's input matrix. */
class InstancesEncoderTest {

  /** Attributes: x numeric, colour nominal {red, green, blue}, constant numeric, when date, class nominal. */
  private static Instances mixed() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue")));
    attributes.add(new Attribute("constant"));
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    attributes.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances data = new Instances("mixed", attributes, 4);
    data.setClassIndex(4);
    double day = 86_400_000.0;
    data.add(new DenseInstance(1, new double[] {1, 0, 7, 0 * day, 0}));
    data.add(new DenseInstance(1, new double[] {3, 1, 7, 2 * day, 1}));
    data.add(new DenseInstance(1, new double[] {Utils.missingValue(), 1, 7, 4 * day, 0}));
    data.add(new DenseInstance(1, new double[] {5, Utils.missingValue(), 7, Utils.missingValue(), 1}));
    return data;
  }

  @Test
  void standardizesNumbersAndDatesOneHotEncodesNominalsImputesAndDropsConstants() throws Exception {
    Instances data = mixed();
    InstancesEncoder encoder = InstancesEncoder.fit(data, InputScaling.STANDARDIZE);
    // columns in attribute order: x, red, green (blue never occurs: no column), when; constant dropped
    assertEquals(4, encoder.numColumns());
    assertEquals(1, encoder.numDropped());
    DMatrixRMaj m = encoder.encode(data);
    double sd = Math.sqrt(8.0 / 3.0); // x: 1, 3, 5 -> mean 3, population sd sqrt(8/3)
    // dates 0, 2, 4 days: the same standardized values as x
    double[][] expected = {
      {-2 / sd, 1, 0, -2 / sd},
      {0, 0, 1, 0},
      {0, 0, 1, 2 / sd}, // missing x -> mean -> 0
      {2 / sd, 0, 1, 0}}; // missing colour -> mode green; missing date -> mean -> 0
    for (int i = 0; i < 4; i++) {
      double[] row = Arrays.copyOfRange(m.data, i * 4, i * 4 + 4);
      assertArrayEquals(expected[i], row, 1e-12, "row " + i);
    }
  }

  @Test
  void normalizeAndSymmetricMapTheTrainingRange() throws Exception {
    Instances data = mixed();
    DMatrixRMaj normalized = InstancesEncoder.fit(data, InputScaling.NORMALIZE).encode(data);
    assertEquals(0.0, normalized.get(0, 0), 1e-12);
    assertEquals(1.0, normalized.get(3, 0), 1e-12);
    assertEquals(0.5, normalized.get(1, 0), 1e-12);
    DMatrixRMaj symmetric = InstancesEncoder.fit(data, InputScaling.SYMMETRIC).encode(data);
    assertEquals(-1.0, symmetric.get(0, 0), 1e-12);
    assertEquals(1.0, symmetric.get(3, 0), 1e-12);
    assertEquals(0.0, symmetric.get(1, 0), 1e-12);
    DMatrixRMaj none = InstancesEncoder.fit(data, InputScaling.NONE).encode(data);
    assertEquals(5.0, none.get(3, 0), 1e-12);
    assertEquals(3.0, none.get(2, 0), 1e-12); // imputed mean
  }

  @Test
  void theFittedEncodingIsReusedUnchangedOnNewData() throws Exception {
    Instances train = mixed();
    InstancesEncoder encoder = InstancesEncoder.fit(train, InputScaling.NORMALIZE);
    Instances test = new Instances(train, 0);
    test.add(new DenseInstance(1, new double[] {9, 2, 100, 0, 0})); // out of range, unseen value blue
    DMatrixRMaj m = encoder.encode(test);
    assertEquals(2.0, m.get(0, 0), 1e-12, "(9 - 1) / (5 - 1)");
    assertEquals(0.0, m.get(0, 2), 0.0, "blue has no column: red stays 0");
    assertEquals(0.0, m.get(0, 3), 0.0, "blue has no column: green stays 0");
  }

  @Test
  void hugeValuesNeitherOverflowNorLoseTheirSpread() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("huge"));
    attributes.add(new Attribute("class"));
    Instances data = new Instances("huge", attributes, 3);
    data.setClassIndex(1);
    data.add(new DenseInstance(1, new double[] {1e300, 0}));
    data.add(new DenseInstance(1, new double[] {-1e300, 0}));
    data.add(new DenseInstance(1, new double[] {1.7e308, 0}));
    EncoderStatisticsTest.assertStandardized(InstancesEncoder.fit(data, InputScaling.STANDARDIZE).encode(data));
  }

  @Test
  void infiniteValuesAreRejectedNamingTheAttributeAndInstance() throws Exception {
    Instances data = mixed();
    data.instance(1).setValue(0, Double.POSITIVE_INFINITY);
    Exception e = assertThrows(IllegalArgumentException.class, () -> InstancesEncoder.fit(data, InputScaling.NONE));
    assertEquals("Attribute 'x' has the infinite value Infinity in instance 2; replace it with a finite number "
      + "or mark it missing ('?').", e.getMessage());
  }

  @Test
  void theFirstProblemInAttributeOrderIsReported() throws Exception {
    // the statistics of all numeric attributes are gathered in one pass, but the errors keep attribute order:
    // infinite values in 'when' (4th) and 'constant' (3rd): the 3rd is reported, at its first bad row
    Instances data = mixed();
    data.instance(3).setValue(3, Double.NEGATIVE_INFINITY);
    data.instance(2).setValue(2, Double.POSITIVE_INFINITY);
    data.instance(0).setValue(2, Double.NEGATIVE_INFINITY);
    Exception e = assertThrows(IllegalArgumentException.class, () -> InstancesEncoder.fit(data, InputScaling.NONE));
    assertEquals("Attribute 'constant' has the infinite value -Infinity in instance 1; replace it with a finite "
      + "number or mark it missing ('?').", e.getMessage());
    // an attribute the network cannot use, before any infinite value, is reported first
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (java.util.List<String>) null));
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances withText = new Instances("text", attributes, 2);
    withText.setClassIndex(2);
    withText.add(new DenseInstance(1, new double[] {withText.attribute(0).addStringValue("hi"), 1, 0}));
    withText.add(new DenseInstance(1, new double[] {0, Double.POSITIVE_INFINITY, 1}));
    e = assertThrows(IllegalArgumentException.class, () -> InstancesEncoder.fit(withText, InputScaling.NONE));
    assertTrue(e.getMessage().startsWith("Attribute 'text' has type string"), e.getMessage());
  }
}
