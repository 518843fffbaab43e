package org.wekamlp.core;

import org.wekamlp.core.backend.Backend;

/**
 * How one kind of solver moves the weights through a {@link TrainingRun}: {@link MinibatchDriver} (sgd, adam)
 * or {@link LbfgsDriver}. The run keeps what every solver shares (the history, the listener, the divergence
 * check, the iteration limit, pausing and finishing); a driver runs its epochs or iterations, scores them and says
 * when its own stopping rules fire. Holds the training rows, the {@link GradientEvaluator} over them (planned by
 * the {@link WorkPlan} for the solver's rounds) and the gradient it fills.
 */
abstract class SolverDriver {

  final Network network;
  final TrainingData data;
  final TrainingConfig config;
  final int[] trainRows;
  final int miniBatchSize;
  final GradientEvaluator evaluator;
  final Gradient gradient;

  /**
   * @param network the network being trained. Modified by the epochs.
   * @param data the encoded data. Not modified.
   * @param config the run's validated settings. Not modified.
   * @param trainRows the rows the solver trains on. Modified by shuffling.
   * @param backend matrix-product backend
   */
  SolverDriver(Network network, TrainingData data, TrainingConfig config, int[] trainRows, Backend backend) {
    this.network = network;
    this.data = data;
    this.config = config;
    this.trainRows = trainRows;
    miniBatchSize = config.effectiveMiniBatchSize(trainRows.length);
    WorkPlan plan = WorkPlan.forTraining(network,
      WorkPlan.rowsPerRound(config.solver, miniBatchSize, trainRows.length));
    evaluator = new GradientEvaluator(network, plan, plan.threads(config.numThreads), backend);
    gradient = new Gradient(network);
  }

  /**
   * Runs one epoch (sgd, adam) or one iteration (lbfgs).
   *
   * @return its loss; not finite when training diverged (the epoch ends at the first non-finite loss)
   * @throws TrainingInterruptedException when the thread is interrupted
   */
  abstract double runEpoch();

  /** @return the score of the current weights on the validation rows, NaN without a validation split */
  double validationScore() {
    return Double.NaN;
  }

  /**
   * @param loss the loss of the epoch just recorded
   * @param score its validation score, NaN without
   * @return why the solver's own rules stop training after this epoch, or null to go on
   */
  abstract StopReason stopReason(double loss, double score);

  /** @return the rows held out for validation, 0 without */
  int numValidationRows() {
    return 0;
  }

  /** @return a description of the solver and its settings */
  abstract String describe();

  /** @return what to change when this solver diverges, naming settings as {@link SettingText} does */
  abstract String divergenceAdvice();

  /** Gives the worker threads and native memory back until the next epoch. */
  void pause() {
    evaluator.release();
  }

  /**
   * Ends training for good: shuts the evaluator down.
   *
   * @param history the run's history. Not modified.
   */
  void finish(TrainingHistory history) {
    evaluator.close();
  }
}
