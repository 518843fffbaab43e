package org.wekamlp.core.backend;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * {@link Products} on OpenBLAS with the operands in native memory: one native copy of every weight matrix,
 * refreshed by {@link #syncWeights} and shared by all passes; per layer, one native buffer of the activations
 * and one of the deltas for the rows of all passes, pass {@code p} at rows {@code p * rowsPerPass} onwards, so
 * that a round's rows lie one after another and {@link #weightGradient} covers them with one product. Each
 * pass copies a layer's activations and deltas over once; only the product of each call travels back to the
 * heap, where the element-wise steps run. Created through {@link OpenBlasBackend}, so this class is loaded only
 * when OpenBLAS is.
 */
final class OpenBlasProducts extends ProductsBase<OpenBlasProducts.NativePass> {

  private final NativeType type;
  private final DMatrixRMaj[] heapWeights;
  private final Pointer[] weights;
  /** Per layer l: the input activations of layer l for all passes. */
  private final Pointer[] activations;
  /** Per layer l >= 1: the deltas at layer l for all passes. */
  private final Pointer[] deltas;
  private final Scratch[] scratch;

  /**
   * @param type the number type of the native operands
   * @param layerSizes units per layer. Not modified.
   * @param heapWeights the weights on the heap, copied over by {@link #syncWeights}. Not modified.
   * @param passes number of passes
   * @param rowsPerPass the most rows of a pass
   * @param workers the most workers calling {@link #syncWeights} and {@link #weightGradient} at once
   */
  OpenBlasProducts(NativeType type, int[] layerSizes, DMatrixRMaj[] heapWeights, int passes, int rowsPerPass,
    int workers) {
    super(layerSizes, passes);
    this.type = type;
    this.heapWeights = heapWeights.clone();
    int layers = sizes.length - 1;
    int capacity = Math.max(1, rowsPerPass);
    weights = new Pointer[layers];
    activations = new Pointer[layers];
    deltas = new Pointer[layers + 1];
    for (int l = 0; l < layers; l++) {
      weights[l] = type.allocate((long) sizes[l] * sizes[l + 1]);
      activations[l] = type.allocate((long) passes * capacity * sizes[l]);
      deltas[l + 1] = type.allocate((long) passes * capacity * sizes[l + 1]);
    }
    for (int p = 0; p < passes; p++) {
      this.passes.add(new NativePass((long) p * capacity, capacity));
    }
    scratch = new Scratch[Math.max(1, workers)];
    for (int w = 0; w < scratch.length; w++) {
      scratch[w] = new Scratch();
    }
  }

  @Override
  public boolean keepsWeights() {
    return true;
  }

  @Override
  public void syncWeights(int worker, int layer, int from, int to) {
    Pointer view = scratch[worker].weights[layer];
    type.put(view.position(from), heapWeights[layer].data, from, to - from);
    view.position(0);
  }

  @Override
  void gradientRows(int worker, int layer, int fromRow, int toRow, int rows, boolean add, double[] destination) {
    int fanIn = sizes[layer];
    int fanOut = sizes[layer + 1];
    int count = (toRow - fromRow) * fanOut;
    int first = fromRow * fanOut;
    Scratch own = scratch[worker];
    Pointer sum = own.sum(count);
    // rows fromRow..toRow of A^T D are columns fromRow..toRow of A: the same buffer, shifted
    Pointer columns = own.activations[layer].position(fromRow);
    type.product(true, false, toRow - fromRow, fanOut, rows, columns, fanIn, own.deltas[layer + 1], fanOut, sum,
      fanOut);
    columns.position(0);
    if (!add) {
      type.get(sum, destination, first, count);
    } else {
      double[] term = own.term(count);
      type.get(sum, term, 0, count);
      for (int i = 0; i < count; i++) {
        destination[first + i] += term[i];
      }
    }
  }

  @Override
  public void close() {
    for (NativePass pass : passes) {
      pass.close();
    }
    for (Scratch s : scratch) {
      s.close();
    }
    for (int l = 0; l < weights.length; l++) {
      weights[l].close();
      activations[l].close();
      deltas[l + 1].close();
    }
  }

  /**
   * One worker's views of the shared buffers (whose positions it moves) and its buffers for a weight gradient.
   */
  private final class Scratch {

    private final Pointer[] weights = views(OpenBlasProducts.this.weights);
    private final Pointer[] activations = views(OpenBlasProducts.this.activations);
    private final Pointer[] deltas = views(OpenBlasProducts.this.deltas);
    private Pointer sum;
    private double[] term;

    /** @return a native buffer of at least {@code size} elements, kept for the next call */
    Pointer sum(long size) {
      if (sum == null || sum.capacity() < size) {
        if (sum != null) {
          sum.close();
        }
        sum = type.allocate(size);
      }
      return sum;
    }

    /** @return a heap buffer of at least {@code size} elements, kept for the next call */
    double[] term(int size) {
      if (term == null || term.length < size) {
        term = new double[size];
      }
      return term;
    }

    void close() {
      if (sum != null) {
        sum.close();
      }
    }
  }

  /** @return a view of each buffer (null stays null), whose position can move independently */
  private Pointer[] views(Pointer[] buffers) {
    Pointer[] views = new Pointer[buffers.length];
    for (int i = 0; i < buffers.length; i++) {
      views[i] = buffers[i] == null ? null : type.view(buffers[i]);
    }
    return views;
  }

  /** One pass's rows of the shared buffers, and its own buffer for the product of a call. */
  final class NativePass implements Pass {

    private final Pointer[] weights = views(OpenBlasProducts.this.weights);
    private final Pointer[] activations = views(OpenBlasProducts.this.activations);
    private final Pointer[] deltas = views(OpenBlasProducts.this.deltas);
    private final Pointer product;
    private final long firstRow;
    /** What each native copy holds: the heap matrix it was copied from and its rows then. */
    private final DMatrixRMaj[] deltaSource;
    private final int[] deltaRows;
    /** The heap input whose rows {@link #gatherInput} put into native memory for the next forward(0), or null. */
    private DMatrixRMaj gathered;

    NativePass(long firstRow, int capacity) {
      this.firstRow = firstRow;
      long largest = 1;
      for (int size : sizes) {
        largest = Math.max(largest, (long) capacity * size);
      }
      product = type.allocate(largest);
      deltaSource = new DMatrixRMaj[sizes.length];
      deltaRows = new int[sizes.length];
    }

    /** With float32 operands, the float32 rows go to native memory as they are, one row at a time. */
    @Override
    public void gatherInput(FMatrixRMaj inputs, int[] rows, int from, int to, DMatrixRMaj heapInput) {
      if (type != NativeType.FLOAT32) {
        Pass.super.gatherInput(inputs, rows, from, to, heapInput);
        return;
      }
      int columns = sizes[0];
      heapInput.reshape(to - from, columns, false);
      FloatPointer first = (FloatPointer) at(activations, 0);
      long start = first.position();
      for (int j = from; j < to; j++) {
        first.position(start + (long) (j - from) * columns).put(inputs.data, rows[j] * columns, columns);
      }
      first.position(start);
      gathered = heapInput;
    }

    @Override
    public void forward(int layer, DMatrixRMaj in, DMatrixRMaj out) {
      int rows = in.numRows;
      int columns = in.numCols; // the fan-in, or fewer: the first rows of W
      Pointer a = at(activations, layer);
      if (layer != 0 || gathered != in) {
        type.put(a, in.data, 0, rows * columns);
      }
      gathered = null;
      multiply(false, rows, sizes[layer + 1], columns, a, weights[layer], out);
    }

    @Override
    public void keepDelta(int layer, DMatrixRMaj delta) {
      // the first use of this delta in the pass: always copy, the heap matrix is reused from pass to pass
      loadDelta(layer + 1, delta);
    }

    @Override
    public void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out) {
      if (deltaSource[layer + 1] != delta || deltaRows[layer + 1] != delta.numRows) {
        loadDelta(layer + 1, delta);
      }
      multiply(true, delta.numRows, sizes[layer], sizes[layer + 1], at(deltas, layer + 1), weights[layer], out);
    }

    private void loadDelta(int layer, DMatrixRMaj source) {
      type.put(at(deltas, layer), source.data, 0, source.numRows * sizes[layer]);
      deltaSource[layer] = source;
      deltaRows[layer] = source.numRows;
    }

    /** @return this pass's view of a layer's buffer, at the pass's first row */
    private Pointer at(Pointer[] views, int layer) {
      return views[layer].position(firstRow * sizes[layer]);
    }

    /**
     * out (m x n) = a (m x k) times w (k x n), or times w<sup>T</sup> when w is stored n x k.
     */
    private void multiply(boolean transposeW, int m, int n, int k, Pointer a, Pointer w, DMatrixRMaj out) {
      out.reshape(m, n, false);
      if (k == 0) {
        // BLAS rejects an empty inner dimension (a network without inputs): the product is all zeros
        java.util.Arrays.fill(out.data, 0, m * n, 0.0);
        return;
      }
      type.product(false, transposeW, m, n, k, a, k, w, transposeW ? k : n, product, n);
      type.get(product, out.data, 0, m * n);
    }

    void close() {
      product.close();
    }
  }
}
