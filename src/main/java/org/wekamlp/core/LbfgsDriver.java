package org.wekamlp.core;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.optim.Lbfgs;

/**
 * The lbfgs solver: each iteration of {@link Lbfgs} minimises the full-batch objective (loss and gradient over
 * every training row, at a flat parameter vector) along one line search; training stops on lbfgs's own
 * convergence tests or when its budget of loss evaluations is spent.
 */
final class LbfgsDriver extends SolverDriver {

  private static final double LOSS_TOLERANCE = Lbfgs.SCIPY_LOSS_TOLERANCE;
  private static final int MEMORY = Lbfgs.DEFAULT_MEMORY;

  private final double[][] parameters;
  private final double trainWeight;
  private final Lbfgs lbfgs;
  private Lbfgs.Status status;

  /**
   * @param network the network being trained, its weights initialised. Modified by the iterations.
   * @param data the encoded data. Not modified.
   * @param config the run's validated settings (solver lbfgs). Not modified.
   * @param rows the rows of positive weight, all trained on. Not modified.
   * @param backend matrix-product backend
   */
  LbfgsDriver(Network network, TrainingData data, TrainingConfig config, int[] rows, Backend backend) {
    super(network, data, config, rows, backend);
    double total = 0.0;
    for (int row : trainRows) {
      total += data.weights()[row];
    }
    trainWeight = total;
    parameters = network.parameterArrays();
    lbfgs = new Lbfgs(this::fullLossAndGradient, flatten(parameters), MEMORY, config.tolerance, LOSS_TOLERANCE,
      config.maxFun);
  }

  /** @return the loss at the point lbfgs moved to, which becomes the network's weights */
  @Override
  double runEpoch() {
    status = lbfgs.iterate();
    copy(lbfgs.point(), parameters);
    return lbfgs.value();
  }

  /** The lbfgs objective: loss and gradient over all training rows at the given flat parameter vector. */
  private double fullLossAndGradient(double[] point, double[] flatGradient) {
    copy(point, parameters);
    double loss = evaluator.lossAndGradient(data, trainRows, 0, trainRows.length, trainWeight, config.alpha,
      gradient);
    flattenInto(gradient.arrays(), flatGradient);
    return loss;
  }

  @Override
  StopReason stopReason(double loss, double score) {
    return StopReason.of(status);
  }

  @Override
  String describe() {
    return Lbfgs.describe(config.maxFun);
  }

  @Override
  String divergenceAdvice() {
    return "Scale the inputs ({inputScaling} standardize), increase {alpha}, or try {solver} adam.";
  }

  /** @return the arrays laid end to end */
  private static double[] flatten(double[][] arrays) {
    int total = 0;
    for (double[] a : arrays) {
      total += a.length;
    }
    double[] flat = new double[total];
    flattenInto(arrays, flat);
    return flat;
  }

  /** Lays the arrays end to end into flat. */
  private static void flattenInto(double[][] arrays, double[] flat) {
    int offset = 0;
    for (double[] a : arrays) {
      System.arraycopy(a, 0, flat, offset, a.length);
      offset += a.length;
    }
  }

  /** Copies a flat vector into the arrays it was laid out from ({@link #flatten}). */
  private static void copy(double[] flat, double[][] arrays) {
    int offset = 0;
    for (double[] a : arrays) {
      System.arraycopy(flat, offset, a, 0, a.length);
      offset += a.length;
    }
  }
}
