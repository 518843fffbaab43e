package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward passes of one chunk, one matrix product per layer and direction.
 *
 * <p>Backward pass (Rumelhart, Hinton and Williams, 1986), with {@code D[L] = s * (A[L] - Y)} at the output
 * ({@code s} the per-row scale):
 * {@code dW[l] = A[l]^T D[l+1]}, {@code db[l] = column sums of D[l+1]},
 * {@code D[l] = (D[l+1] W[l]^T) * f'(A[l])}.
 * The L2 penalty is not added here: it belongs to the whole minibatch, not to a chunk.
 */
final class Backpropagation {

  private Backpropagation() {
  }

  /**
   * Forward pass from {@code workspace.input()} to {@code workspace.output()}.
   *
   * @param network parameters. Not modified.
   * @param workspace activations. Modified.
   * @param products the workspace's matrix products
   */
  static void forward(Network network, Workspace workspace, MatrixProducts.Pass products) {
    int layers = network.numLayers();
    for (int l = 0; l < layers; l++) {
      DMatrixRMaj in = workspace.activation(l);
      DMatrixRMaj out = workspace.activation(l + 1);
      products.forward(l, in, out);
      if (l < layers - 1) {
        network.hiddenActivation().applyWithBias(out.data, out.numRows, network.biases(l).data);
      } else {
        addRowVector(out, network.biases(l).data);
        network.outputLayer().activate(out);
      }
    }
  }

  /**
   * Forward and backward pass; fills the workspace's gradient and returns the weighted data loss.
   *
   * @param network parameters. Not modified.
   * @param workspace input, target and row scale set by the caller; all else. Modified.
   * @param products the workspace's matrix products
   * @param deferred whether the products defer the weight gradients ({@link MatrixProducts#defersWeightGradients()}):
   *     the gradient's weight matrices are then left untouched
   * @return sum over rows of rowScale * loss(row)
   */
  static double lossAndGradient(Network network, Workspace workspace, MatrixProducts.Pass products,
    boolean deferred) {
    forward(network, workspace, products);
    int layers = network.numLayers();
    OutputLayer outputLayer = network.outputLayer();
    double loss = outputLayer.loss(workspace.output(), workspace.target(), workspace.rowScale());
    outputLayer.outputDelta(workspace.output(), workspace.target(), workspace.rowScale(),
      workspace.delta(layers));
    Gradient gradient = workspace.gradient();
    for (int l = layers - 1; l >= 0; l--) {
      DMatrixRMaj delta = workspace.delta(l + 1);
      if (deferred) {
        products.keepDelta(l, delta);
      } else {
        products.weightGradient(l, workspace.activation(l), delta, gradient.weights(l));
      }
      columnSums(delta, gradient.biases(l).data);
      if (l > 0) {
        DMatrixRMaj previous = workspace.delta(l);
        products.delta(l, delta, previous);
        network.hiddenActivation().multiplyByDerivative(workspace.activation(l).data, previous.data,
          previous.numRows * previous.numCols);
      }
    }
    return loss;
  }

  private static void addRowVector(DMatrixRMaj m, double[] row) {
    final int cols = m.numCols;
    final double[] v = m.data;
    for (int r = 0, base = 0; r < m.numRows; r++, base += cols) {
      for (int c = 0; c < cols; c++) {
        v[base + c] += row[c];
      }
    }
  }

  private static void columnSums(DMatrixRMaj m, double[] sums) {
    final int cols = m.numCols;
    final double[] v = m.data;
    java.util.Arrays.fill(sums, 0, cols, 0.0);
    for (int r = 0, base = 0; r < m.numRows; r++, base += cols) {
      for (int c = 0; c < cols; c++) {
        sums[c] += v[base + c];
      }
    }
  }
}
