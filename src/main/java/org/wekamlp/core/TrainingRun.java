package org.wekamlp.core;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.optim.Adam;
import org.wekamlp.core.optim.Lbfgs;
import org.wekamlp.core.optim.LearningRateSchedule;
import org.wekamlp.core.optim.Optimizer;
import org.wekamlp.core.optim.Sgd;

/**
 * One training run of a {@link Network} on {@link TrainingData}: the epoch loop of the minibatch
 * solvers, or the iterations of lbfgs, with the stopping rules of scikit-learn's MLP (tolerance and
 * patience on the training loss, or on a held-out validation score with the best weights restored).
 *
 * <p>Lifecycle: the constructor initialises the weights, splits off the validation rows and allocates
 * every workspace; {@link #nextEpoch()} runs one epoch and says whether to go on; {@link #pause()} gives the
 * worker threads and native memory back until the next epoch; {@link #finish()} restores the best weights
 * (early stopping) and releases the worker threads for good. The run never copies the encoded data:
 * minibatches are gathered by row index. How a minibatch is spread over threads is the {@link WorkPlan}'s
 * business.
 */
public final class TrainingRun implements AutoCloseable {

  /** scipy's default relative loss tolerance for L-BFGS-B (factr 1e7 times machine epsilon). */
  private static final double LBFGS_LOSS_TOLERANCE = 1e7 * Math.ulp(1.0);
  private static final int LBFGS_MEMORY = 10;

  private final Network network;
  private final TrainingData data;
  private final TrainingConfig config;
  private final EpochListener listener;
  private final Random random;
  private final int[] trainRows;
  private final int[] validationRows;
  private final double trainWeight;
  private final int miniBatchSize;
  private final GradientEvaluator evaluator;
  private final Gradient gradient;
  private final double[][] parameters;
  private final Optimizer optimizer;
  private final Lbfgs lbfgs;
  private final Network bestNetwork;
  private final DMatrixRMaj validationOutputs;
  private final TrainingHistory history = new TrainingHistory();
  private long samplesSeen;
  private int noImprovementCount;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private double bestScore = Double.NEGATIVE_INFINITY;
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
    this.data = data;
    this.listener = listener;
    random = new Random(this.config.seed);
    network.initialize(random);

    boolean earlyStopping = this.config.earlyStopping && this.config.solver.isStochastic();
    // rows of weight 0 take part in nothing: no minibatch slot, no validation slot, no share of the penalty
    int[] rows = data.rowsWithPositiveWeight();
    if (earlyStopping) {
      int[][] split = ValidationSplit.split(rows, data.classLabels(), this.config.validationFraction, random);
      trainRows = split[0];
      validationRows = split[1];
      validationOutputs = new DMatrixRMaj(validationRows.length, network.numOutputs());
      bestNetwork = network.copy();
    } else {
      trainRows = rows;
      validationRows = null;
      validationOutputs = null;
      bestNetwork = null;
    }
    double total = 0.0;
    for (int row : trainRows) {
      total += data.weights()[row];
    }
    trainWeight = total;

