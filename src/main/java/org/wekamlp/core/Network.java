package org.wekamlp.core;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;

/**
 * A fully connected feed-forward network: its architecture and its parameters, nothing else.
 *
 * <p>Layer {@code l} maps {@code layerSizes[l]} units to {@code layerSizes[l + 1]} units with a weight
 * matrix {@code W[l]} (fan-in x fan-out, row-major) and a bias row {@code b[l]}. A minibatch is a matrix
 * with one row per instance, so one layer is one matrix product: {@code A[l+1] = f(A[l] W[l] + b[l])}.
 * Hidden layers share one {@link Activation}; the last layer is an {@link OutputLayer}.
 */
public final class Network implements Serializable {

  private static final long serialVersionUID = 4471927352204418113L;

  private final int[] layerSizes;
  private final Activation hiddenActivation;
  private final OutputLayer outputLayer;
  private final DMatrixRMaj[] weights;
  private final DMatrixRMaj[] biases;

  /**
   * Creates a network with unset (zero) parameters; call {@link #initialize(Random)} before training.
   *
   * @param layerSizes units per layer: inputs, hidden layers..., outputs (at least two entries; inputs may be
   *     0, all other layers need at least one unit)
   * @param hiddenActivation activation of the hidden layers
   * @param outputLayer output activation and loss
   */
  public Network(int[] layerSizes, Activation hiddenActivation, OutputLayer outputLayer) {
    if (layerSizes.length < 2) {
      throw new IllegalArgumentException("A network needs an input and an output layer.");
    }
    for (int l = 0; l < layerSizes.length; l++) {
      // zero inputs is allowed (every attribute was constant): the network then learns only its biases
      if (layerSizes[l] < (l == 0 ? 0 : 1)) {
        throw new IllegalArgumentException("Layer sizes must be positive: " + Arrays.toString(layerSizes));
      }
    }
    this.layerSizes = layerSizes.clone();
    this.hiddenActivation = hiddenActivation;
    this.outputLayer = outputLayer;
    int layers = layerSizes.length - 1;
    weights = new DMatrixRMaj[layers];
    biases = new DMatrixRMaj[layers];
    for (int l = 0; l < layers; l++) {
      weights[l] = new DMatrixRMaj(layerSizes[l], layerSizes[l + 1]);
      biases[l] = new DMatrixRMaj(1, layerSizes[l + 1]);
    }
  }

  /**
   * Glorot and Bengio (2010) uniform initialisation of weights and biases, as scikit-learn does it:
   * {@code U(-r, r)} with {@code r = sqrt(6 / (fanIn + fanOut))}, or {@code sqrt(2 / (fanIn + fanOut))}
   * when the hidden activation is logistic. Never zeros: zero weights make all units of a layer learn the
   * same thing.
   *
   * @param random source of randomness. Modified (advanced).
   */
  public void initialize(Random random) {
    for (int l = 0; l < weights.length; l++) {
      int fanIn = layerSizes[l];
      int fanOut = layerSizes[l + 1];
      double factor = hiddenActivation == Activation.LOGISTIC ? 2.0 : 6.0;
      double bound = Math.sqrt(factor / (fanIn + fanOut));
      fillUniform(weights[l].data, bound, random);
      fillUniform(biases[l].data, bound, random);
    }
  }

