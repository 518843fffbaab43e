package org.wekamlp.core.backend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The plain backend: EJML's serial kernels on the heap matrices, float64. Every other backend is tested
 * against it, and Weka's regression references are computed with it.
 */
final class EjmlBackend implements Backend {

  static final EjmlBackend INSTANCE = new EjmlBackend();

  private EjmlBackend() {
  }

  @Override
  public String name() {
    return "EJML (serial kernels)";
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64;
  }

  @Override
  public Products products(int[] layerSizes, DMatrixRMaj[] weights, int passes, int rowsPerPass, int workers) {
    return new HeapProducts(layerSizes, weights, passes);
  }

  /** Products on the heap matrices; the passes only remember which matrices the weight gradients need. */
  private static final class HeapProducts extends ProductsBase<HeapPass> {

    private final DMatrixRMaj[] weights;

    HeapProducts(int[] layerSizes, DMatrixRMaj[] weights, int passCount) {
      super(layerSizes, passCount);
      this.weights = weights.clone();
      for (int p = 0; p < passCount; p++) {
        passes.add(new HeapPass(this.weights, sizes.length));
      }
    }

    @Override
    public boolean keepsWeights() {
      return false;
    }

    @Override
    public void syncWeights(int worker, int layer, int from, int to) {
      // the products read the heap weights directly
    }

    /**
     * Each element is the sum over the round's rows in row order, the first product assigned and the others
     * added: the arithmetic of EJML's {@code multTransA} on one matrix of all the rows.
     */
    @Override
    void gradientRows(int worker, int layer, int fromRow, int toRow, int rows, boolean add, double[] destination) {
      int fanIn = sizes[layer];
      int fanOut = sizes[layer + 1];
      for (int i = fromRow; i < toRow; i++) {
        int row = i * fanOut;
        boolean assign = !add;
        int remaining = rows;
        for (int p = 0; p < passes.size() && remaining > 0; p++) {
          HeapPass pass = passes.get(p);
          double[] a = pass.activations[layer].data;
          double[] d = pass.deltas[layer + 1].data;
          int count = Math.min(remaining, pass.activations[layer].numRows);
          for (int r = 0; r < count; r++) {
            double value = a[r * fanIn + i];
            int offset = r * fanOut;
            if (assign) {
              for (int j = 0; j < fanOut; j++) {
                destination[row + j] = value * d[offset + j];
              }
              assign = false;
            } else {
              for (int j = 0; j < fanOut; j++) {
                destination[row + j] += value * d[offset + j];
              }
            }
          }
          remaining -= count;
        }
        if (assign) { // the passes held fewer rows than asked for
          java.util.Arrays.fill(destination, row, row + fanOut, 0.0);
        }
      }
    }

    @Override
    public void close() {
      // nothing off the heap
    }
  }

  /** Remembers the activations and deltas of its rows for the weight gradients. */
  private static final class HeapPass implements Products.Pass {

    private final DMatrixRMaj[] weights;
    private final DMatrixRMaj[] activations;
    private final DMatrixRMaj[] deltas;
    /** A view of the first rows of a weight matrix, for inputs with fewer columns than the layer's fan-in. */
    private final DMatrixRMaj firstRows = new DMatrixRMaj(1, 1);

    HeapPass(DMatrixRMaj[] weights, int layerCount) {
      this.weights = weights;
      activations = new DMatrixRMaj[layerCount];
      deltas = new DMatrixRMaj[layerCount];
    }

    @Override
    public void forward(int layer, DMatrixRMaj in, DMatrixRMaj out) {
      activations[layer] = in;
      DMatrixRMaj w = weights[layer];
      if (in.numCols < w.numRows) { // the first in.numCols rows of W: the same array, fewer rows
        firstRows.data = w.data;
        firstRows.numRows = in.numCols;
        firstRows.numCols = w.numCols;
        w = firstRows;
      }
      CommonOps_DDRM.mult(in, w, out);
    }

    @Override
    public void keepDelta(int layer, DMatrixRMaj delta) {
      deltas[layer + 1] = delta;
    }

    @Override
    public void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out) {
      CommonOps_DDRM.multTransB(delta, weights[layer], out);
    }
  }
}
