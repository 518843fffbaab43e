package org.wekamlp.core;

/**
 * Activation functions of the hidden layers. Each works in place on a row-major block of values, and
 * each derivative is written in terms of the activation's output (not its input), so backpropagation
 * needs only the stored activations, as in scikit-learn's {@code DERIVATIVES} table.
 */
public enum Activation implements OptionName {
  /** f(z) = z. */
  IDENTITY("identity") {
    @Override
    public void apply(double[] values, int length) {
      // nothing to do
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      // f'(z) = 1
    }
  },
  /** f(z) = 1 / (1 + exp(-z)). */
  LOGISTIC("logistic") {
    @Override
    public void apply(double[] values, int length) {
      for (int i = 0; i < length; i++) {
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
  TANH("tanh") {
    @Override
    public void apply(double[] values, int length) {
      for (int i = 0; i < length; i++) {
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
  RELU("relu") {
    @Override
    public void apply(double[] values, int length) {
      for (int i = 0; i < length; i++) {
        if (values[i] < 0.0) {
          values[i] = 0.0;
        }
      }
    }

    @Override
    public void multiplyByDerivative(double[] activations, double[] deltas, int length) {
      // f'(z) = 0 where the unit was inactive (output exactly 0), 1 elsewhere.
      for (int i = 0; i < length; i++) {
        if (activations[i] == 0.0) {
          deltas[i] = 0.0;
        }
      }
    }
  };

  private final String optionName;

  Activation(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * Applies the activation to the first {@code length} entries.
   *
   * @param values pre-activations on input, activations on output. Modified.
   * @param length number of entries to transform
   */
  public abstract void apply(double[] values, int length);

  /**
   * Multiplies deltas element-wise by f'(z), written in terms of the outputs a = f(z).
   *
   * @param activations the outputs a = f(z). Not modified.
   * @param deltas the back-propagated error, multiplied in place. Modified.
   * @param length number of entries
   */
  public abstract void multiplyByDerivative(double[] activations, double[] deltas, int length);

  /**
   * @param name an option name such as {@code tanh} (case-insensitive)
   * @return the matching activation
   * @throws IllegalArgumentException naming the allowed values when none matches
   */
  public static Activation fromOptionName(String name) {
    return OptionName.lookup(new Activation[] {RELU, TANH, LOGISTIC, IDENTITY}, name, "activation", "-activation");
  }
}