    miniBatchSize = this.config.effectiveMiniBatchSize(trainRows.length);
    WorkPlan plan = WorkPlan.forTraining(network,
      WorkPlan.rowsPerRound(this.config.solver, miniBatchSize, trainRows.length));
    evaluator = new GradientEvaluator(network, plan, plan.threads(this.config.numThreads), backend);
    gradient = new Gradient(network);
    parameters = network.parameterArrays();
    switch (this.config.solver) {
      case SGD:
        optimizer = new Sgd(parameters, this.config.learningRateInit, this.config.learningRateSchedule,
          this.config.powerT, this.config.momentum, this.config.nesterov);
        lbfgs = null;
        break;
      case ADAM:
        optimizer = new Adam(parameters, this.config.learningRateInit, this.config.beta1, this.config.beta2,
          this.config.epsilon);
        lbfgs = null;
        break;
      default:
        optimizer = null;
        lbfgs = new Lbfgs(this::fullLossAndGradient, flatten(parameters), LBFGS_MEMORY, this.config.tolerance,
          LBFGS_LOSS_TOLERANCE, this.config.maxFun);
        break;
    }
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
    return miniBatchSize;
  }

  /** @return threads actually used */
  public int numThreads() {
    return evaluator.numThreads();
  }

  /** @return training rows (the rest, if any, is the validation split) */
  public int numTrainingRows() {
    return trainRows.length;
  }

  /** @return validation rows, 0 without early stopping */
  public int numValidationRows() {
    return validationRows == null ? 0 : validationRows.length;
  }

  /** @return a description of the solver and its settings */
  public String describeSolver() {
    if (optimizer != null) {
      return optimizer.describe();
    }
    return "lbfgs (memory " + LBFGS_MEMORY + ", max-fun " + config.maxFun + ")";
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
    double loss;
    StopReason lbfgsStop = null;
    if (lbfgs != null) {
      Lbfgs.Status status = lbfgs.iterate();
      unflatten(lbfgs.point(), parameters);
      loss = lbfgs.value();
      lbfgsStop = toStopReason(status);
    } else {
      loss = stochasticEpoch();
    }
    int epoch = history.epochs() + 1;
    checkFinite(loss, epoch);
    double score = validationRows == null ? Double.NaN : validationScore();
    double seconds = (System.nanoTime() - start) * 1e-9;
    history.record(loss, score);
    history.addSeconds(seconds);
    if (listener != null) {
      listener.epochEnded(epoch, loss, score, seconds);
    }
    StopReason reason = lbfgs != null ? lbfgsStop : checkImprovement(loss, score);
    if (reason == null && epoch >= config.maxIterations) {
      reason = StopReason.MAX_ITERATIONS;
    }
    if (reason != null) {
      finished = true;
      history.setStopReason(reason);
    }
    return !finished;
  }

  /** @return the epoch's loss: each minibatch's loss (at the parameters before its step) weighted by its weight */
  private double stochasticEpoch() {
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
        throw diverged(history.epochs() + 1);
      }
      weightedLosses += loss * batchWeight;
      totalWeight += batchWeight;
    }
    samplesSeen += n;
    optimizer.endEpoch(samplesSeen);
    return weightedLosses / totalWeight;
  }

  /** The lbfgs objective: loss and gradient over all training rows at the given flat parameter vector. */
  private double fullLossAndGradient(double[] point, double[] flatGradient) {
    unflatten(point, parameters);
    double loss = evaluator.lossAndGradient(data, trainRows, 0, trainRows.length, trainWeight, config.alpha,
      gradient);
    int offset = 0;
    for (double[] g : gradient.arrays()) {
      System.arraycopy(g, 0, flatGradient, offset, g.length);
      offset += g.length;
    }
    return loss;
  }

  private StopReason checkImprovement(double loss, double score) {
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
        if (config.learningRateSchedule == LearningRateSchedule.ADAPTIVE
          && config.solver == Solver.SGD) {
          return StopReason.LEARNING_RATE_TOO_SMALL;
        }
        return validationRows != null ? StopReason.VALIDATION_SCORE_CONVERGED : StopReason.TRAINING_LOSS_CONVERGED;
      }
      noImprovementCount = 0;
    }
    return null;
  }

  /** Weighted accuracy (classification) or weighted R^2 (regression) on the validation rows. */
  private double validationScore() {
    evaluator.predict(data, validationRows, 0, validationRows.length, validationOutputs);
    double[] w = data.weights();
    int k = validationOutputs.numCols;
    double[] out = validationOutputs.data;
    if (data.isClassification()) {
      int[] labels = data.classLabels();
      double correct = 0.0;
      double total = 0.0;
      for (int j = 0; j < validationRows.length; j++) {
        int row = validationRows[j];
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (out[j * k + c] > out[j * k + best]) {
            best = c;
          }
        }
        total += w[row];
        if (best == labels[row]) {
          correct += w[row];
        }
      }
      return total > 0.0 ? correct / total : 0.0;
    }
    double[] y = data.targets().data;
    double weightSum = 0.0;
    double mean = 0.0;
    for (int j = 0; j < validationRows.length; j++) {
      int row = validationRows[j];
      weightSum += w[row];
      mean += w[row] * y[row * k];
    }
    mean = weightSum > 0.0 ? mean / weightSum : 0.0;
    double residual = 0.0;
    double totalSquares = 0.0;
    for (int j = 0; j < validationRows.length; j++) {
      int row = validationRows[j];
      double target = y[row * k];
      double r = target - out[j * k];
      double t = target - mean;
      residual += w[row] * r * r;
      totalSquares += w[row] * t * t;
    }
    // a constant validation target has no variance to explain: score 1 only for a perfect fit
    if (totalSquares == 0.0) {
      return residual == 0.0 ? 1.0 : 0.0;
    }
    return 1.0 - residual / totalSquares;
  }

  private void checkFinite(double loss, int epoch) {
    if (!Double.isFinite(loss) || !network.allParametersFinite()) {
      throw diverged(epoch);
    }
  }

  private TrainingDivergedException diverged(int epoch) {
    String advice;
    if (config.solver == Solver.LBFGS) {
      advice = "Scale the inputs ({inputScaling} standardize), increase {alpha}, or try {solver} adam.";
    } else {
      advice = "Use a smaller {learningRateInit} (now " + config.learningRateInit + ")"
        + (config.solver == Solver.SGD ? " or a smaller {momentum} (now " + config.momentum + ")" : "")
        + ", and keep input scaling on ({inputScaling} standardize).";
    }
    return new TrainingDivergedException("Training diverged in epoch " + epoch
      + ": the loss or the weights became infinite or NaN. " + advice);
  }


  private static StopReason toStopReason(Lbfgs.Status status) {
    switch (status) {
      case CONVERGED_GRADIENT:
        return StopReason.GRADIENT_CONVERGED;
      case CONVERGED_LOSS:
        return StopReason.LOSS_CONVERGED;
      case MAX_FUNCTION_EVALUATIONS:
        return StopReason.MAX_FUNCTION_EVALUATIONS;
      case LINE_SEARCH_FAILED:
        return StopReason.LINE_SEARCH_FAILED;
      default:
        return null;
    }
  }

  /**
   * Gives the worker threads and native memory back while training is paused (Weka's resume, between builds);
   * the next epoch takes them again, and training goes on exactly as if it had not paused.
   */
  public void pause() {
    if (!closed) {
      evaluator.release();
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
    if (bestNetwork != null && history.hasValidation()) {
      network.copyParametersFrom(bestNetwork);
    }
    evaluator.close();
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  private static double[] flatten(double[][] arrays) {
    int total = 0;
    for (double[] a : arrays) {
      total += a.length;
    }
    double[] flat = new double[total];
    unflattenInto(arrays, flat, true);
    return flat;
  }

  private static void unflatten(double[] flat, double[][] arrays) {
    unflattenInto(arrays, flat, false);
  }

  private static void unflattenInto(double[][] arrays, double[] flat, boolean toFlat) {
    int offset = 0;
    for (double[] a : arrays) {
      if (toFlat) {
        System.arraycopy(a, 0, flat, offset, a.length);
      } else {
        System.arraycopy(flat, offset, a, 0, a.length);
      }
      offset += a.length;
    }
  }
}