  private static void fillUniform(double[] values, double bound, Random random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (2.0 * random.nextDouble() - 1.0) * bound;
    }
  }

  /** @return a deep copy with the same architecture and parameter values */
  public Network copy() {
    Network copy = new Network(layerSizes, hiddenActivation, outputLayer);
    copy.copyParametersFrom(this);
    return copy;
  }

  /**
   * @param other a network of the same architecture. Not modified.
   */
  public void copyParametersFrom(Network other) {
    if (!Arrays.equals(layerSizes, other.layerSizes)) {
      throw new IllegalArgumentException("Architectures differ: " + Arrays.toString(layerSizes) + " vs "
        + Arrays.toString(other.layerSizes));
    }
    for (int l = 0; l < weights.length; l++) {
      weights[l].setTo(other.weights[l]);
      biases[l].setTo(other.biases[l]);
    }
  }

  /**
   * A copy that reads raw inputs {@code r} whose encoded inputs are {@code x = scale * r + shift}, column by column:
   * the first layer's weights scaled row by row, {@code W'[j] = scale[j] W[j]}, and its bias
   * {@code b' = b + sum_j shift[j] W[j]}, so that {@code r W' + b' = x W + b} within rounding. Prediction then
   * reads the raw values as they are instead of encoding each one, and a raw value of 0 costs nothing in the
   * first layer.
   *
   * @param scale per input column, the factor of the raw value. Not modified.
   * @param shift per input column, the encoded value of a raw 0. Not modified.
   * @return the folded copy; this network is not modified
   * @throws IllegalArgumentException when the arrays do not have one entry per input
   */
  public Network foldInputs(double[] scale, double[] shift) {
    if (scale.length != numInputs() || shift.length != numInputs()) {
      throw new IllegalArgumentException("The input map has " + scale.length + " and " + shift.length
        + " entries, the network " + numInputs() + " inputs.");
    }
    Network folded = copy();
    double[] w = folded.weights[0].data;
    double[] b = folded.biases[0].data;
    int fanOut = layerSizes[1];
    for (int j = 0; j < scale.length; j++) {
      int row = j * fanOut;
      for (int h = 0; h < fanOut; h++) {
        b[h] += shift[j] * w[row + h];
        w[row + h] *= scale[j];
      }
    }
    return folded;
  }

  /** @return the number of weight layers (hidden layers + 1) */
  public int numLayers() {
    return weights.length;
  }

  /** @return units per layer, inputs first, outputs last (a copy) */
  public int[] layerSizes() {
    return layerSizes.clone();
  }

  /** @return number of input units */
  public int numInputs() {
    return layerSizes[0];
  }

  /** @return number of output units */
  public int numOutputs() {
    return layerSizes[layerSizes.length - 1];
  }

  /** @return the activation of the hidden layers */
  public Activation hiddenActivation() {
    return hiddenActivation;
  }

  /** @return the output layer and its loss */
  public OutputLayer outputLayer() {
    return outputLayer;
  }

  /**
   * @param layer weight layer index, 0 = from the inputs
   * @return the live weight matrix (fan-in x fan-out); changes write through to the network
   */
  public DMatrixRMaj weights(int layer) {
    return weights[layer];
  }

  /**
   * @param layer weight layer index
   * @return the live bias row (1 x fan-out)
   */
  public DMatrixRMaj biases(int layer) {
    return biases[layer];
  }

  /** @return the multiply-adds of the matrix products of one row's forward pass (the number of weights) */
  public long multiplyAddsPerRow() {
    long total = 0;
    for (DMatrixRMaj w : weights) {
      total += w.data.length;
    }
    return total;
  }

  /** @return total number of trainable parameters (weights and biases) */
  public long numParameters() {
    long total = 0;
    for (int l = 0; l < weights.length; l++) {
      total += (long) weights[l].data.length + biases[l].data.length;
    }
    return total;
  }

  /**
   * The parameter arrays in the fixed order W[0], b[0], W[1], b[1], ...: live views that optimizers
   * update in place. {@link Gradient} uses the same order.
   *
   * @return the arrays (the outer array is new, the inner ones are the network's own)
   */
  public double[][] parameterArrays() {
    double[][] arrays = new double[2 * weights.length][];
    for (int l = 0; l < weights.length; l++) {
      arrays[2 * l] = weights[l].data;
      arrays[2 * l + 1] = biases[l].data;
    }
    return arrays;
  }

  /** @return true when every weight and bias is a finite number */
  public boolean allParametersFinite() {
    for (double[] array : parameterArrays()) {
      for (double v : array) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** @return the sum of squared weights (biases excluded), the quantity the L2 penalty acts on */
  public double squaredWeightNorm() {
    double total = 0.0;
    for (DMatrixRMaj w : weights) {
      for (double v : w.data) {
        total += v * v;
      }
    }
    return total;
  }

  /**
   * Forward pass for prediction on the calling thread. Allocates its own workspace, so concurrent calls
   * are safe.
   *
   * @param inputs encoded inputs (rows x numInputs). Not modified.
   * @param outputs destination, reshaped to rows x numOutputs; probabilities for softmax. Modified.
   */
  public void predict(DMatrixRMaj inputs, DMatrixRMaj outputs) {
    predict(inputs, outputs, Backends.ejml());
  }

  /**
   * Forward pass for prediction with the given matrix-product backend, on the calling thread. Allocates its
   * own workspace, so concurrent calls are safe.
   *
   * @param inputs encoded inputs (rows x numInputs). Not modified.
   * @param outputs destination, reshaped to rows x numOutputs; probabilities for softmax. Modified.
   * @param backend matrix-product backend
   */
  public void predict(DMatrixRMaj inputs, DMatrixRMaj outputs, Backend backend) {
    predict(inputs, outputs, backend, 1);
  }

  /**
   * Forward pass for prediction on {@code numThreads} threads (started for this call), in blocks of rows
   * so that memory does not grow with the number of rows; the outputs do not depend on the number of threads.
   * Concurrent calls are safe.
   *
   * @param inputs encoded inputs (rows x numInputs). Not modified.
   * @param outputs destination, reshaped to rows x numOutputs; probabilities for softmax. Modified.
   * @param backend matrix-product backend
   * @param numThreads threads to use, at least 1
   */
  public void predict(DMatrixRMaj inputs, DMatrixRMaj outputs, Backend backend, int numThreads) {
    if (inputs.numCols != numInputs()) {
      throw new IllegalArgumentException("Inputs have " + inputs.numCols + " columns, the network " + numInputs()
        + " inputs.");
    }
    if (outputs == inputs) {
      throw new IllegalArgumentException("outputs must not be the inputs matrix");
    }
    final int d = inputs.numCols;
    final double[] source = inputs.data;
    predict(inputs.numRows, (row, destination, offset) -> System.arraycopy(source, row * d, destination, offset, d),
      outputs, backend, numThreads);
  }

  /**
   * Forward pass for prediction of rows that are encoded on the fly, on {@code numThreads} threads: each
   * thread asks {@code source} for its rows, a block at a time, so that encoding runs in parallel too and
   * no encoded copy of all rows is ever made. Concurrent calls are safe if {@code source} is.
   *
   * @param rows number of rows
   * @param source writes the encoded inputs of a row. Called concurrently for different rows.
   * @param outputs destination, reshaped to rows x numOutputs; probabilities for softmax. Modified.
   * @param backend matrix-product backend
   * @param numThreads threads to use, at least 1
   */
  public void predict(int rows, RowSource source, DMatrixRMaj outputs, Backend backend, int numThreads) {
    BatchPrediction.predict(this, rows, source, outputs, backend, numThreads);
  }

  /**
   * Forward pass for prediction of rows with many zeros, on {@code numThreads} threads, as
   * {@link #predict(int, RowSource, DMatrixRMaj, Backend, int)} does it, with the same outputs within rounding. In
   * each block of rows, the first layer multiplies the columns in which enough rows are not 0 as one dense product,
   * adds the few non-zero values of the other columns one weight row at a time and leaves out the columns of zeros:
   * on pixels (read raw through a network with folded input scaling, {@link #foldInputs}) most of its multiply-adds
   * are left out.
   *
   * @param rows number of rows
   * @param source writes the inputs of a row. Called concurrently for different rows.
   * @param outputs destination, reshaped to rows x numOutputs; probabilities for softmax. Modified.
   * @param backend matrix-product backend
   * @param numThreads threads to use, at least 1
   */
  public void predictSparse(int rows, RowSource source, DMatrixRMaj outputs, Backend backend, int numThreads) {
    BatchPrediction.predictSparse(this, rows, source, outputs, backend, numThreads);
  }

  /** Supplies the encoded inputs of the rows to predict, one row at a time. */
  @FunctionalInterface
  public interface RowSource {

    /**
     * Writes the {@link Network#numInputs()} encoded inputs of one row.
     *
     * @param row the row, 0 to rows - 1
     * @param destination where to write. Modified.
     * @param offset index of the row's first input in destination
     */
    void writeRow(int row, double[] destination, int offset);
  }
}
