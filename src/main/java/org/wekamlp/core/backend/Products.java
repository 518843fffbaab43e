package org.wekamlp.core.backend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The matrix products of the forward and backward passes over one round of rows, as a {@link Backend} runs
 * them. A backend that computes on the Java heap multiplies the workspace matrices directly; a backend that
 * computes in native memory keeps a copy of the weights there (refreshed by {@link #syncWeights}) and copies
 * each activation and delta over once per pass.
 *
 * <p>Each {@link Pass} is used by one thread at a time, in the backward pass's order: {@code forward(l)} for
 * l = 0, 1, ... (the first one possibly right after {@link Pass#gatherInput}); then for l = L-1 down to 0 {@code keepDelta(l)} and, for l > 0, {@code delta(l)}. A pass may
 * rely on that order. The weight gradients are left out of the passes: once every pass of a round is done,
 * {@link #weightGradient} computes any range of rows of {@code A[l]^T D[l+1]} over all the round's rows at once,
 * in an order fixed by the shapes alone (never by the thread that asks).
 */
public interface Products extends AutoCloseable {

  /** @return whether the backend keeps its own copy of the weights, so that {@link #syncWeights} must run */
  boolean keepsWeights();

  /**
   * Makes elements {@code [from, to)} of the backend's copy of {@code W[layer]} equal to the heap weights.
   * Calls on disjoint ranges may run concurrently, each with its own worker index.
   *
   * @param worker the calling worker, 0 to workers - 1
   * @param layer weight layer
   * @param from first element (row-major index)
   * @param to one past the last element
   */
  void syncWeights(int worker, int layer, int from, int to);

  /**
   * @param index 0 to passes - 1
   * @return the pass of rows {@code index * rowsPerPass} onwards
   */
  Pass pass(int index);

  /**
   * Rows {@code [fromRow, toRow)} of the weight gradient {@code A[layer]^T D[layer + 1]} summed over the first
   * {@code rows} rows of the round (passes 0, 1, ... in order, each with the rows of its last forward pass).
   * Calls on disjoint row ranges may run concurrently, each with its own worker index.
   *
   * @param worker the calling worker, 0 to workers - 1
   * @param layer weight layer
   * @param fromRow first row of {@code W[layer]}
   * @param toRow one past the last row
   * @param rows rows of the round, from the first row of pass 0
   * @param add whether to add to {@code destination} instead of overwriting it
   * @param destination receives the elements {@code [fromRow * fanOut, toRow * fanOut)} at the same indices.
   *     Modified.
   */
  void weightGradient(int worker, int layer, int fromRow, int toRow, int rows, boolean add, double[] destination);

  /** Frees native memory, if any; the products cannot be used afterwards. */
  @Override
  void close();

  /** The products of one pass (one slice of a round's rows). */
  interface Pass {

    /**
     * Makes rows {@code rows[from..to)} of a float32 input matrix the input of the next {@code forward(0, in, out)}
     * call, whose {@code in} must then be {@code heapInput}. This default converts them into {@code heapInput}; a
     * backend with float32 operands in its own memory copies them there as they are, without a conversion, and
     * leaves the values of {@code heapInput} alone.
     *
     * @param inputs the encoded inputs (rows x fan-in of layer 0). Not modified.
     * @param rows row indices into inputs. Not modified.
     * @param from first position in rows
     * @param to one past the last position
     * @param heapInput the pass's input matrix, reshaped to (to - from) x fan-in. Modified.
     */
    default void gatherInput(FMatrixRMaj inputs, int[] rows, int from, int to, DMatrixRMaj heapInput) {
      int columns = inputs.numCols;
      heapInput.reshape(to - from, columns, false);
      float[] source = inputs.data;
      double[] destination = heapInput.data;
      for (int j = from; j < to; j++) {
        int row = rows[j] * columns;
        int local = (j - from) * columns;
        for (int c = 0; c < columns; c++) {
          destination[local + c] = source[row + c];
        }
      }
    }

    /**
     * out = in * W[layer], or, when {@code in} has k columns fewer than the layer's fan-in, in times the first k
     * rows of W[layer].
     *
     * @param layer weight layer
     * @param in the layer's input activations (rows x fan-in, or rows x k). Not modified.
     * @param out pre-activations (rows x fan-out). Modified.
     */
    void forward(int layer, DMatrixRMaj in, DMatrixRMaj out);

    /**
     * Keeps the error at layer {@code layer}'s output for {@link Products#weightGradient} and {@link #delta}.
     *
     * @param layer weight layer
     * @param delta the error at the layer's output (rows x fan-out), final. Not modified.
     */
    void keepDelta(int layer, DMatrixRMaj delta);

    /**
     * out = delta * W[layer]<sup>T</sup>.
     *
     * @param layer weight layer, at least 1
     * @param delta the error at the layer's output, as given to {@code keepDelta(layer)}. Not modified.
     * @param out the error at the layer's input (rows x fan-in), before the activation's derivative. Modified.
     */
    void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out);
  }
}
