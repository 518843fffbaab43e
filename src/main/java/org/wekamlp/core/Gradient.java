package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Gradient of the loss with respect to every weight matrix and bias row of a {@link Network}, shaped
 * like the network's parameters and exposed in the same order as {@link Network#parameterArrays()}.
 */
final class Gradient {

  private final DMatrixRMaj[] weights;
  private final DMatrixRMaj[] biases;
  private final double[][] arrays;

  /**
   * @param network supplies the shapes. Not modified.
   */
  Gradient(Network network) {
    int layers = network.numLayers();
    weights = new DMatrixRMaj[layers];
    biases = new DMatrixRMaj[layers];
    arrays = new double[2 * layers][];
    for (int l = 0; l < layers; l++) {
      weights[l] = new DMatrixRMaj(network.weights(l).numRows, network.weights(l).numCols);
      biases[l] = new DMatrixRMaj(1, network.biases(l).numCols);
      arrays[2 * l] = weights[l].data;
      arrays[2 * l + 1] = biases[l].data;
    }
  }

  /** @param layer weight layer index @return gradient of W[layer] (live) */
  DMatrixRMaj weights(int layer) {
    return weights[layer];
  }

  /** @param layer weight layer index @return gradient of b[layer] (live) */
  DMatrixRMaj biases(int layer) {
    return biases[layer];
  }

  /** @return live arrays in the order W[0], b[0], W[1], b[1], ... */
  double[][] arrays() {
    return arrays;
  }

  /** Sets every entry to zero. */
  void zero() {
    for (double[] a : arrays) {
      java.util.Arrays.fill(a, 0.0);
    }
  }
}
