package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Integrated gradients (Sundararajan, Taly and Yan, "Axiomatic Attribution for Deep Networks", ICML 2017) of one
 * network output with respect to the network's inputs: for an input {@code x} and a baseline {@code b}, the
 * attribution of input {@code i} is {@code (x_i - b_i) * integral over t in [0, 1] of dF/dx_i (b + t (x - b)) dt},
 * here by the trapezoid rule on {@code steps} equal intervals. All {@code steps + 1} points of the path go through
 * the network as the rows of one matrix, forward and backward, one matrix product per layer and direction.
 *
 * <p>Completeness: the attributions sum to {@code F(x) - F(b)} up to the error of the trapezoid rule, which
 * {@link Result#completenessError()} reports; more steps make it smaller.
 */
public final class IntegratedGradients {

  private IntegratedGradients() {
  }

  /** The attributions of one input, with the output at the input and at the baseline. */
  public static final class Result {

    private final double[] attributions;
    private final double output;
    private final double baselineOutput;
    private final int steps;

    Result(double[] attributions, double output, double baselineOutput, int steps) {
      this.attributions = attributions;
      this.output = output;
      this.baselineOutput = baselineOutput;
      this.steps = steps;
    }

    /** @return per network input, its attribution (a copy) */
    public double[] attributions() {
      return attributions.clone();
    }

    /** @return the explained output F(x) at the input */
    public double output() {
      return output;
    }

    /** @return the explained output F(b) at the baseline */
    public double baselineOutput() {
      return baselineOutput;
    }

    /** @return the number of intervals of the path */
    public int steps() {
      return steps;
    }

    /** @return {@code |sum of attributions - (F(x) - F(b))|}, the error of the path integral */
    public double completenessError() {
      double sum = 0.0;
      for (double a : attributions) {
        sum += a;
      }
      return Math.abs(sum - (output - baselineOutput));
    }
  }

  /**
   * Attributes one output of the network to its inputs.
   *
   * @param network the network. Not modified.
   * @param input the input x (one value per network input). Not modified.
   * @param baseline the baseline b, same length. Not modified.
   * @param outputIndex the output F explained: a class's probability for a softmax output, 0 for a regression
   * @param steps intervals of the trapezoid rule, at least 1
   * @return the attributions, F(x) and F(b)
   * @throws IllegalArgumentException when the lengths, the output index or the steps are out of range
   */
  public static Result attribute(Network network, double[] input, double[] baseline, int outputIndex, int steps) {
    int d = network.numInputs();
    if (input.length != d || baseline.length != d) {
      throw new IllegalArgumentException("The input has " + input.length + " and the baseline " + baseline.length
        + " values, the network " + d + " inputs.");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("Invalid number of steps " + steps + ": must be at least 1.");
    }
    DMatrixRMaj path = new DMatrixRMaj(steps + 1, d);
    for (int k = 0; k <= steps; k++) {
      double t = (double) k / steps;
      for (int i = 0; i < d; i++) {
        path.data[k * d + i] = baseline[i] + t * (input[i] - baseline[i]);
      }
    }
    DMatrixRMaj outputs = new DMatrixRMaj(1, 1);
    DMatrixRMaj gradients = gradients(network, path, outputIndex, outputs);
    double[] attributions = new double[d];
    for (int k = 0; k <= steps; k++) {
      double weight = (k == 0 || k == steps ? 0.5 : 1.0) / steps;
      for (int i = 0; i < d; i++) {
        attributions[i] += weight * gradients.data[k * d + i];
      }
    }
    for (int i = 0; i < d; i++) {
      attributions[i] *= input[i] - baseline[i];
    }
    int k = network.numOutputs();
    return new Result(attributions, outputs.data[steps * k + outputIndex], outputs.data[outputIndex], steps);
  }

  /**
   * The gradient of one output with respect to the inputs, for every row at once: a forward pass that keeps each
   * layer's activations, then the output's derivative sent back through the layers.
   *
   * @param network the network. Not modified.
   * @param inputs rows of network inputs (rows x numInputs). Not modified.
   * @param outputIndex the output differentiated
   * @param outputs destination of the network outputs, reshaped to rows x numOutputs. Modified.
   * @return per row, dF/dx (rows x numInputs)
   * @throws IllegalArgumentException when the output index or the number of input columns is out of range
   */
  public static DMatrixRMaj gradients(Network network, DMatrixRMaj inputs, int outputIndex, DMatrixRMaj outputs) {
    if (outputIndex < 0 || outputIndex >= network.numOutputs()) {
      throw new IllegalArgumentException("Output index " + outputIndex + " out of range: the network has "
        + network.numOutputs() + " outputs.");
    }
    if (inputs.numCols != network.numInputs()) {
      throw new IllegalArgumentException("Inputs have " + inputs.numCols + " columns, the network " + network
        .numInputs() + " inputs.");
    }
    int layers = network.numLayers();
    DMatrixRMaj[] activations = new DMatrixRMaj[layers + 1];
    activations[0] = inputs;
    for (int l = 0; l < layers; l++) {
      DMatrixRMaj z = new DMatrixRMaj(inputs.numRows, network.layerSizes()[l + 1]);
      CommonOps_DDRM.mult(activations[l], network.weights(l), z);
      if (l < layers - 1) {
        network.hiddenActivation().applyWithBias(z.data, z.numRows, network.biases(l).data);
      } else {
        Backpropagation.addRowVector(z, network.biases(l).data);
        network.outputLayer().activate(z);
      }
      activations[l + 1] = z;
    }
    outputs.setTo(activations[layers]);
    DMatrixRMaj delta = outputDerivative(network.outputLayer(), activations[layers], outputIndex);
    for (int l = layers - 1; l >= 0; l--) {
      DMatrixRMaj previous = new DMatrixRMaj(inputs.numRows, network.layerSizes()[l]);
      CommonOps_DDRM.multTransB(delta, network.weights(l), previous);
      if (l > 0) {
        network.hiddenActivation().multiplyByDerivative(activations[l].data, previous.data, previous.data.length);
      }
      delta = previous;
    }
    return delta;
  }

  /**
   * The derivative of output {@code k} with respect to the last layer's pre-activations z, per row: for a softmax
   * {@code dp_k/dz_j = p_k (1[j = k] - p_j)}; for the identity {@code 1[j = k]}.
   */
  private static DMatrixRMaj outputDerivative(OutputLayer outputLayer, DMatrixRMaj outputs, int k) {
    int cols = outputs.numCols;
    DMatrixRMaj derivative = new DMatrixRMaj(outputs.numRows, cols);
    boolean softmax = outputLayer == OutputLayer.SOFTMAX_CROSS_ENTROPY;
    for (int r = 0; r < outputs.numRows; r++) {
      int base = r * cols;
      double pk = outputs.data[base + k];
      for (int j = 0; j < cols; j++) {
        double kronecker = j == k ? 1.0 : 0.0;
        derivative.data[base + j] = softmax ? pk * (kronecker - outputs.data[base + j]) : kronecker;
      }
    }
    return derivative;
  }
}
