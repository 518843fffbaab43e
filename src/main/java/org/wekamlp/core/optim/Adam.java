package org.wekamlp.core.optim;

/**
 * Adam (Kingma and Ba, 2015), in the form of the paper's section 2 with the bias corrections folded
 * into the step size: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code rate_t = rate sqrt(1 - b2^t) / (1 - b1^t)}, {@code p -= rate_t m / (sqrt(v) + epsilon)}.
 */
public final class Adam implements Optimizer {

  private final double rate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[][] firstMoments;
  private final double[][] secondMoments;
  private long steps;
  /** The bias-corrected rate of the step begun last. */
  private double stepRate;

  /**
   * @param shapes the parameter arrays, whose lengths size the moment state. Not modified.
   * @param rate learning rate, positive
   * @param beta1 decay of the first moment in [0, 1)
   * @param beta2 decay of the second moment in [0, 1)
   * @param epsilon added to the denominator for numerical stability, positive
   */
  public Adam(double[][] shapes, double rate, double beta1, double beta2, double epsilon) {
    this.rate = rate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    firstMoments = new double[shapes.length][];
    secondMoments = new double[shapes.length][];
    for (int k = 0; k < shapes.length; k++) {
      firstMoments[k] = new double[shapes[k].length];
      secondMoments[k] = new double[shapes[k].length];
    }
  }

  @Override
  public void beginStep() {
    stepRate = learningRate();
    steps++;
  }

  @Override
  public void updateRange(double[][] parameters, double[][] gradients, int array, int from, int to) {
    final double rateOfStep = stepRate;
    final double b1 = beta1;
    final double b2 = beta2;
    final double oneMinusBeta1 = 1.0 - b1;
    final double oneMinusBeta2 = 1.0 - b2;
    final double eps = epsilon;
    final double[] p = parameters[array];
    final double[] g = gradients[array];
    final double[] m = firstMoments[array];
    final double[] v = secondMoments[array];
    for (int i = from; i < to; i++) {
      double gi = g[i];
      double mi = b1 * m[i] + oneMinusBeta1 * gi;
      double vi = b2 * v[i] + oneMinusBeta2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= rateOfStep * mi / (Math.sqrt(vi) + eps);
    }
  }

  @Override
  public void endEpoch(long samplesSeen) {
    // Adam's effective rate depends on the step count only
  }

  @Override
  public boolean onNoImprovement() {
    return true;
  }

  /** @return the bias-corrected rate of the next update (step t + 1) */
  @Override
  public double learningRate() {
    long t = steps + 1;
    return rate * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
  }

  /** @return number of updates made */
  public long steps() {
    return steps;
  }

  @Override
  public String describe() {
    return "adam (learning rate " + rate + ", beta1 " + beta1 + ", beta2 " + beta2 + ", epsilon " + epsilon + ")";
  }
}
