package org.wekamlp.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.Pointer;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link MatrixProducts} on OpenBLAS with the operands kept in native memory: one native copy of every
 * weight matrix, shared by all passes and refreshed by {@link #syncWeights} once per call of the evaluator;
 * per pass, one native copy of each layer's activations and deltas, made when the first product needs it
 * and reused by the next. Only the product of each call travels back to the heap, where the element-wise
 * steps run. The operands are float64, or float32 for the float32 backend ({@link NativePrecision}). Created
 * through {@link OpenBlasMatrixMultiply}, so this class is loaded only when OpenBLAS is.
 */
final class OpenBlasProducts extends MatrixProducts {

  private final Network network;
  private final NativePrecision precision;
  private final int[] sizes;
  private final Pointer[] weights;
  /** Per worker and layer, a view of the weight copy whose position the worker may move. */
  private final Pointer[][] weightViews;
  /** Per worker and layer, the worker's share of the weight gradient ({@link #weightGradientShare}). */
  private final Pointer[][] shareBuffers;
  /** Per worker, pass and layer, a view of the pass's activations whose position the worker may move. */
  private final Pointer[][][] activationViews;
  /** Per worker and layer, the float64 sum of the worker's share of the weight gradient (float32 operands). */
  private final double[][][] heapShares;
  /** Per worker, one pass's product of that share, converted to float64 (float32 operands). */
  private final double[][] heapTerms;
  private int passesCreated;

  /**
   * @param network the network. Not modified.
   * @param workers the most workers that will call {@link #syncWeights}
   * @param precision the number type of the native operands
   */
  OpenBlasProducts(Network network, int workers, NativePrecision precision) {
    this.network = network;
    this.precision = precision;
    this.sizes = network.layerSizes();
    int layers = network.numLayers();
    weights = new Pointer[layers];
    weightViews = new Pointer[Math.max(1, workers)][layers];
    shareBuffers = new Pointer[weightViews.length][layers];
    activationViews = new Pointer[weightViews.length][0][];
    heapShares = new double[weightViews.length][layers][];
    heapTerms = new double[weightViews.length][];
    for (int l = 0; l < layers; l++) {
      weights[l] = precision.allocate((long) sizes[l] * sizes[l + 1]);
      for (int w = 0; w < weightViews.length; w++) {
        weightViews[w][l] = precision.view(weights[l]);
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
        precision.put(weightViews[worker][l].position(first), w, first, (int) (to - from));
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
    return new NativePass(Math.max(1, capacity), passesCreated++);
  }

  @Override
  boolean defersWeightGradients() {
    return true;
  }

  @Override
  void weightGradientShare(int worker, int layer, int from, int to, Pass[] passes, int passCount, boolean accumulate,
    double[] destination) {
    int fanIn = sizes[layer];
    int fanOut = sizes[layer + 1];
    int firstRow = from / fanOut;
    int endRow = (to + fanOut - 1) / fanOut;
    int shareRows = endRow - firstRow;
    Pointer sum = shareBuffer(worker, layer, (long) shareRows * fanOut);
    // float64 operands accumulate in the native buffer (beta = 1); float32 ones hand each pass's product to a
    // float64 sum on the heap, so that only the products themselves are rounded to float32
    boolean nativeSum = precision == NativePrecision.FLOAT64;
    double[] heapSum = nativeSum ? null : heapShare(worker, layer, to - from);
    int offset = from - firstRow * fanOut;
    boolean add = accumulate;
    for (int p = 0; p < passCount; p++) {
      NativePass pass = (NativePass) passes[p];
      int rows = pass.activationRows[layer];
      if (rows == 0) {
        continue;
      }
      // rows firstRow..endRow of A^T D are columns firstRow..endRow of A: the same buffer, shifted
      Pointer columns = activationView(worker, pass, layer).position(firstRow);
      precision.gemm(CblasTrans, CblasNoTrans, shareRows, fanOut, rows, columns, fanIn, pass.deltas[layer + 1], fanOut,
        add && nativeSum ? 1.0 : 0.0, sum, fanOut);
      if (!nativeSum) {
        addToHeapShare(worker, heapSum, sum, offset, to - from, add);
      }
      add = true;
    }
    if (!add) {
      // no rows at all: a zero gradient
      if (nativeSum) {
        sum.fill(0);
      } else {
        java.util.Arrays.fill(heapSum, 0, to - from, 0.0);
      }
    }
    if (destination != null) {
      if (nativeSum) {
        precision.get(sum.position(offset), destination, from, to - from);
        sum.position(0);
      } else {
        System.arraycopy(heapSum, 0, destination, from, to - from);
      }
    }
  }

  /** The worker's float64 sum of its share of a layer's weight gradient, for float32 operands. */
  private double[] heapShare(int worker, int layer, int size) {
    double[] share = heapShares[worker][layer];
    if (share == null || share.length < size) {
      share = new double[size];
      heapShares[worker][layer] = share;
    }
    return share;
  }

  /** heapSum[0 .. length) = (add ? heapSum : 0) + the product's elements from offset on. */
  private void addToHeapShare(int worker, double[] heapSum, Pointer product, int offset, int length, boolean add) {
    if (!add) {
      precision.get(product.position(offset), heapSum, 0, length);
    } else {
      double[] term = heapTerms[worker];
      if (term == null || term.length < length) {
        term = new double[length];
        heapTerms[worker] = term;
      }
      precision.get(product.position(offset), term, 0, length);
      for (int i = 0; i < length; i++) {
        heapSum[i] += term[i];
      }
    }
    product.position(0);
  }

  /** The worker's buffer for its share of a layer's weight gradient, kept while the sum accumulates. */
  private Pointer shareBuffer(int worker, int layer, long size) {
    Pointer buffer = shareBuffers[worker][layer];
    if (buffer == null || buffer.capacity() < size) {
      if (buffer != null) {
        buffer.close();
      }
      buffer = precision.allocate(size);
      shareBuffers[worker][layer] = buffer;
    }
    return buffer;
  }

  /** A view of a pass's native activations that only this worker moves. */
  private Pointer activationView(int worker, NativePass pass, int layer) {
    Pointer[][] views = activationViews[worker];
    if (views.length <= pass.index) {
      views = java.util.Arrays.copyOf(views, pass.index + 1);
      activationViews[worker] = views;
    }
    if (views[pass.index] == null) {
      views[pass.index] = new Pointer[sizes.length - 1];
    }
    Pointer view = views[pass.index][layer];
    if (view == null) {
      view = precision.view(pass.activations[layer]);
      views[pass.index][layer] = view;
    }
    return view;
  }

  @Override
  public void close() {
    for (Pointer[] buffers : shareBuffers) {
      for (Pointer buffer : buffers) {
        if (buffer != null) {
          buffer.close();
        }
      }
    }
    for (Pointer[] views : weightViews) {
      for (Pointer view : views) {
        view.close();
      }
    }
    for (Pointer w : weights) {
      w.close();
    }
  }

  private final class NativePass extends Pass {
    private final Pointer[] activations;
    private final Pointer[] deltas;
    private final Pointer product;
    /** What each native copy holds: the heap matrix it was copied from and its rows then. */
    private final DMatrixRMaj[] activationSource;
    private final int[] activationRows;
    private final DMatrixRMaj[] deltaSource;
    private final int[] deltaRows;

    private final int index;

    NativePass(int capacity, int index) {
      this.index = index;
      int layers = sizes.length - 1;
      activations = new Pointer[layers];
      deltas = new Pointer[layers + 1];
      activationSource = new DMatrixRMaj[layers];
      activationRows = new int[layers];
      deltaSource = new DMatrixRMaj[layers + 1];
      deltaRows = new int[layers + 1];
      long largest = 1;
      for (int l = 0; l < layers; l++) {
        activations[l] = precision.allocate((long) capacity * sizes[l]);
        deltas[l + 1] = precision.allocate((long) capacity * sizes[l + 1]);
        largest = Math.max(largest, (long) capacity * Math.max(sizes[l], sizes[l + 1]));
        largest = Math.max(largest, (long) sizes[l] * sizes[l + 1]);
      }
      product = precision.allocate(largest);
    }

    @Override
    void forward(int layer, DMatrixRMaj in, DMatrixRMaj out) {
      int rows = in.numRows;
      loadActivations(layer, in, rows);
      product(CblasNoTrans, CblasNoTrans, rows, sizes[layer + 1], sizes[layer], activations[layer],
        weights[layer], out);
    }

    @Override
    void weightGradient(int layer, DMatrixRMaj activationsIn, DMatrixRMaj delta, DMatrixRMaj gradient) {
      int rows = delta.numRows;
      if (activationSource[layer] != activationsIn || activationRows[layer] != rows) {
        loadActivations(layer, activationsIn, rows);
      }
      loadDelta(layer + 1, delta, rows);
      product(CblasTrans, CblasNoTrans, sizes[layer], sizes[layer + 1], rows, activations[layer], deltas[layer + 1],
        gradient);
    }

    @Override
    void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out) {
      int rows = delta.numRows;
      if (deltaSource[layer + 1] != delta || deltaRows[layer + 1] != rows) {
        loadDelta(layer + 1, delta, rows);
      }
      product(CblasNoTrans, CblasTrans, rows, sizes[layer], sizes[layer + 1], deltas[layer + 1], weights[layer], out);
    }

    @Override
    void keepDelta(int layer, DMatrixRMaj delta) {
      // the first use of this delta in the pass: always copy, the heap matrix is reused from pass to pass
      loadDelta(layer + 1, delta, delta.numRows);
    }

    private void loadActivations(int layer, DMatrixRMaj source, int rows) {
      precision.put(activations[layer], source.data, 0, rows * sizes[layer]);
      activationSource[layer] = source;
      activationRows[layer] = rows;
    }

    private void loadDelta(int layer, DMatrixRMaj source, int rows) {
      precision.put(deltas[layer], source.data, 0, rows * sizes[layer]);
      deltaSource[layer] = source;
      deltaRows[layer] = rows;
    }

    /**
     * out (m x n) = op(a) op(b), both row-major with their stored column counts as leading dimensions: a is
     * m x k (k x m when transposed), b is k x n (n x k when transposed).
     */
    private void product(int transA, int transB, int m, int n, int k, Pointer a, Pointer b,
      DMatrixRMaj out) {
      out.reshape(m, n, false);
      if (m == 0 || n == 0 || k == 0) {
        // BLAS rejects empty dimensions (a network without inputs); the product is all zeros
        java.util.Arrays.fill(out.data, 0, m * n, 0.0);
        return;
      }
      int lda = transA == CblasNoTrans ? k : m;
      int ldb = transB == CblasNoTrans ? n : k;
      precision.gemm(transA, transB, m, n, k, a, lda, b, ldb, 0.0, product, n);
      precision.get(product, out.data, 0, m * n);
    }

    @Override
    public void close() {
      for (Pointer p : activations) {
        p.close();
      }
      for (int l = 1; l < deltas.length; l++) {
        deltas[l].close();
      }
      product.close();
    }
  }
}
