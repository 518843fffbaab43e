package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Preallocated matrices for one unit of rows of a minibatch: the input rows, the activations of every layer,
 * and (when training) the targets, row scales and back-propagated deltas. Allocated once for the largest unit;
 * smaller units only reshape, which in EJML keeps the backing arrays, so the training loop allocates nothing per
 * minibatch.
 */
final class Workspace {

  private final DMatrixRMaj[] activations;
  private final DMatrixRMaj[] deltas;
  private final DMatrixRMaj target;
  private final double[] rowScale;
  private final int capacity;

  /**
   * @param network the network this workspace serves. Not modified.
   * @param capacity the largest number of rows a unit will have
   * @param training whether to allocate the backward-pass buffers too
   */
  Workspace(Network network, int capacity, boolean training) {
    int[] sizes = network.layerSizes();
    this.capacity = Math.max(1, capacity);
    activations = new DMatrixRMaj[sizes.length];
    for (int l = 0; l < sizes.length; l++) {
      activations[l] = new DMatrixRMaj(this.capacity, sizes[l]);
    }
    if (training) {
      deltas = new DMatrixRMaj[sizes.length];
      for (int l = 1; l < sizes.length; l++) {
        deltas[l] = new DMatrixRMaj(this.capacity, sizes[l]);
      }
      target = new DMatrixRMaj(this.capacity, network.numOutputs());
      rowScale = new double[this.capacity];
    } else {
      deltas = null;
      target = null;
      rowScale = null;
    }
  }

  /**
   * Sets the number of rows of every row-indexed matrix without reallocating.
   *
   * @param rows 0 to capacity
   */
  void setRows(int rows) {
    if (rows > capacity) {
      throw new IllegalArgumentException("A unit of " + rows + " rows exceeds the workspace capacity " + capacity);
    }
    for (DMatrixRMaj a : activations) {
      a.reshape(rows, a.numCols, false);
    }
    if (deltas != null) {
      for (int l = 1; l < deltas.length; l++) {
        deltas[l].reshape(rows, deltas[l].numCols, false);
      }
      target.reshape(rows, target.numCols, false);
    }
  }

  DMatrixRMaj input() {
    return activations[0];
  }

  DMatrixRMaj activation(int layer) {
    return activations[layer];
  }

  DMatrixRMaj output() {
    return activations[activations.length - 1];
  }

  DMatrixRMaj delta(int layer) {
    return deltas[layer];
  }

  DMatrixRMaj target() {
    return target;
  }

  double[] rowScale() {
    return rowScale;
  }
}
