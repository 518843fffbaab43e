package org.wekamlp.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link MatrixProducts} on OpenBLAS with the operands kept in native memory: one native copy of every
 * weight matrix, shared by all passes and refreshed by {@link #syncWeights} once per call of the evaluator;
 * per pass, one native copy of each layer's activations and deltas, made when the first product needs it
 * and reused by the next. Only the product of each call travels back to the heap, where the element-wise
 * steps run. Created through {@link OpenBlasMatrixMultiply}, so this class is loaded only when OpenBLAS is.
 */
final class OpenBlasProducts extends MatrixProducts {

  private final Network network;
  private final int[] sizes;
  private final DoublePointer[] weights;
  /** Per worker and layer, a view of the weight copy whose position the worker may move. */
  private final DoublePointer[][] weightViews;

  /**
   * @param network the network. Not modified.
   * @param workers the most workers that will call {@link #syncWeights}
   */
  OpenBlasProducts(Network network, int workers) {
    this.network = network;
    this.sizes = network.layerSizes();
    int layers = network.numLayers();
    weights = new DoublePointer[layers];
    weightViews = new DoublePointer[Math.max(1, workers)][layers];
    for (int l = 0; l < layers; l++) {
      weights[l] = new DoublePointer(Math.max(1L, (long) sizes[l] * sizes[l + 1]));
      for (int w = 0; w < weightViews.length; w++) {
        weightViews[w][l] = new DoublePointer(weights[l]);
      }
    }
  }

  @Override
  void syncWeights(int worker, int workers) {
    long total = 0;
    for (int l = 0; l < weights.length; l++) {
      total += network.weights(l).data.length;
    }
    long start = total * worker / workers;
    long end = total * (worker + 1) / workers;
    long offset = 0;
    for (int l = 0; l < weights.length; l++) {
      double[] w = network.weights(l).data;
      long from = Math.max(start, offset);
      long to = Math.min(end, offset + w.length);
      if (from < to) {
        int first = (int) (from - offset);
        weightViews[worker][l].position(first).put(w, first, (int) (to - from));
      }
      offset += w.length;
    }
  }

  @Override
  boolean keepsWeights() {
    return true;
  }

  @Override
  Pass newPass(int capacity) {
    return new NativePass(Math.max(1, capacity));
  }

  @Override
  public void close() {
    for (DoublePointer[] views : weightViews) {
      for (DoublePointer view : views) {
        view.close();
      }
    }
    for (DoublePointer w : weights) {
      w.close();
    }
  }

  private final class NativePass extends Pass {
    private final DoublePointer[] activations;
    private final DoublePointer[] deltas;
    private final DoublePointer product;
    /** What each native copy holds: the heap matrix it was copied from and its rows then. */
    private final DMatrixRMaj[] activationSource;
    private final int[] activationRows;
    private final DMatrixRMaj[] deltaSource;
    private final int[] deltaRows;

    NativePass(int capacity) {
      int layers = sizes.length - 1;
      activations = new DoublePointer[layers];
      deltas = new DoublePointer[layers + 1];
      activationSource = new DMatrixRMaj[layers];
      activationRows = new int[layers];
      deltaSource = new DMatrixRMaj[layers + 1];
      deltaRows = new int[layers + 1];
      long largest = 1;
      for (int l = 0; l < layers; l++) {
        activations[l] = new DoublePointer(Math.max(1L, (long) capacity * sizes[l]));
        deltas[l + 1] = new DoublePointer(Math.max(1L, (long) capacity * sizes[l + 1]));
        largest = Math.max(largest, (long) capacity * Math.max(sizes[l], sizes[l + 1]));
        largest = Math.max(largest, (long) sizes[l] * sizes[l + 1]);
      }
      product = new DoublePointer(largest);
    }

    @Override
    void forward(int layer, DMatrixRMaj in, DMatrixRMaj out) {
      int rows = in.numRows;
      int fanIn = sizes[layer];
      int fanOut = sizes[layer + 1];
      out.reshape(rows, fanOut, false);
      activations[layer].put(in.data, 0, rows * fanIn);
      activationSource[layer] = in;
      activationRows[layer] = rows;
      if (rows == 0 || fanIn == 0) {
        java.util.Arrays.fill(out.data, 0, rows * fanOut, 0.0);
        return;
      }
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, fanOut, fanIn, 1.0, activations[layer], fanIn,
        weights[layer], fanOut, 0.0, product, fanOut);
      product.get(out.data, 0, rows * fanOut);
    }

    @Override
    void weightGradient(int layer, DMatrixRMaj activationsIn, DMatrixRMaj delta, DMatrixRMaj gradient) {
      int rows = delta.numRows;
      int fanIn = sizes[layer];
      int fanOut = sizes[layer + 1];
      gradient.reshape(fanIn, fanOut, false);
      if (activationSource[layer] != activationsIn || activationRows[layer] != rows) {
        activations[layer].put(activationsIn.data, 0, rows * fanIn);
        activationSource[layer] = activationsIn;
        activationRows[layer] = rows;
      }
      deltas[layer + 1].put(delta.data, 0, rows * fanOut);
      deltaSource[layer + 1] = delta;
      deltaRows[layer + 1] = rows;
      if (rows == 0 || fanIn == 0) {
        java.util.Arrays.fill(gradient.data, 0, fanIn * fanOut, 0.0);
        return;
      }
      cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, fanIn, fanOut, rows, 1.0, activations[layer], fanIn,
        deltas[layer + 1], fanOut, 0.0, product, fanOut);
      product.get(gradient.data, 0, fanIn * fanOut);
    }

    @Override
    void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out) {
      int rows = delta.numRows;
      int fanIn = sizes[layer];
      int fanOut = sizes[layer + 1];
      out.reshape(rows, fanIn, false);
      if (deltaSource[layer + 1] != delta || deltaRows[layer + 1] != rows) {
        deltas[layer + 1].put(delta.data, 0, rows * fanOut);
        deltaSource[layer + 1] = delta;
        deltaRows[layer + 1] = rows;
      }
      if (rows == 0 || fanIn == 0) {
        java.util.Arrays.fill(out.data, 0, rows * fanIn, 0.0);
        return;
      }
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, fanIn, fanOut, 1.0, deltas[layer + 1], fanOut,
        weights[layer], fanOut, 0.0, product, fanIn);
      product.get(out.data, 0, rows * fanIn);
    }

    @Override
    public void close() {
      for (DoublePointer p : activations) {
        p.close();
      }
      for (int l = 1; l < deltas.length; l++) {
        deltas[l].close();
      }
      product.close();
    }
  }
}
