package org.wekamlp.core.backend;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * OpenBLAS's {@code dgemm} (float64) or {@code sgemm} (float32), loaded through JavaCPP (the native library
 * ships inside the openblas jar). The products run on the calling threads only, in pieces small enough that
 * OpenBLAS never hands them to its own thread pool ({@link NativeType}): the training loop already gives each
 * thread its own rows, nesting two thread pools only adds overhead, and OpenBLAS's thread count is a
 * process-wide setting that a library must leave alone.
 *
 * <p>Created by name from {@link Backends}, so that a missing jar or native library only means falling back to
 * EJML.
 */
final class OpenBlasBackend implements Backend {

  private final Precision precision;
  private final NativeType type;

  /**
   * @param precision the number type of the products
   */
  OpenBlasBackend(Precision precision) {
    Loader.load(openblas_nolapack.class);
    this.precision = precision;
    this.type = NativeType.of(precision);
  }

  @Override
  public String name() {
    return precision == Precision.FLOAT64 ? "OpenBLAS (native dgemm)" : "OpenBLAS (native sgemm, float32 products)";
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public Products products(int[] layerSizes, DMatrixRMaj[] weights, int passes, int rowsPerPass, int workers) {
    return new OpenBlasProducts(type, layerSizes, weights, passes, rowsPerPass, workers);
  }
}
