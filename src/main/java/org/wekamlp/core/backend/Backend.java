package org.wekamlp.core.backend;

import org.ejml.data.DMatrixRMaj;

/**
 * A matrix-product backend: it names itself and hands out the {@link Products} that a training or
 * prediction pass needs. {@link Backends} chooses one at run time: EJML (pure Java, every platform) or
 * OpenBLAS through JavaCPP (float64 or float32 products). Creating a backend or its products changes no
 * process-wide state (OpenBLAS's own thread count in particular stays as it is).
 */
public interface Backend {

  /** @return a short name for logs and model summaries, e.g. {@code "OpenBLAS (native dgemm)"} */
  String name();

  /** @return the number type of the products */
  Precision precision();

  /**
   * The products of one group of passes: {@code passes} slices of one round of rows, pass {@code p} holding
   * rows {@code p * rowsPerPass} onwards, so that the passes used in a round cover its rows contiguously
   * ({@link Products#weightGradient}).
   *
   * @param layerSizes units per layer, inputs first. Not modified.
   * @param weights the weight matrices, {@code weights[l]} of size {@code layerSizes[l] x layerSizes[l + 1]};
   *     read by the products (copied first by {@link Products#syncWeights} where the backend keeps a copy).
   *     Not modified.
   * @param passes the number of passes
   * @param rowsPerPass the most rows of a pass, at least 1
   * @param workers the most threads calling {@link Products#syncWeights} and {@link Products#weightGradient} at
   *     the same time, each with its own worker index
   * @return the products; close them to free native memory
   */
  Products products(int[] layerSizes, DMatrixRMaj[] weights, int passes, int rowsPerPass, int workers);
}
