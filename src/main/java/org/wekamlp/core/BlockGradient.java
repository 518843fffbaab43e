package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;

/**
 * The loss and gradient of one block of encoded rows, summed rather than averaged, for training that adds up the
 * contributions of many blocks held elsewhere (the partitions of a cluster job) and runs the optimizers on the
 * total. For rows {@code i} of weights {@code w_i} it returns {@code sum w_i * loss_i} and adds
 * {@code sum w_i * grad_i} to a flat gradient laid out as {@link #flatten} lays out the parameters; whoever sums
 * the blocks divides by the total weight and adds the L2 penalty ({@link #addPenalty}), which gives exactly the
 * objective of {@link TrainingRun} on all rows at once, up to the order of the sums.
 *
 * <p>One thread; its buffers are sized once for a largest block and reused.
 */
public final class BlockGradient implements AutoCloseable {

  private final double[][] parameters;
  private final GradientEvaluator evaluator;
  private final Gradient gradient;

  /**
   * @param network the network whose current parameters every call reads. Not modified.
   * @param maxRows rows processed in one pass; larger calls loop
   * @param backend matrix-product backend
   */
  public BlockGradient(Network network, int maxRows, Backend backend) {
    this.parameters = network.parameterArrays();
    this.evaluator = new GradientEvaluator(network, Math.max(1, maxRows), 1, backend);
    this.gradient = new Gradient(network);
  }

  /**
   * Adds the weighted loss and gradient of some rows of a block.
   *
   * @param block the encoded rows, their targets and weights. Not modified.
   * @param rows indices into the block of the rows to include (all of positive weight). Not modified.
   * @param count how many entries of rows to use
   * @param flatGradient receives {@code sum w_i * grad_i}, added to what it holds. Modified.
   * @return {@code sum w_i * loss_i}, without the penalty
   */
  public double addLossAndGradient(TrainingData block, int[] rows, int count, double[] flatGradient) {
    if (count == 0) {
      return 0.0;
    }
    double loss = evaluator.lossAndGradient(block, rows, 0, count, 1.0, 0.0, gradient);
    int offset = 0;
    for (double[] g : gradient.arrays()) {
      for (int i = 0; i < g.length; i++) {
        flatGradient[offset + i] += g[i];
      }
      offset += g.length;
    }
    return loss;
  }

  /**
   * The network outputs of some rows of a block.
   *
   * @param block the encoded rows. Not modified.
   * @param rows indices into the block. Not modified.
   * @param count how many entries of rows to use
   * @param outputs destination with at least count rows. Modified.
   */
  public void predict(TrainingData block, int[] rows, int count, DMatrixRMaj outputs) {
    evaluator.predict(block, rows, 0, count, outputs);
  }

  /** @return the network's parameters laid end to end, in the order of {@link Network#parameterArrays()} */
  public double[] parameters() {
    return flatten(parameters);
  }

  /**
   * @param network the network. Not modified.
   * @return its parameters laid end to end in the order of {@link Network#parameterArrays()}: W[0], b[0], W[1], ...
   */
  public static double[] flatten(Network network) {
    return flatten(network.parameterArrays());
  }

  private static double[] flatten(double[][] arrays) {
    int total = 0;
    for (double[] a : arrays) {
      total += a.length;
    }
    double[] flat = new double[total];
    int offset = 0;
    for (double[] a : arrays) {
      System.arraycopy(a, 0, flat, offset, a.length);
      offset += a.length;
    }
    return flat;
  }

  /**
   * Sets a network's parameters from a flat vector.
   *
   * @param flat parameters laid out as {@link #flatten} lays them out. Not modified.
   * @param network receives them. Modified.
   */
  public static void unflatten(double[] flat, Network network) {
    int offset = 0;
    for (double[] a : network.parameterArrays()) {
      System.arraycopy(flat, offset, a, 0, a.length);
      offset += a.length;
    }
  }

  /**
   * Adds the L2 penalty to a loss and its gradient as {@link TrainingRun} defines it: {@code 0.5 * alpha * ||W||^2
   * / rows} on the weights, not the biases.
   *
   * @param network the network, for the shapes. Not modified.
   * @param flatParameters the parameters, laid out as {@link #flatten} lays them out. Not modified.
   * @param alphaPerRow alpha over the number of rows of positive weight
   * @param flatGradient receives {@code alphaPerRow * W} on the weights. Modified.
   * @return {@code 0.5 * alphaPerRow * ||W||^2}, to add to the loss
   */
  public static double addPenalty(Network network, double[] flatParameters, double alphaPerRow,
    double[] flatGradient) {
    if (alphaPerRow == 0.0) {
      return 0.0;
    }
    double squares = 0.0;
    int offset = 0;
    double[][] arrays = network.parameterArrays();
    for (int k = 0; k < arrays.length; k++) {
      int length = arrays[k].length;
      if (k % 2 == 0) { // W[0], b[0], W[1], b[1], ...: the weights
        for (int i = offset; i < offset + length; i++) {
          double w = flatParameters[i];
          flatGradient[i] += alphaPerRow * w;
          squares += w * w;
        }
      }
      offset += length;
    }
    return 0.5 * alphaPerRow * squares;
  }

  /** Frees the evaluator's native memory, if any. */
  @Override
  public void close() {
    evaluator.close();
  }
}
