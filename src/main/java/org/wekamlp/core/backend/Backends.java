package org.wekamlp.core.backend;

import java.util.Locale;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Chooses the backend at run time. The system property {@value #PROPERTY} selects it: {@code auto} (the
 * default: OpenBLAS when it loads and passes a self-check, else EJML), {@code openblas} or {@code ejml}. The
 * precision of the products is asked for separately ({@link #selected(Precision)}: the classifiers' option
 * {@code -precision}); EJML multiplies in float64 only, so a request for float32 products gets EJML float64 where
 * EJML is chosen or OpenBLAS is unavailable, and the caller compares {@link Backend#precision()} with its request
 * to say so. One more value of the property, {@code openblas-float32}, asks for OpenBLAS with
 * {@link Precision#FLOAT32} products whatever the request (from before the option existed).
 */
public final class Backends {

  /** System property that selects the backend. */
  public static final String PROPERTY = "wekamlp.backend";

  private static final Backend[] OPEN_BLAS = new Backend[Precision.values().length];
  private static volatile boolean openBlasTried;
  private static volatile String openBlasProblem;

  private Backends() {
  }

  /** @return the plain backend: EJML on the heap, float64, every platform */
  public static Backend ejml() {
    return EjmlBackend.INSTANCE;
  }

  /**
   * @return the backend the system property asks for, with float64 products (float32 under
   *     {@code openblas-float32}), falling back to EJML when OpenBLAS is unavailable under {@code auto}
   * @throws IllegalStateException when OpenBLAS is asked for explicitly and cannot be loaded, or the property has
   *     an unknown value
   */
  public static Backend selected() {
    return selected(Precision.FLOAT64);
  }

  /**
   * @param precision the number type the products are asked for in
   * @return the backend the system property asks for: OpenBLAS in that precision ({@code auto} when it is available,
   *     or {@code openblas}), else EJML in float64 ({@code ejml}, or {@code auto} without OpenBLAS); OpenBLAS in
   *     float32 under {@code openblas-float32}
   * @throws IllegalStateException when OpenBLAS is asked for explicitly and cannot be loaded, or the property has
   *     an unknown value
   */
  public static Backend selected(Precision precision) {
    String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (choice) {
      case "openblas-float32":
        return openBlasOrFail(choice, Precision.FLOAT32);
      case "ejml":
        return ejml();
      case "auto":
      case "openblas":
        return select(choice, precision);
      default:
        throw new IllegalStateException("Unknown -D" + PROPERTY + "=" + choice
          + ": use auto, openblas, ejml or openblas-float32.");
    }
  }

  /**
   * @param choice {@code auto} (OpenBLAS when available, else EJML), {@code openblas} or {@code ejml}
   * @param precision the number type of the products; EJML has float64 products only, so {@code auto} falls back
   *     to EJML float64 where OpenBLAS is unavailable
   * @return the backend
   * @throws IllegalStateException when OpenBLAS is asked for and cannot be loaded, EJML is asked for with float32
   *     products, or the choice is unknown
   */
  public static Backend select(String choice, Precision precision) {
    switch (choice) {
      case "ejml":
        if (precision != Precision.FLOAT64) {
          throw new IllegalStateException("EJML multiplies in float64 only; float32 products need OpenBLAS.");
        }
        return ejml();
      case "openblas":
        return openBlasOrFail(choice, precision);
      case "auto":
        Backend available = openBlas(precision);
        return available != null ? available : ejml();
      default:
        throw new IllegalArgumentException("Unknown backend '" + choice + "': use auto, openblas or ejml.");
    }
  }

  private static Backend openBlasOrFail(String choice, Precision precision) {
    Backend blas = openBlas(precision);
    if (blas == null) {
      throw new IllegalStateException("-D" + PROPERTY + "=" + choice + " was requested"
        + (precision == Precision.FLOAT32 ? " (float32 products)" : "") + " but OpenBLAS is unavailable: "
        + openBlasProblem);
    }
    return blas;
  }

  /**
   * @param precision the number type of the products
   * @return the OpenBLAS backend, or null when its classes or native library cannot be loaded or it disagrees
   *     with EJML on a small training pass (see {@link #openBlasProblem()})
   */
  public static Backend openBlas(Precision precision) {
    if (!openBlasTried) {
      synchronized (Backends.class) {
        if (!openBlasTried) {
          loadOpenBlas();
          openBlasTried = true;
        }
      }
    }
    return OPEN_BLAS[precision.ordinal()];
  }

  /** @return why OpenBLAS is not used, or null when it loaded (or was not tried yet) */
  public static String openBlasProblem() {
    return openBlasProblem;
  }

  private static void loadOpenBlas() {
    try {
      for (Precision precision : Precision.values()) {
        Backend candidate = (Backend) Class.forName("org.wekamlp.core.backend.OpenBlasBackend")
          .getDeclaredConstructor(Precision.class).newInstance(precision);
        String disagreement = disagreementWithEjml(candidate, precision == Precision.FLOAT64 ? 1e-12 : 1e-5);
        if (disagreement != null) {
          openBlasProblem = disagreement;
          java.util.Arrays.fill(OPEN_BLAS, null);
          return;
        }
        OPEN_BLAS[precision.ordinal()] = candidate;
      }
    } catch (Throwable e) { // missing jar, missing or incompatible native library
      openBlasProblem = e.toString();
      java.util.Arrays.fill(OPEN_BLAS, null);
    }
  }

  /**
   * A self-check on the training path, on odd shapes: a broken native library must not train models. One pass of
   * 7 rows through a 4-5-3 network: both forward products, the last layer's weight gradient and the delta product
   * back to the hidden layer, against EJML.
   *
   * @return what disagrees, or null
   */
  private static String disagreementWithEjml(Backend candidate, double tolerance) {
    Random random = new Random(42);
    DMatrixRMaj[] weights = {random(4, 5, random), random(5, 3, random)};
    DMatrixRMaj in = random(7, 4, random);
    DMatrixRMaj hidden = new DMatrixRMaj(7, 5);
    DMatrixRMaj out = new DMatrixRMaj(7, 3);
    DMatrixRMaj delta = random(7, 3, random);
    DMatrixRMaj back = new DMatrixRMaj(7, 5);
    double[] gradient = new double[15];
    try (Products products = candidate.products(new int[] {4, 5, 3}, weights, 1, 7, 1)) {
      products.syncWeights(0, 0, 0, 20);
      products.syncWeights(0, 1, 0, 15);
      Products.Pass pass = products.pass(0);
      pass.forward(0, in, hidden);
      pass.forward(1, hidden, out);
      pass.keepDelta(1, delta);
      products.weightGradient(0, 1, 0, 5, 7, false, gradient);
      pass.delta(1, delta, back);
    }
    DMatrixRMaj expectedHidden = CommonOps_DDRM.mult(in, weights[0], null);
    if (!close(expectedHidden.data, hidden.data, tolerance)
      || !close(CommonOps_DDRM.mult(hidden, weights[1], null).data, out.data, tolerance)
      || !close(CommonOps_DDRM.multTransA(hidden, delta, null).data, gradient, tolerance)
      || !close(CommonOps_DDRM.multTransB(delta, weights[1], null).data, back.data, tolerance)) {
      return candidate.name() + " disagrees with EJML on a test pass";
    }
    return null;
  }

  private static DMatrixRMaj random(int rows, int columns, Random random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, columns);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextGaussian();
    }
    return m;
  }

  private static boolean close(double[] expected, double[] actual, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tolerance * (1 + Math.abs(expected[i])))) {
        return false;
      }
    }
    return true;
  }
}
