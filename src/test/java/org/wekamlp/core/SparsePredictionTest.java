package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;

/**
 * The accelerated prediction paths for rows with many zeros against the plain one (whole rows, EJML, one thread):
 * the input scaling folded into the first layer ({@link Network#foldInputs}) and the first layer over the columns
 * in which a block has non-zero values ({@link Network#predictSparse}), on every backend and thread count, with
 * columns that go into the dense product, columns whose values are added one by one, and columns of zeros.
 */
class SparsePredictionTest {

  private static final double TOLERANCE = 1e-12;
  /** float32 products keep about 7 significant digits. */
  private static final double FLOAT32_TOLERANCE = 1e-5;

  private static Backend[] backends() {
    Backend float64 = Backends.openBlas(Precision.FLOAT64);
    assertNotNull(float64, "OpenBLAS did not load: " + Backends.openBlasProblem());
    return new Backend[] {Backends.ejml(), float64, Backends.openBlas(Precision.FLOAT32)};
  }

  private static Network network(int[] sizes, long seed) {
    Network network = new Network(sizes, Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    network.initialize(new Random(seed));
    return network;
  }

  /**
   * Rows of 40 inputs: columns 0-9 non-zero in about half the rows (dense in every block), columns 10-29 in about
   * one row in 200 (their entries are added one by one), columns 30-39 never (left out).
   */
  private static DMatrixRMaj sparseRows(int n, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj x = new DMatrixRMaj(n, 40);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 30; j++) {
        double chance = j < 10 ? 0.5 : 0.005;
        if (random.nextDouble() < chance) {
          x.data[i * 40 + j] = random.nextGaussian() * 3;
        }
      }
    }
    return x;
  }

  private static Network.RowSource rows(DMatrixRMaj x) {
    return (row, destination, offset) -> System.arraycopy(x.data, row * x.numCols, destination, offset, x.numCols);
  }

  private static DMatrixRMaj plain(Network network, DMatrixRMaj x) {
    DMatrixRMaj out = new DMatrixRMaj(1, 1);
    network.predict(x, out, Backends.ejml(), 1);
    return out;
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
    assertEquals(expected.numRows, actual.numRows, what);
    assertEquals(expected.numCols, actual.numCols, what);
    for (int i = 0; i < expected.data.length; i++) {
      assertEquals(expected.data[i], actual.data[i], tolerance * (1 + Math.abs(expected.data[i])), what + ", " + i);
    }
  }

  @Test
  void theFirstLayerOverTheNonZeroColumnsAgreesWithThePlainPath() {
    assertTrue(0.005 < WorkPlan.DENSE_COLUMN_SHARE && WorkPlan.DENSE_COLUMN_SHARE < 0.5);
    // 30 columns of 40 left out: with 120 and 100 units they pay for gathering the others, with 5 they do not
    assertTrue(30L * 100 >= WorkPlan.COMPACTION_COST * 40 && 30L * 5 < WorkPlan.COMPACTION_COST * 40);
    for (int[] sizes : new int[][] {{40, 120, 3}, {40, 100, 20, 4}, {40, 5}}) {
      Network network = network(sizes, 7);
      for (int n : new int[] {3, 700, 1300}) { // one block (on the heap), two and three blocks of 512 rows
        DMatrixRMaj x = sparseRows(n, n);
        DMatrixRMaj expected = plain(network, x);
        for (Backend backend : backends()) {
          DMatrixRMaj serial = null;
          for (int threads : new int[] {1, 2, 3}) {
            String what = java.util.Arrays.toString(sizes) + ", " + n + " rows, " + backend.name() + ", " + threads;
            DMatrixRMaj actual = new DMatrixRMaj(1, 1);
            network.predictSparse(n, rows(x), actual, backend, threads);
            double tolerance = backend.precision() == Precision.FLOAT32 && n > 3 ? FLOAT32_TOLERANCE : TOLERANCE;
            assertClose(expected, actual, tolerance, what);
            if (serial == null) {
              serial = actual;
            } else {
              assertArrayEquals(serial.data, actual.data, 0.0, what + ": the thread count changed the outputs");
            }
          }
        }
      }
    }
  }

  @Test
  void rowsWithoutAnyEntryAndRowsEntirelyDenseAgreeToo() {
    Network network = network(new int[] {6, 400, 3}, 3); // wide enough to leave out the columns of zeros
    DMatrixRMaj zeros = new DMatrixRMaj(600, 6);
    DMatrixRMaj dense = new DMatrixRMaj(600, 6);
    Random random = new Random(5);
    for (int i = 0; i < dense.data.length; i++) {
      dense.data[i] = 1 + random.nextDouble();
    }
    for (DMatrixRMaj x : new DMatrixRMaj[] {zeros, dense}) {
      for (Backend backend : backends()) {
        DMatrixRMaj actual = new DMatrixRMaj(1, 1);
        network.predictSparse(x.numRows, rows(x), actual, backend, 2);
        assertClose(plain(network, x), actual, backend.precision() == Precision.FLOAT32 ? FLOAT32_TOLERANCE
          : TOLERANCE, backend.name());
      }
    }
  }

  @Test
  void aNetworkWithFoldedInputScalingPredictsRawRowsAsTheNetworkPredictsEncodedOnes() {
    Network network = network(new int[] {40, 100, 20, 4}, 11);
    Random random = new Random(13);
    double[] scale = new double[40];
    double[] shift = new double[40];
    for (int j = 0; j < 40; j++) {
      scale[j] = j % 7 == 0 ? 1.0 : 0.01 + random.nextDouble() * 5;
      shift[j] = j % 7 == 0 ? 0.0 : (random.nextDouble() - 0.5) * 8;
    }
    DMatrixRMaj raw = sparseRows(900, 17);
    DMatrixRMaj encoded = new DMatrixRMaj(900, 40);
    for (int i = 0; i < 900; i++) {
      for (int j = 0; j < 40; j++) {
        encoded.data[i * 40 + j] = scale[j] * raw.data[i * 40 + j] + shift[j];
      }
    }
    Network folded = network.foldInputs(scale, shift);
    DMatrixRMaj expected = plain(network, encoded);
    assertClose(expected, plain(folded, raw), TOLERANCE, "folded, whole rows");
    DMatrixRMaj sparse = new DMatrixRMaj(1, 1);
    folded.predictSparse(900, rows(raw), sparse, backends()[1], 2);
    assertClose(expected, sparse, TOLERANCE, "folded, non-zero inputs, OpenBLAS");
    // the network itself is left as it was
    assertClose(expected, plain(network, encoded), 0.0, "the original network");
    assertThrows(IllegalArgumentException.class, () -> network.foldInputs(new double[3], new double[3]));
  }
}
