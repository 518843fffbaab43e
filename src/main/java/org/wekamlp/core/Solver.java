package org.wekamlp.core;

/** The weight optimisation methods, named as in scikit-learn. */
public enum Solver implements OptionName {
  /** Adam, minibatches (the default). */
  ADAM("adam"),
  /** Stochastic gradient descent with momentum, minibatches. */
  SGD("sgd"),
  /** Limited-memory BFGS on the whole training set; good for small data sets. */
  LBFGS("lbfgs");

  private final String optionName;

  Solver(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /** @return true for the minibatch solvers (sgd and adam), which run in epochs */
  public boolean isStochastic() {
    return this != LBFGS;
  }

  /**
   * @param name command-line name (case-insensitive)
   * @return the solver
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Solver fromOptionName(String name) {
    return OptionName.lookup(values(), name, "solver", "-solver");
  }

}
