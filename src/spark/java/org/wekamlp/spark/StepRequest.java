package org.wekamlp.spark;

import java.io.Serializable;

import org.wekamlp.core.Activation;
import org.wekamlp.core.BlockGradient;
import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.backend.Precision;

/**
 * What the driver broadcasts for one pass over the cached blocks: the network's shape and current parameters, and
 * which rows to read.
 */
final class StepRequest implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] layerSizes;
  private final Activation activation;
  private final OutputLayer outputLayer;
  private final double[] parameters;
  final RowSelection selection;
  /** The precision of the executors' matrix products. */
  final Precision precision;

  /**
   * @param network the network, its parameters copied. Not modified.
   * @param parameters its parameters laid out as {@link BlockGradient#flatten} does, copied. Not modified.
   * @param selection the rows to read
   * @param precision the precision of the executors' matrix products
   */
  StepRequest(Network network, double[] parameters, RowSelection selection, Precision precision) {
    this.layerSizes = network.layerSizes();
    this.activation = network.hiddenActivation();
    this.outputLayer = network.outputLayer();
    this.parameters = parameters.clone();
    this.selection = selection;
    this.precision = precision;
  }

  /** @return a network with the request's parameters, for one executor task */
  Network network() {
    Network network = new Network(layerSizes, activation, outputLayer);
    BlockGradient.unflatten(parameters, network);
    return network;
  }

  /**
   * @param other another request. Not modified.
   * @return whether both describe networks of the same shape, computed in the same precision
   */
  boolean sameShape(StepRequest other) {
    return java.util.Arrays.equals(layerSizes, other.layerSizes) && activation == other.activation
      && outputLayer == other.outputLayer && precision == other.precision;
  }

  /** @param network receives the request's parameters; of the same shape. Modified. */
  void copyParametersTo(Network network) {
    BlockGradient.unflatten(parameters, network);
  }

  /** @return the number of parameters */
  int numParameters() {
    return parameters.length;
  }
}
