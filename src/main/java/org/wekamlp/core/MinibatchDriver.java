package org.wekamlp.core;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.optim.Adam;
import org.wekamlp.core.optim.LearningRateSchedule;
import org.wekamlp.core.optim.Optimizer;
import org.wekamlp.core.optim.Sgd;

/**
 * The minibatch solvers, sgd and adam, as scikit-learn runs them: an epoch shuffles the training rows and steps
 * the {@link Optimizer} once per minibatch; training stops when the training loss (or, with early stopping, the
 * score on a held-out validation split, after which the best weights are restored) has not improved by the
 * tolerance for more than nIterNoChange epochs and the optimizer cannot adapt any more.
 */
final class MinibatchDriver extends SolverDriver {

  private final Random random;
  private final Optimizer optimizer;
  // early stopping only (null without): the held-out rows, their outputs and the weights of the best score
  private final int[] validationRows;
  private final DMatrixRMaj validationOutputs;
  private final Network bestNetwork;
  private long samplesSeen;
  private int noImprovementCount;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private double bestScore = Double.NEGATIVE_INFINITY;

  /**
   * @param network the network being trained, its weights initialised. Modified by the epochs.
   * @param data the encoded data. Not modified.
   * @param config the run's validated settings (solver sgd or adam). Not modified.
   * @param rows the rows of positive weight, split here for early stopping. Not modified.
   * @param random draws the validation split, then shuffles each epoch. Modified (advanced).
   * @param backend matrix-product backend
   * @throws IllegalArgumentException when the data are too small for the validation split
   */
  MinibatchDriver(Network network, TrainingData data, TrainingConfig config, int[] rows, Random random,
    Backend backend) {
    this(network, data, config, split(rows, data, config, random), random, backend);
  }

  private MinibatchDriver(Network network, TrainingData data, TrainingConfig config, int[][] split, Random random,
    Backend backend) {
    super(network, data, config, split[0], backend);
    this.random = random;
    validationRows = split[1];
    validationOutputs = validationRows == null ? null : new DMatrixRMaj(validationRows.length, network.numOutputs());
    bestNetwork = validationRows == null ? null : network.copy();
    double[][] parameters = network.parameterArrays();
    optimizer = config.solver == Solver.SGD
      ? new Sgd(parameters, config.learningRateInit, config.learningRateSchedule, config.powerT, config.momentum,
        config.nesterov)
      : new Adam(parameters, config.learningRateInit, config.beta1, config.beta2, config.epsilon);
  }

  /** @return {training rows, validation rows}: with early stopping a stratified split, else {rows, null} */
  private static int[][] split(int[] rows, TrainingData data, TrainingConfig config, Random random) {
    if (!config.earlyStopping) {
      return new int[][] {rows, null};
    }
    return ValidationSplit.split(rows, data.classLabels(), config.validationFraction, random);
  }

  /**
   * @return the epoch's loss: each minibatch's loss (at the parameters before its step) weighted by its weight; or
   *     the first minibatch loss that is not finite, which ends the epoch there
   */
  @Override
  double runEpoch() {
    if (config.shuffle) {
      Shuffle.inPlace(trainRows, random);
    }
    double[] weights = data.weights();
    double weightedLosses = 0.0;
    double totalWeight = 0.0;
    int n = trainRows.length;
    for (int from = 0; from < n; from += miniBatchSize) {
      int to = Math.min(n, from + miniBatchSize);
      double batchWeight = 0.0;
      for (int j = from; j < to; j++) {
        batchWeight += weights[trainRows[j]];
      }
      double loss = evaluator.lossAndStep(data, trainRows, from, to, batchWeight, config.alpha, gradient, optimizer);
      if (!Double.isFinite(loss)) {
        return loss;
      }
      weightedLosses += loss * batchWeight;
      totalWeight += batchWeight;
    }
    samplesSeen += n;
    optimizer.endEpoch(samplesSeen);
    return weightedLosses / totalWeight;
  }

  @Override
  double validationScore() {
    if (validationRows == null) {
      return Double.NaN;
    }
    evaluator.predict(data, validationRows, 0, validationRows.length, validationOutputs);
    return network.outputLayer().validationScore(validationOutputs, data.targets(), data.weights(), validationRows);
  }

  /** scikit-learn's rule: no improvement by the tolerance for more than nIterNoChange epochs, then adapt or stop. */
  @Override
  StopReason stopReason(double loss, double score) {
    if (validationRows != null) {
      noImprovementCount = score < bestScore + config.tolerance ? noImprovementCount + 1 : 0;
      if (score > bestScore) {
        bestScore = score;
        bestNetwork.copyParametersFrom(network);
      }
    } else {
      noImprovementCount = loss > bestLoss - config.tolerance ? noImprovementCount + 1 : 0;
      if (loss < bestLoss) {
        bestLoss = loss;
      }
    }
    if (noImprovementCount > config.nIterNoChange) {
      if (optimizer.onNoImprovement()) {
        if (config.learningRateSchedule == LearningRateSchedule.ADAPTIVE && config.solver == Solver.SGD) {
          return StopReason.LEARNING_RATE_TOO_SMALL;
        }
        return validationRows != null ? StopReason.VALIDATION_SCORE_CONVERGED : StopReason.TRAINING_LOSS_CONVERGED;
      }
      noImprovementCount = 0;
    }
    return null;
  }

  @Override
  int numValidationRows() {
    return validationRows == null ? 0 : validationRows.length;
  }

  @Override
  String describe() {
    return optimizer.describe();
  }

  @Override
  String divergenceAdvice() {
    return "Use a smaller {learningRateInit} (now " + config.learningRateInit + ")"
      + (config.solver == Solver.SGD ? " or a smaller {momentum} (now " + config.momentum + ")" : "")
      + ", and keep input scaling on ({inputScaling} standardize).";
  }

  /** Restores the weights of the best validation epoch (early stopping), then shuts the evaluator down. */
  @Override
  void finish(TrainingHistory history) {
    if (bestNetwork != null && history.hasValidation()) {
      network.copyParametersFrom(bestNetwork);
    }
    super.finish(history);
  }
}
