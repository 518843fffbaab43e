package org.wekamlp.core;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;

/**
 * Chooses the matrix-product backend at run time. The system property {@value #PROPERTY} selects it:
 * {@code auto} (the default: OpenBLAS when it loads and passes a self-check, else EJML), {@code openblas},
 * {@code ejml}, or {@code openblas-float32}: OpenBLAS with the products of training and prediction in
 * float32 (about twice as fast, at float32's precision in the products; never chosen automatically).
 */
public final class MatrixMultiplyBackends {

  /** System property that selects the backend. */
  public static final String PROPERTY = "wekamlp.backend";

  private static volatile MatrixMultiply openBlas;
  private static volatile MatrixMultiply openBlasFloat32;
  private static volatile String openBlasProblem;

  private MatrixMultiplyBackends() {
  }

  /**
   * @return the backend the system property asks for, falling back to EJML when OpenBLAS is unavailable
   *     under {@code auto}
   * @throws IllegalStateException when {@code openblas} is asked for explicitly and cannot be loaded, or the
   *     property has an unknown value
   */
  public static MatrixMultiply selected() {
    String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
    switch (choice) {
      case "ejml":
        return MatrixMultiply.EJML;
      case "openblas":
        MatrixMultiply blas = openBlas();
        if (blas == null) {
          throw new IllegalStateException("-D" + PROPERTY + "=openblas was requested but OpenBLAS is unavailable: "
            + openBlasProblem);
        }
        return blas;
      case "openblas-float32":
        MatrixMultiply single = openBlasFloat32();
        if (single == null) {
          throw new IllegalStateException("-D" + PROPERTY + "=openblas-float32 was requested but OpenBLAS is "
            + "unavailable: " + openBlasProblem);
        }
        return single;
      case "auto":
        MatrixMultiply available = openBlas();
        return available != null ? available : MatrixMultiply.EJML;
      default:
        throw new IllegalStateException("Unknown -D" + PROPERTY + "=" + choice
          + ": use auto, openblas, ejml or openblas-float32.");
    }
  }

  /**
   * @return the OpenBLAS backend, or null when its classes or native library cannot be loaded or it
   *     disagrees with EJML on a small product (see {@link #openBlasProblem()})
   */
  public static MatrixMultiply openBlas() {
    if (openBlas == null && openBlasProblem == null) {
      synchronized (MatrixMultiplyBackends.class) {
        if (openBlas == null && openBlasProblem == null) {
          try {
            MatrixMultiply candidate = (MatrixMultiply) Class.forName("org.wekamlp.core.OpenBlasMatrixMultiply")
              .getDeclaredConstructor().newInstance();
            String disagreement = disagreementWithEjml(candidate);
            if (disagreement == null) {
              openBlas = candidate;
            } else {
              openBlasProblem = disagreement;
            }
          } catch (Throwable e) { // missing jar, missing or incompatible native library
            openBlasProblem = e.toString();
          }
        }
      }
    }
    return openBlas;
  }

  /**
   * @return the OpenBLAS backend whose training and prediction passes multiply in float32, or null when
   *     OpenBLAS is unavailable ({@link #openBlas()})
   */
  public static MatrixMultiply openBlasFloat32() {
    if (openBlasFloat32 == null && openBlas() != null) {
      synchronized (MatrixMultiplyBackends.class) {
        if (openBlasFloat32 == null) {
          try {
            openBlasFloat32 = (MatrixMultiply) Class.forName("org.wekamlp.core.OpenBlasMatrixMultiply")
              .getDeclaredConstructor(NativePrecision.class).newInstance(NativePrecision.FLOAT32);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OpenBLAS loaded but its float32 backend could not be created", e);
          }
        }
      }
    }
    return openBlasFloat32;
  }

  /** @return why OpenBLAS is not used, or null when it loaded (or was not tried yet) */
  public static String openBlasProblem() {
    return openBlasProblem;
  }

  /** A quick self-check on a product of odd shapes: a broken native library must not train models. */
  private static String disagreementWithEjml(MatrixMultiply candidate) {
    Random random = new Random(42);
    DMatrixRMaj a = new DMatrixRMaj(7, 5);
    DMatrixRMaj b = new DMatrixRMaj(5, 3);
    for (int i = 0; i < a.data.length; i++) {
      a.data[i] = random.nextGaussian();
    }
    for (int i = 0; i < b.data.length; i++) {
      b.data[i] = random.nextGaussian();
    }
    DMatrixRMaj expected = new DMatrixRMaj(7, 3);
    DMatrixRMaj actual = new DMatrixRMaj(7, 3);
    MatrixMultiply.EJML.mult(a, b, expected);
    candidate.mult(a, b, actual);
    for (int i = 0; i < expected.data.length; i++) {
      if (Math.abs(expected.data[i] - actual.data[i]) > 1e-12 * (1 + Math.abs(expected.data[i]))) {
        return candidate.name() + " disagrees with EJML on a test product";
      }
    }
    return null;
  }
}
