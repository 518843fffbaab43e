package org.wekamlp.core;

/** The weight optimisation methods, named as in scikit-learn. */
public enum Solver implements OptionName {

  /** Adam, minibatches (the default). */
  ADAM("adam", "adam: Adam on minibatches"),
  /** Stochastic gradient descent with momentum, minibatches. */
  SGD("sgd", "sgd: stochastic gradient descent with momentum"),
  /** Limited-memory BFGS on the whole training set; good for small data sets. */
  LBFGS("lbfgs", "lbfgs: L-BFGS on the whole training set");

  private final String optionName;
  private final String description;

  Solver(String optionName, String description) {
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

  /** @return true for the minibatch solvers (sgd and adam), which run in epochs */
  public boolean isStochastic() {
    return this != LBFGS;
  }

}
