package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The three matrix products a training step needs. An interface so that faster backends can be chosen
 * at run time; {@link #EJML} is the plain implementation that always works and that every other
 * backend is tested against.
 */
public interface MatrixMultiply {

  /** EJML's serial row-major kernels ({@code CommonOps_DDRM}). */
  MatrixMultiply EJML = new EjmlMatrixMultiply();

  /**
   * c = a * b.
   *
   * @param a left factor (m x k). Not modified.
   * @param b right factor (k x n). Not modified.
   * @param c product (m x n), must not alias a or b. Modified.
   */
  void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

  /**
   * c = a<sup>T</sup> * b.
   *
   * @param a (k x m). Not modified.
   * @param b (k x n). Not modified.
   * @param c (m x n). Modified.
   */
  void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

  /**
   * c = a * b<sup>T</sup>.
   *
   * @param a (m x k). Not modified.
   * @param b (n x k). Not modified.
   * @param c (m x n). Modified.
   */
  void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);

  /** @return a short name for logs and model summaries */
  String name();
}
