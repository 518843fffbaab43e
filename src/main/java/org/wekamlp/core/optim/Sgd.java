package org.wekamlp.core.optim;

/**
 * Stochastic gradient descent with momentum, optionally Nesterov's (Sutskever et al., 2013):
 * {@code v = momentum * v - rate * g}; then {@code p += v}, or with Nesterov
 * {@code p += momentum * v - rate * g}.
 */
public final class Sgd implements Optimizer {

  /** The adaptive schedule stops training once the rate would fall to this value or below. */
  static final double MIN_ADAPTIVE_RATE = 1e-6;

  private final double initialRate;
  private final LearningRateSchedule schedule;
  private final double momentum;
  private final boolean nesterov;
  private final double powerT;
  private final double[][] velocities;
  private double rate;

  /**
   * @param shapes the parameter arrays, whose lengths size the velocity state. Not modified.
   * @param initialRate learning rate at the start, positive
   * @param schedule how the rate changes
   * @param powerT exponent of the invscaling schedule
   * @param momentum momentum in [0, 1]
   * @param nesterov whether to use Nesterov's momentum
   */
  public Sgd(double[][] shapes, double initialRate, LearningRateSchedule schedule, double powerT,
    double momentum, boolean nesterov) {
    this.initialRate = initialRate;
    this.rate = initialRate;
    this.schedule = schedule;
    this.powerT = powerT;
    this.momentum = momentum;
    this.nesterov = nesterov;
    velocities = new double[shapes.length][];
    for (int k = 0; k < shapes.length; k++) {
      velocities[k] = new double[shapes[k].length];
    }
  }

  @Override
  public void beginStep() {
    // the rate changes per epoch (endEpoch) or on stalls (onNoImprovement), never within a step
  }

  @Override
  public void updateRange(double[][] parameters, double[][] gradients, int array, int from, int to) {
    final double r = rate;
    final double mu = momentum;
    final double[] p = parameters[array];
    final double[] g = gradients[array];
    final double[] v = velocities[array];
    if (nesterov) {
      for (int i = from; i < to; i++) {
        double step = r * g[i];
        double vi = mu * v[i] - step;
        v[i] = vi;
        p[i] += mu * vi - step;
      }
    } else {
      for (int i = from; i < to; i++) {
        double vi = mu * v[i] - r * g[i];
        v[i] = vi;
        p[i] += vi;
      }
    }
  }

  @Override
  public void endEpoch(long samplesSeen) {
    if (schedule == LearningRateSchedule.INVSCALING) {
      rate = initialRate / Math.pow(samplesSeen + 1, powerT);
    }
  }

  @Override
  public boolean onNoImprovement() {
    if (schedule != LearningRateSchedule.ADAPTIVE) {
      return true;
    }
    if (rate <= MIN_ADAPTIVE_RATE) {
      return true;
    }
    rate /= 5.0;
    return false;
  }

  @Override
  public double learningRate() {
    return rate;
  }

  @Override
  public String describe() {
    return "sgd (learning rate " + initialRate + ", schedule " + schedule.optionName()
      + (schedule == LearningRateSchedule.INVSCALING ? " with power_t " + powerT : "") + ", momentum " + momentum
      + (nesterov ? ", Nesterov" : "") + ")";
  }
}
