package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The matrix products of the forward and backward passes, as one {@link MatrixMultiply} backend runs them
 * for a {@link GradientEvaluator} or a batch prediction. A backend that computes on the Java heap simply
 * multiplies the workspace matrices ({@link #onHeap}); a backend that computes in native memory keeps
 * the weights there (copied once per call by {@link #syncWeights}, shared by all chunks) and copies each
 * activation and delta over once per pass, where a plain product call would copy every operand of every
 * product.
 *
 * <p>One {@link Pass} per workspace, used by one thread at a time, in {@link Backpropagation}'s order:
 * {@code forward(l)} for l = 0, 1, ...; then for l = L-1 down to 0 {@code weightGradient(l)} and, for
 * l > 0, {@code delta(l)}. A pass may rely on that order: {@code weightGradient(l)} reads layer l's
 * activations as {@code forward(l)} received them, {@code delta(l)} the delta that
 * {@code weightGradient(l)} received.
 */
abstract class MatrixProducts implements AutoCloseable {

  /**
   * @param multiply the backend
   * @param network the network whose weights the products use. Not modified.
   * @param workers the most workers that will share the products ({@link #syncWeights})
   * @return products on the backend's own memory where it has any, else on the heap
   */
  static MatrixProducts of(MatrixMultiply multiply, Network network, int workers) {
    if (multiply instanceof NativeProducts) {
      return ((NativeProducts) multiply).products(network, workers);
    }
    return onHeap(multiply, network);
  }

  /**
   * @param multiply any backend, called with the heap matrices
   * @param network the network. Not modified.
   * @return products that pass the workspace matrices to {@code multiply} unchanged
   */
  static MatrixProducts onHeap(MatrixMultiply multiply, Network network) {
    return new HeapProducts(multiply, network);
  }

  /**
   * Makes this worker's share of the backend's copy of the weights equal to the network's current
   * weights. Called by every worker of a team before the passes that use the weights; shares are disjoint.
   *
   * @param worker this worker, 0 to workers - 1
   * @param workers number of workers sharing the copy
   */
  abstract void syncWeights(int worker, int workers);

  /** @return whether {@link #syncWeights} does anything (a phase of its own is then worth it) */
  abstract boolean keepsWeights();

  /**
   * @param capacity the largest number of rows of a pass
   * @return a new pass for one workspace
   */
  abstract Pass newPass(int capacity);

  /**
   * Whether the weight gradients are left out of the passes and computed afterwards, over the rows of all
   * passes at once, by {@link #weightGradientShare}: one product per layer and worker instead of one per
   * pass, and no per-pass gradient to copy and sum. The passes then skip {@code weightGradient} and call
   * {@link Pass#keepDelta} instead.
   *
   * @return false unless overridden
   */
  boolean defersWeightGradients() {
    return false;
  }

  /**
   * Elements {@code [from, to)} of the weight gradient {@code sum over passes of A[layer]^T D[layer+1]} of the
   * first {@code passCount} passes, for {@link #defersWeightGradients()} backends. The sum accumulates over
   * calls with {@code accumulate} until it is copied out.
   *
   * @param worker the calling worker; each worker uses its own buffers
   * @param layer weight layer
   * @param from first element (row-major index into W[layer])
   * @param to one past the last element
   * @param passes the passes of the round, their forward and backward passes done. Not modified.
   * @param passCount how many of them hold rows
   * @param accumulate add to what the earlier calls for these elements left, instead of starting over
   * @param destination receives the sum at the same indices, or null to keep accumulating. Modified.
   */
  void weightGradientShare(int worker, int layer, int from, int to, Pass[] passes, int passCount, boolean accumulate,
    double[] destination) {
    throw new UnsupportedOperationException("This backend computes weight gradients in its passes.");
  }

  /** Releases native memory, if any. */
  @Override
  public void close() {
    // nothing on the heap
  }

  /** The products of one workspace's passes. */
  abstract static class Pass implements AutoCloseable {

    /**
     * out = in * W[layer].
     *
     * @param layer weight layer
     * @param in the layer's input activations (rows x fan-in). Not modified.
     * @param out pre-activations (rows x fan-out). Modified.
     */
    abstract void forward(int layer, DMatrixRMaj in, DMatrixRMaj out);

    /**
     * gradient = activations<sup>T</sup> * delta.
     *
     * @param layer weight layer
     * @param activations the layer's input activations, as given to {@code forward(layer)}. Not modified.
     * @param delta the error at the layer's output (rows x fan-out). Not modified.
     * @param gradient (fan-in x fan-out). Modified.
     */
    abstract void weightGradient(int layer, DMatrixRMaj activations, DMatrixRMaj delta, DMatrixRMaj gradient);

    /**
     * out = delta * W[layer]<sup>T</sup>.
     *
     * @param layer weight layer, at least 1
     * @param delta the error at the layer's output, as given to {@code weightGradient(layer)}. Not modified.
     * @param out the error at the layer's input (rows x fan-in), before the activation's derivative. Modified.
     */
    abstract void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out);

    /**
     * Keeps the error at layer {@code layer}'s output for {@link MatrixProducts#weightGradientShare}, when
     * the backend defers the weight gradients; else nothing.
     *
     * @param layer weight layer
     * @param delta the error at the layer's output (rows x fan-out), final. Not modified.
     */
    void keepDelta(int layer, DMatrixRMaj delta) {
      // the weight gradient was computed in the pass
    }

    /** Releases native memory, if any. */
    @Override
    public void close() {
      // nothing on the heap
    }
  }

  /** Implemented by backends that compute in their own memory and keep operands there. */
  interface NativeProducts {
    /**
     * @param network the network. Not modified.
     * @param workers the most workers that will share the products
     * @return products that keep operands in native memory
     */
    MatrixProducts products(Network network, int workers);
  }

  /** The plain path: every product on the heap matrices. */
  private static final class HeapProducts extends MatrixProducts {
    private final MatrixMultiply multiply;
    private final Network network;

    HeapProducts(MatrixMultiply multiply, Network network) {
      this.multiply = multiply;
      this.network = network;
    }

    @Override
    void syncWeights(int worker, int workers) {
      // the products read the network's weights directly
    }

    @Override
    boolean keepsWeights() {
      return false;
    }

    @Override
    Pass newPass(int capacity) {
      return new Pass() {
        @Override
        void forward(int layer, DMatrixRMaj in, DMatrixRMaj out) {
          multiply.mult(in, network.weights(layer), out);
        }

        @Override
        void weightGradient(int layer, DMatrixRMaj activations, DMatrixRMaj delta, DMatrixRMaj gradient) {
          multiply.multTransA(activations, delta, gradient);
        }

        @Override
        void delta(int layer, DMatrixRMaj delta, DMatrixRMaj out) {
          multiply.multTransB(delta, network.weights(layer), out);
        }
      };
    }
  }
}
