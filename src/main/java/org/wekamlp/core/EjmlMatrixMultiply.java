package org.wekamlp.core;

import java.io.Serializable;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** {@link MatrixMultiply} on EJML's serial kernels. */
final class EjmlMatrixMultiply implements MatrixMultiply, Serializable {

  private static final long serialVersionUID = -2231402541907409511L;

  @Override
  public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    CommonOps_DDRM.mult(a, b, c);
  }

  @Override
  public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    CommonOps_DDRM.multTransA(a, b, c);
  }

  @Override
  public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    CommonOps_DDRM.multTransB(a, b, c);
  }

  @Override
  public String name() {
    return "EJML (serial kernels)";
  }

  private Object readResolve() {
    return MatrixMultiply.EJML;
  }
}
