package org.wekamlp.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The number type of the operands that {@link OpenBlasProducts} keeps in native memory: float64 with
 * {@code dgemm} (the default, the same arithmetic as EJML up to rounding), or float32 with {@code sgemm},
 * converted from and to the heap's doubles on the way in and out. In float32 only the matrix products lose
 * precision (about 7 significant digits); activations, gradients, the sums of the chunks' and rounds'
 * products and the optimizer stay in float64.
 *
 * <p>Every method works at the pointer's current position, counted in elements of this type.
 */
enum NativePrecision {

  /** float64 operands, {@code dgemm}. */
  FLOAT64("dgemm, float64") {
    @Override
    Pointer allocate(long elements) {
      return new DoublePointer(Math.max(1L, elements));
    }

    @Override
    Pointer view(Pointer buffer) {
      return new DoublePointer(buffer);
    }

    @Override
    void put(Pointer destination, double[] source, int from, int length) {
      ((DoublePointer) destination).put(source, from, length);
    }

    @Override
    void get(Pointer source, double[] destination, int from, int length) {
      ((DoublePointer) source).get(destination, from, length);
    }

    @Override
    void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb, double beta,
      Pointer c, int ldc) {
      cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1.0, (DoublePointer) a, lda, (DoublePointer) b, ldb, beta,
        (DoublePointer) c, ldc);
    }
  },

  /** float32 operands, {@code sgemm}: twice the product rate, at float32's precision. */
  FLOAT32("sgemm, float32 products") {
    @Override
    Pointer allocate(long elements) {
      return new FloatPointer(Math.max(1L, elements));
    }

    @Override
    Pointer view(Pointer buffer) {
      return new FloatPointer(buffer);
    }

    @Override
    void put(Pointer destination, double[] source, int from, int length) {
      FloatPointer floats = (FloatPointer) destination;
      float[] scratch = SCRATCH.get();
      long start = floats.position();
      for (int done = 0; done < length; done += scratch.length) {
        int count = Math.min(scratch.length, length - done);
        int offset = from + done;
        for (int i = 0; i < count; i++) {
          scratch[i] = (float) source[offset + i];
        }
        floats.position(start + done).put(scratch, 0, count);
      }
      floats.position(start);
    }

    @Override
    void get(Pointer source, double[] destination, int from, int length) {
      FloatPointer floats = (FloatPointer) source;
      float[] scratch = SCRATCH.get();
      long start = floats.position();
      for (int done = 0; done < length; done += scratch.length) {
        int count = Math.min(scratch.length, length - done);
        floats.position(start + done).get(scratch, 0, count);
        int offset = from + done;
        for (int i = 0; i < count; i++) {
          destination[offset + i] = scratch[i];
        }
      }
      floats.position(start);
    }

    @Override
    void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb, double beta,
      Pointer c, int ldc) {
      cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1.0f, (FloatPointer) a, lda, (FloatPointer) b, ldb,
        (float) beta, (FloatPointer) c, ldc);
    }
  };

  /** Per thread, the floats converted on their way in or out: small enough for the L1 cache. */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2048]);

  private final String description;

  NativePrecision(String description) {
    this.description = description;
  }

  /** @return e.g. "dgemm, float64", for backend names */
  String description() {
    return description;
  }

  /** @return a new native buffer of at least one element */
  abstract Pointer allocate(long elements);

  /** @return a new pointer to the same memory, whose position can be moved independently */
  abstract Pointer view(Pointer buffer);

  /** Copies {@code source[from .. from + length)} to the destination's position onwards. */
  abstract void put(Pointer destination, double[] source, int from, int length);

  /** Copies {@code length} elements from the source's position onwards into {@code destination[from ..]}. */
  abstract void get(Pointer source, double[] destination, int from, int length);

  /** Row-major {@code c = op(a) op(b) + beta c}, with alpha 1. */
  abstract void gemm(int transA, int transB, int m, int n, int k, Pointer a, int lda, Pointer b, int ldb,
    double beta, Pointer c, int ldc);
}
