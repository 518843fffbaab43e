package org.wekamlp.core;

/**
 * Activation functions of the hidden layers. Each works in place on a row-major block of values, and
 * each derivative is written in terms of the activation's output (not its input), so backpropagation
 * needs only the stored activations, as in scikit-learn's {@code DERIVATIVES} table.
 */
public enum Activation implements OptionName {

  /** f(z) = z. */
  IDENTITY("identity", "identity: f(z) = z") {

    @Override
    public void apply(double[] values, int from, int to) {
      // nothing to do
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      // f'(z) = 1
    }
  },
  /** f(z) = 1 / (1 + exp(-z)). */
  LOGISTIC("logistic", "logistic: f(z) = 1 / (1 + exp(-z))") {

    @Override
    public void apply(double[] values, int from, int to) {
      for (int i = from; i < to; i++) {
        values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
      }
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      for (int i = 0; i < length; i++) {
        double a = activations[i];
        deltas[i] *= a * (1.0 - a);
      }
    }
  },
  /** f(z) = tanh(z). */
  TANH("tanh", "tanh: f(z) = tanh(z)") {

    @Override
    public void apply(double[] values, int from, int to) {
      for (int i = from; i < to; i++) {
        values[i] = Math.tanh(values[i]);
      }
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      for (int i = 0; i < length; i++) {
        double a = activations[i];
        deltas[i] *= 1.0 - a * a;
      }
    }
  },
  /** f(z) = max(0, z). */
  RELU("relu", "relu: f(z) = max(0, z)") {

    @Override
    public void apply(double[] values, int from, int to) {
      // Math.max compiles to vector instructions; a branch on the sign of random values mispredicts half the time
      for (int i = from; i < to; i++) {
        values[i] = Math.max(values[i], 0.0);
      }
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      // f'(z) = 0 where the unit was inactive (output 0), 1 elsewhere. Outputs are >= 0, so
      // min(1, a * 2^1023 * 2^1023) is exactly that step (a subnormal a > 0 still reaches 2^972), and unlike a
      // branch it vectorizes.
      for (int i = 0; i < length; i++) {
        deltas[i] *= Math.min(1.0, activations[i] * 0x1p1023 * 0x1p1023);
      }
    }
  };

  private final String optionName;
  private final String description;

  Activation(String optionName, String description) {
    this.optionName = optionName;
    this.description = description;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * Applies the activation to the first {@code length} entries.
   *
   * @param values pre-activations on input, activations on output. Modified.
   * @param length number of entries to transform
   */
  public final void apply(double[] values, int length) {
    apply(values, 0, length);
  }

  /**
   * Applies the activation to {@code values[from..to)}.
   *
   * @param values pre-activations on input, activations on output. Modified.
   * @param from first entry
   * @param to one past the last entry
   */
  public abstract void apply(double[] values, int from, int to);

  /**
   * Adds the bias row to every row of a layer's pre-activations and applies the activation, one row at a
   * time so that both steps find the row in the L1 cache.
   *
   * @param values pre-activations (rows x bias.length, row-major) on input, activations on output. Modified.
   * @param rows number of rows
   * @param bias the bias row. Not modified.
   */
  public final void applyWithBias(double[] values, int rows, double[] bias) {
    final int cols = bias.length;
    for (int r = 0, base = 0; r < rows; r++, base += cols) {
      for (int c = 0; c < cols; c++) {
        values[base + c] += bias[c];
      }
      apply(values, base, base + cols);
    }
  }

  /**
   * Multiplies deltas element-wise by f'(z), written in terms of the outputs a = f(z).
   *
   * @param activations the outputs a = f(z). Not modified.
   * @param deltas the back-propagated error, multiplied in place. Modified.
   * @param length number of entries
   */
  public abstract void multiplyByDerivative(double[] activations, double[] deltas, int length);

}
