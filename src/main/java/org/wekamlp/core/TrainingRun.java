package org.wekamlp.core;

import java.util.Random;

import org.wekamlp.core.backend.Backend;

/**
 * One training run of a {@link Network} on {@link TrainingData}, with the stopping rules of scikit-learn's MLP.
 * The run chooses the solver's driver, {@link MinibatchDriver} (sgd, adam: epochs of minibatches, tolerance and
 * patience on the training loss or on a held-out validation score with the best weights restored) or
 * {@link LbfgsDriver} (iterations on the full-batch objective), and keeps what both share: the history, the
 * listener, the divergence check, the iteration limit, pausing and finishing.
 *
 * <p>Lifecycle: the constructor initialises the weights, splits off the validation rows and allocates
 * every workspace; {@link #nextEpoch()} runs one epoch and says whether to go on; {@link #pause()} gives the
 * worker threads and native memory back until the next epoch; {@link #finish()} restores the best weights
 * (early stopping) and releases the worker threads for good. The run never copies the encoded data:
 * minibatches are gathered by row index. How a minibatch is spread over threads is the {@link WorkPlan}'s
 * business.
 */
public final class TrainingRun implements AutoCloseable {

  private final Network network;
  private final TrainingConfig config;
  private final EpochListener listener;
  private final SolverDriver driver;
  private final TrainingHistory history = new TrainingHistory();
  private boolean finished;
  private boolean closed;

  /**
   * @param network the network to train; its weights are initialised here. Modified.
   * @param data encoded data, at least one row with positive weight (rows of weight 0 are left out). Not modified.
   * @param config hyper-parameters, validated here. Not modified (copied).
   * @param backend matrix-product backend
   * @param listener progress receiver, or null
   * @throws IllegalArgumentException for invalid settings or data too small for the validation split
   */
  public TrainingRun(Network network, TrainingData data, TrainingConfig config, Backend backend,
    EpochListener listener) {
    this.config = config.copy();
    this.config.validate();
    this.network = network;
    this.listener = listener;
    Random random = new Random(this.config.seed);
    network.initialize(random);
    // rows of weight 0 take part in nothing: no minibatch slot, no validation slot, no share of the penalty
    int[] rows = data.rowsWithPositiveWeight();
    driver = this.config.solver.isStochastic()
      ? new MinibatchDriver(network, data, this.config, rows, random, backend)
      : new LbfgsDriver(network, data, this.config, rows, backend);
  }

  /** @return the network being trained */
  public Network network() {
    return network;
  }

  /** @return the training history so far */
  public TrainingHistory history() {
    return history;
  }

  /** @return rows per minibatch actually used */
  public int miniBatchSize() {
    return driver.miniBatchSize;
  }

  /** @return threads actually used */
  public int numThreads() {
    return driver.evaluator.numThreads();
  }

  /** @return training rows (the rest, if any, is the validation split) */
  public int numTrainingRows() {
    return driver.trainRows.length;
  }

  /** @return validation rows, 0 without early stopping */
  public int numValidationRows() {
    return driver.numValidationRows();
  }

  /** @return a description of the solver and its settings */
  public String describeSolver() {
    return driver.describe();
  }

  /**
   * Lets a run that stopped at its iteration limit go on up to a new limit (Weka's resume).
   *
   * @param maxIterations the new limit on epochs (or lbfgs iterations), counted from the start
   * @throws IllegalStateException once {@link #finish()} has been called
   */
  public void continueTo(int maxIterations) {
    if (closed) {
      throw new IllegalStateException("This training run has finished and released its data.");
    }
    config.maxIterations = maxIterations;
    if (finished && history.stopReason() == StopReason.MAX_ITERATIONS && history.epochs() < maxIterations) {
      finished = false;
      history.setStopReason(null);
    }
  }

  /**
   * Runs one epoch (sgd, adam) or one iteration (lbfgs), unless training has already stopped.
   *
   * @return true if another epoch may follow, false once a stopping rule has fired
   * @throws TrainingDivergedException when the loss or the weights stop being finite
   * @throws TrainingInterruptedException when the thread is interrupted
   */
  public boolean nextEpoch() {
    if (finished) {
      return false;
    }
    long start = System.nanoTime();
    double loss = driver.runEpoch();
    int epoch = history.epochs() + 1;
    if (!Double.isFinite(loss) || !network.allParametersFinite()) {
      throw new TrainingDivergedException("Training diverged in epoch " + epoch
        + ": the loss or the weights became infinite or NaN. " + driver.divergenceAdvice());
    }
    double score = driver.validationScore();
    double seconds = (System.nanoTime() - start) * 1e-9;
    history.record(loss, score);
    history.addSeconds(seconds);
    if (listener != null) {
      listener.epochEnded(epoch, loss, score, seconds);
    }
    StopReason reason = driver.stopReason(loss, score);
    if (reason == null && epoch >= config.maxIterations) {
      reason = StopReason.MAX_ITERATIONS;
    }
    if (reason != null) {
      finished = true;
      history.setStopReason(reason);
    }
    return !finished;
  }

  /**
   * Gives the worker threads and native memory back while training is paused (Weka's resume, between builds);
   * the next epoch takes them again, and training goes on exactly as if it had not paused.
   */
  public void pause() {
    if (!closed) {
      driver.pause();
    }
  }

  /**
   * Ends training: restores the weights of the best validation epoch (early stopping) and shuts the
   * worker threads down. Safe to call more than once.
   */
  public void finish() {
    if (closed) {
      return;
    }
    closed = true;
    finished = true;
    if (history.stopReason() == null) {
      history.setStopReason(StopReason.MAX_ITERATIONS);
    }
    driver.finish(history);
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }
}
