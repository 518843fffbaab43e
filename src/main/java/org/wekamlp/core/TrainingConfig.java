package org.wekamlp.core;

import java.io.Serializable;

import org.wekamlp.core.optim.LearningRateSchedule;

/**
 * Every training hyper-parameter, with its default: the one place where defaults are defined. Plain
 * mutable fields so that an option front end can hold one instance as its state; {@link #validate()}
 * checks them all before training, with messages that name the setting (by field) and its allowed values.
 */
public final class TrainingConfig implements Serializable {

  private static final long serialVersionUID = 6087265318913232870L;

  /** Units per hidden layer; empty = no hidden layer. */
  public int[] hiddenLayerSizes = {100};
  /** Activation of the hidden layers. */
  public Activation activation = Activation.RELU;
  /** Optimisation method. */
  public Solver solver = Solver.ADAM;
  /** L2 penalty on the weights: {@code 0.5 * alpha * ||W||^2 / rowsInBatch} is added to the loss. */
  public double alpha = 1e-4;
  /** Rows per minibatch; 0 means min(200, rows). */
  public int miniBatchSize = 0;
  /** Initial learning rate (sgd, adam). */
  public double learningRateInit = 0.001;
  /** Learning-rate schedule (sgd). */
  public LearningRateSchedule learningRateSchedule = LearningRateSchedule.CONSTANT;
  /** Exponent of the invscaling schedule (sgd). */
  public double powerT = 0.5;
  /** Momentum (sgd). */
  public double momentum = 0.9;
  /** Nesterov's momentum (sgd). */
  public boolean nesterov = true;
  /** Adam's first-moment decay. */
  public double beta1 = 0.9;
  /** Adam's second-moment decay. */
  public double beta2 = 0.999;
  /** Adam's denominator offset. */
  public double epsilon = 1e-8;
  /** Epochs (sgd, adam) or iterations (lbfgs). */
  public int maxIterations = 200;
  /** Improvement threshold for convergence. */
  public double tolerance = 1e-4;
  /** Epochs without a tolerance-sized improvement before stopping (sgd, adam). */
  public int nIterNoChange = 10;
  /** Budget of loss evaluations (lbfgs). */
  public int maxFun = 15000;
  /** Hold out a validation split and stop on its score (sgd, adam). */
  public boolean earlyStopping = false;
  /** Fraction of the training rows held out for early stopping. */
  public double validationFraction = 0.1;
  /** Shuffle the rows before each epoch (sgd, adam). */
  public boolean shuffle = true;
  /** Seed of the random number generator (initial weights, validation split, shuffling). */
  public long seed = 1;
  /** Threads for training; 0 = all available processors. */
  public int numThreads = 0;

  /** Rows per minibatch when {@link #miniBatchSize} is 0 and the data has more rows. */
  public static final int AUTO_MINI_BATCH_LIMIT = 200;

  /** @return a copy of this configuration */
  public TrainingConfig copy() {
    TrainingConfig c = new TrainingConfig();
    c.hiddenLayerSizes = hiddenLayerSizes.clone();
    c.activation = activation;
    c.solver = solver;
    c.alpha = alpha;
    c.miniBatchSize = miniBatchSize;
    c.learningRateInit = learningRateInit;
    c.learningRateSchedule = learningRateSchedule;
    c.powerT = powerT;
    c.momentum = momentum;
    c.nesterov = nesterov;
    c.beta1 = beta1;
    c.beta2 = beta2;
    c.epsilon = epsilon;
    c.maxIterations = maxIterations;
    c.tolerance = tolerance;
    c.nIterNoChange = nIterNoChange;
    c.maxFun = maxFun;
    c.earlyStopping = earlyStopping;
    c.validationFraction = validationFraction;
    c.shuffle = shuffle;
    c.seed = seed;
    c.numThreads = numThreads;
    return c;
  }

  /**
   * @param rows number of training rows
   * @return the rows per minibatch actually used (never more than rows)
   */
  public int effectiveMiniBatchSize(int rows) {
    int size = miniBatchSize == 0 ? AUTO_MINI_BATCH_LIMIT : miniBatchSize;
    return Math.max(1, Math.min(size, rows));
  }

  /**
   * Checks every value.
   *
   * @throws InvalidSettingException naming the first invalid setting and its allowed values
   */
  public void validate() {
    for (int size : hiddenLayerSizes) {
      if (size < 1) {
        throw new InvalidSettingException("Invalid {hiddenLayerSizes}: every layer needs at least 1 unit, got "
          + size + ".");
      }
    }
    requireNonNegative("alpha", alpha);
    if (miniBatchSize < 0) {
      throw new InvalidSettingException("Invalid {miniBatchSize} " + miniBatchSize
        + ": use a positive number of rows, or 0 for min(" + AUTO_MINI_BATCH_LIMIT + ", rows).");
    }
    requirePositive("learningRateInit", learningRateInit);
    requireNonNegative("powerT", powerT);
    requireInRange("momentum", momentum, 0.0, 1.0, true, "[0, 1]");
    requireInRange("beta1", beta1, 0.0, 1.0, false, "[0, 1)");
    requireInRange("beta2", beta2, 0.0, 1.0, false, "[0, 1)");
    requirePositive("epsilon", epsilon);
    requireAtLeastOne("maxIterations", maxIterations);
    requireNonNegative("tolerance", tolerance);
    requireAtLeastOne("nIterNoChange", nIterNoChange);
    requireAtLeastOne("maxFun", maxFun);
    if (!(validationFraction > 0.0 && validationFraction < 1.0)) {
      throw new InvalidSettingException("Invalid {validationFraction} " + validationFraction
        + ": must be strictly between 0 and 1.");
    }
    if (numThreads < 0) {
      throw new InvalidSettingException("Invalid {numThreads} " + numThreads
        + ": use a positive number of threads, or 0 for all available processors.");
    }
  }

  private static void requireAtLeastOne(String setting, int value) {
    if (value < 1) {
      throw new InvalidSettingException("Invalid {" + setting + "} " + value + ": must be at least 1.");
    }
  }

  private static void requirePositive(String setting, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new InvalidSettingException("Invalid {" + setting + "} " + value
        + ": must be a finite number greater than 0.");
    }
  }

  private static void requireNonNegative(String setting, double value) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new InvalidSettingException("Invalid {" + setting + "} " + value + ": must be a finite number >= 0.");
    }
  }

  private static void requireInRange(String setting, double value, double low, double high, boolean highIncluded,
    String range) {
    boolean ok = value >= low && (highIncluded ? value <= high : value < high);
    if (!ok) {
      throw new InvalidSettingException("Invalid {" + setting + "} " + value + ": must be in " + range + ".");
    }
  }
}
