package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Products;

/**
 * The forward and backward passes of one unit of rows, one matrix product per layer and direction.
 *
 * <p>Backward pass (Rumelhart, Hinton and Williams, 1986), with {@code D[L] = s * (A[L] - Y)} at the output
 * ({@code s} the per-row scale): {@code D[l] = (D[l+1] W[l]^T) * f'(A[l])}. The gradients
 * {@code dW[l] = A[l]^T D[l+1]} and {@code db[l] = column sums of D[l+1]} are sums over all rows of a round, so
 * {@link GradientEvaluator} forms them from the kept deltas once every unit is done; the L2 penalty too belongs
 * to the whole minibatch, not to a unit.
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
  static void forward(Network network, Workspace workspace, Products.Pass products) {
    forward(network, workspace, products, 0);
  }

  /**
   * Forward pass whose products before layer {@code firstProduct} are done: {@code workspace.activation(l + 1)}
   * holds {@code A[l] W[l]} (bias and activation not yet applied) for the layer before it, if any.
   *
   * @param network parameters. Not modified.
   * @param workspace activations. Modified.
   * @param products the workspace's matrix products
   * @param firstProduct the first layer whose product is still to do: 0, or 1 after the first layer's product
   */
  static void forward(Network network, Workspace workspace, Products.Pass products, int firstProduct) {
    int layers = network.numLayers();
    for (int l = 0; l < layers; l++) {
      DMatrixRMaj out = workspace.activation(l + 1);
      if (l >= firstProduct) {
        products.forward(l, workspace.activation(l), out);
      }
      if (l < layers - 1) {
        network.hiddenActivation().applyWithBias(out.data, out.numRows, network.biases(l).data);
      } else {
        addRowVector(out, network.biases(l).data);
        network.outputLayer().activate(out);
      }
    }
  }

  /**
   * Forward and backward pass: leaves every layer's delta in the workspace and hands each to the products
   * ({@link Products.Pass#keepDelta}); returns the weighted data loss.
   *
   * @param network parameters. Not modified.
   * @param workspace input, target and row scale set by the caller; all else. Modified.
   * @param products the workspace's matrix products
   * @return sum over rows of rowScale * loss(row)
   */
  static double lossAndDeltas(Network network, Workspace workspace, Products.Pass products) {
    forward(network, workspace, products);
    int layers = network.numLayers();
    OutputLayer outputLayer = network.outputLayer();
    double loss = outputLayer.loss(workspace.output(), workspace.target(), workspace.rowScale());
    outputLayer.outputDelta(workspace.output(), workspace.target(), workspace.rowScale(),
      workspace.delta(layers));
    for (int l = layers - 1; l >= 0; l--) {
      DMatrixRMaj delta = workspace.delta(l + 1);
      products.keepDelta(l, delta);
      if (l > 0) {
        DMatrixRMaj previous = workspace.delta(l);
        products.delta(l, delta, previous);
        network.hiddenActivation().multiplyByDerivative(workspace.activation(l).data, previous.data,
          previous.numRows * previous.numCols);
      }
    }
    return loss;
  }

  /** Adds {@code row} to every row of {@code m} (modified). */
  static void addRowVector(DMatrixRMaj m, double[] row) {
    final int cols = m.numCols;
    final double[] v = m.data;
    for (int r = 0, base = 0; r < m.numRows; r++, base += cols) {
      for (int c = 0; c < cols; c++) {
        v[base + c] += row[c];
      }
    }
  }
}
