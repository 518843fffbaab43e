package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/** Statistics an encoder is built from: computed per part of the data and merged, or in one pass. */
class EncoderStatisticsTest {

  /**
   * 400 rows: 'offset' (mean 1000, spread 1), 'huge' (values near 1e300, plus a few near 1.7e308 and -1e300),
   * 'tiny' (near 1e-300), 'sparse' (mostly missing), 'when' (dates), 'colour' (nominal, some missing), and a
   * nominal class; weights 0.5 to 3, some 0.
   */
  private static Instances data() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("offset"));
    attributes.add(new Attribute("huge"));
    attributes.add(new Attribute("tiny"));
    attributes.add(new Attribute("sparse"));
    attributes.add(new Attribute("when", "yyyy-MM-dd"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue", "never")));
    attributes.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances data = new Instances("statistics", attributes, 400);
    data.setClassIndex(6);
    Random random = new Random(5);
    for (int i = 0; i < 400; i++) {
      double huge = random.nextInt(50) == 0 ? (random.nextBoolean() ? 1.7e308 : -1e300)
        : 1e300 * (1 + random.nextDouble());
      double[] values = {1000 + random.nextGaussian(), huge, 1e-300 * (2 + random.nextDouble()),
        random.nextInt(10) == 0 ? random.nextGaussian() : Utils.missingValue(),
        1.6e12 + 86_400_000.0 * random.nextInt(1000), random.nextInt(8) == 0 ? Utils.missingValue()
          : random.nextInt(3), random.nextInt(2)};
      double weight = random.nextInt(10) == 0 ? 0.0 : 0.5 + 2.5 * random.nextDouble();
      data.add(new DenseInstance(weight, values));
    }
    return data;
  }

  /** @return the rows split at random into the given number of parts; part 0 is empty */
  private static int[][] split(int rows, int parts, Random random) {
    int[] counts = new int[parts];
    int[] partOfRow = new int[rows];
    for (int i = 0; i < rows; i++) {
      partOfRow[i] = 1 + random.nextInt(parts - 1);
      counts[partOfRow[i]]++;
    }
    int[][] result = new int[parts][];
    for (int p = 0; p < parts; p++) {
      result[p] = new int[counts[p]];
      counts[p] = 0;
    }
    for (int i = 0; i < rows; i++) {
      result[partOfRow[i]][counts[partOfRow[i]]++] = i;
    }
    return result;
  }

  private static EncoderStatistics merged(Instances data, int parts, long seed) {
    int[][] split = split(data.numInstances(), parts, new Random(seed));
    EncoderStatistics statistics = EncoderStatistics.of(data, split[0]);
    for (int p = 1; p < parts; p++) {
      statistics = statistics.merge(EncoderStatistics.of(data, split[p]));
    }
    return statistics;
  }

  private static void assertRelative(double expected, double actual, String name) {
    assertEquals(expected, actual, 1e-12 * Math.abs(expected), name);
  }

  @Test
  void mergedStatisticsOfRandomSplitsEqualThoseOfOnePass() {
    Instances data = data();
    EncoderStatistics whole = EncoderStatistics.of(data);
    for (int parts : new int[] {2, 3, 7}) {
      EncoderStatistics merged = merged(data, parts, parts);
      for (int a = 0; a < 5; a++) {
        NumericStatistics expected = whole.numeric(a);
        NumericStatistics actual = merged.numeric(a);
        String name = parts + " parts, attribute " + data.attribute(a).name();
        assertEquals(expected.count(), actual.count(), name);
        assertEquals(expected.missingCount(), actual.missingCount(), name);
        assertEquals(expected.min(), actual.min(), 0.0, name);
        assertEquals(expected.max(), actual.max(), 0.0, name);
        assertEquals(expected.magnitude(), actual.magnitude(), 0.0, name);
        assertRelative(expected.scaledMean(), actual.scaledMean(), name);
        assertRelative(expected.scaledM2(), actual.scaledM2(), name);
        assertRelative(expected.mean(), actual.mean(), name);
        assertRelative(expected.standardDeviation(), actual.standardDeviation(), name);
      }
      NominalStatistics expected = whole.nominal(5);
      NominalStatistics actual = merged.nominal(5);
      for (int v = 0; v < 4; v++) {
        assertEquals(expected.count(v), actual.count(v));
        assertRelative(expected.weight(v), actual.weight(v), parts + " parts, weight of colour " + v);
      }
      assertEquals(expected.missingCount(), actual.missingCount());
      assertEquals(expected.mode(), actual.mode());
      assertEquals(3, actual.numSeen());
      assertNull(merged.numeric(6), "no statistics of the class");
      assertNull(merged.nominal(6), "no statistics of the class");
    }
  }

  @Test
  void onePassStatisticsAreTheTextbookOnesOfTheRowsWithWeight() {
    Instances data = data();
    int count = 0;
    double sum = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.instance(i).weight() > 0) {
        count++;
        sum += data.instance(i).value(0);
      }
    }
    double mean = sum / count;
    double squares = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.instance(i).weight() > 0) {
        double d = data.instance(i).value(0) - mean;
        squares += d * d;
      }
    }
    NumericStatistics offset = EncoderStatistics.of(data).numeric(0);
    assertEquals(count, offset.count());
    assertRelative(mean, offset.mean(), "mean");
    assertRelative(Math.sqrt(squares / count), offset.standardDeviation(), "population standard deviation");
    NumericStatistics sparse = EncoderStatistics.of(data).numeric(3);
    assertEquals(count, sparse.count() + sparse.missingCount());
    assertTrue(sparse.missingCount() > 300, "missing " + sparse.missingCount());
  }

  @Test
  void anEncoderFromMergedStatisticsEncodesLikeTheLocallyFittedOne() {
    Instances data = data();
    for (InputScaling scaling : InputScaling.values()) {
      InstancesEncoder local = InstancesEncoder.fit(data, scaling);
      // the local fit is the encoder of the one-pass statistics, to the last bit
      assertArrayEquals(local.encode(data).data,
        InstancesEncoder.fromStatistics(data, EncoderStatistics.of(data), scaling).encode(data).data, 0.0);
      for (int parts : new int[] {2, 3, 7}) {
        InstancesEncoder fromMerged = InstancesEncoder.fromStatistics(data, merged(data, parts, 10 + parts),
          scaling);
        assertEquals(local.numColumns(), fromMerged.numColumns());
        assertEquals(local.numDropped(), fromMerged.numDropped());
        DMatrixRMaj expected = local.encode(data);
        DMatrixRMaj actual = fromMerged.encode(data);
        for (int i = 0; i < expected.data.length; i++) {
          double e = expected.data[i];
          assertEquals(e, actual.data[i], 1e-11 * Math.max(1.0, Math.abs(e)), scaling + ", " + parts + " parts, "
            + "entry " + i);
        }
      }
    }
  }

  @Test
  void mergingPartsNear1e300NeitherOverflowsNorLosesTheSpread() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("huge"));
    attributes.add(new Attribute("class"));
    Instances data = new Instances("huge", attributes, 4);
    data.setClassIndex(1);
    double[] values = {1e300, -1e300, 1.7e308, 1e-300};
    for (double v : values) {
      data.add(new DenseInstance(1, new double[] {v, 0}));
    }
    // each row its own part, with its own magnitude (1e-300 up to 1.7e308)
    EncoderStatistics statistics = EncoderStatistics.of(data, new int[] {3});
    for (int row : new int[] {0, 2, 1}) {
      statistics = statistics.merge(EncoderStatistics.of(data, new int[] {row}));
    }
    assertStandardized(InstancesEncoder.fromStatistics(data, statistics, InputScaling.STANDARDIZE).encode(data));
    assertTrue(Double.isFinite(statistics.numeric(0).standardDeviation()));
  }

  /**
   * Asserts that a one-column encoding is finite with mean 0 and variance 1 (to 1e-12).
   *
   * @param m the encoded column
   */
  static void assertStandardized(DMatrixRMaj m) {
    double sum = 0;
    double squares = 0;
    for (double v : m.data) {
      assertTrue(Double.isFinite(v), Arrays.toString(m.data));
      sum += v;
      squares += v * v;
    }
    assertEquals(0.0, sum / m.data.length, 1e-12);
    assertEquals(1.0, squares / m.data.length, 1e-12);
  }

  @Test
  void statisticsAreSerializableAndRefuseAnotherHeader() throws Exception {
    Instances data = data();
    EncoderStatistics statistics = EncoderStatistics.of(data);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, statistics);
    EncoderStatistics copy = (EncoderStatistics) SerializationHelper.read(new ByteArrayInputStream(bytes
      .toByteArray()));
    assertArrayEquals(InstancesEncoder.fromStatistics(data, statistics, InputScaling.STANDARDIZE).encode(data).data,
      InstancesEncoder.fromStatistics(data, copy, InputScaling.STANDARDIZE).encode(data).data, 0.0);

    Instances other = new Instances(data, 0);
    other.deleteAttributeAt(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> statistics.merge(EncoderStatistics.of(other)));
    assertTrue(e.getMessage().startsWith("Cannot merge the statistics of different headers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
      () -> InstancesEncoder.fromStatistics(other, statistics, InputScaling.NONE));
    assertTrue(e.getMessage().startsWith("The statistics were computed for 7 attributes"), e.getMessage());
    Instances retyped = new Instances(data, 0);
    retyped.renameAttribute(0, "old");
    retyped.insertAttributeAt(new Attribute("offset", Arrays.asList("x", "y")), 0);
    retyped.deleteAttributeAt(1);
    e = assertThrows(IllegalArgumentException.class,
      () -> InstancesEncoder.fromStatistics(retyped, statistics, InputScaling.NONE));
    assertTrue(e.getMessage().startsWith("The statistics do not fit the header: attribute 'offset'"), e.getMessage());
  }
}
