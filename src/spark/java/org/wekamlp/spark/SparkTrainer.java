package org.wekamlp.spark;

import java.util.Random;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import org.wekamlp.core.BlockGradient;
import org.wekamlp.core.Network;
import org.wekamlp.core.OutputLayer;
import org.wekamlp.core.Solver;
import org.wekamlp.core.StopReason;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.TrainingHistory;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.optim.Adam;
import org.wekamlp.core.optim.LearningRateSchedule;
import org.wekamlp.core.optim.Lbfgs;
import org.wekamlp.core.optim.Optimizer;
import org.wekamlp.core.optim.Sgd;

/**
 * Trains a {@link Network} on cached {@link EncodedBlock}s by synchronous gradient aggregation: every evaluation of
 * the objective broadcasts the parameters and one {@code treeAggregate} returns the summed loss, gradient and weight
 * of the rows it selects; the driver divides by the weight, adds the L2 penalty and runs the package's own optimizer
 * ({@link Lbfgs} on the full-batch objective, the same one a local run minimises; {@link Adam} or {@link Sgd} on
 * global minibatches drawn from all partitions). Stopping follows the local run's rules: lbfgs's own tests, or no
 * improvement of the training loss (or validation score, with early stopping, best weights restored) by the
 * tolerance for more than nIterNoChange epochs.
 */
final class SparkTrainer {

  /** Depth of the aggregation tree: partitions send their sums to intermediate tasks, not all to the driver. */
  private static final int TREE_DEPTH = 2;

  private final JavaSparkContext context;
  private final JavaRDD<EncodedBlock> blocks;
  private final TrainingConfig config;
  private final Precision precision;
  private final int globalBatchSize;
  private final Network network;
  private final Network gradientShape;
  private final RowSelection training;
  private final TrainingHistory history = new TrainingHistory();
  private final EpochListener listener;
  private final long usableRows;
  private long trainingRows;
  private long validationRows;
  private int batchSize;

  /** Receives one line per epoch. */
  interface EpochListener {

    /**
     * @param epoch the epoch (or lbfgs iteration), from 1
     * @param loss its training loss
     * @param score its validation score, NaN without
     * @param seconds its wall time
     */
    void epochEnded(int epoch, double loss, double score, double seconds);
  }

  /**
   * @param context the Spark context
   * @param blocks the encoded training rows, cached. Not modified.
   * @param config the validated settings
   * @param layerSizes inputs, hidden layers, outputs
   * @param outputLayer the output layer (classification or regression)
   * @param usableRows the rows in the blocks
   * @param globalBatchSize rows per minibatch for adam and sgd when the settings leave it automatic (0)
   * @param precision the precision of the executors' matrix products
   * @param listener progress receiver, or null
   */
  SparkTrainer(JavaSparkContext context, JavaRDD<EncodedBlock> blocks, long usableRows, TrainingConfig config,
    int[] layerSizes, OutputLayer outputLayer, int globalBatchSize, Precision precision, EpochListener listener) {
    this.context = context;
    this.usableRows = usableRows;
    this.blocks = blocks;
    this.config = config;
    this.globalBatchSize = globalBatchSize;
    this.precision = precision;
    this.listener = listener;
    network = new Network(layerSizes, config.activation, outputLayer);
    network.initialize(new Random(config.seed)); // as TrainingRun does: the same first weights as a local run
    gradientShape = network.copy();
    double fraction = config.solver.isStochastic() && config.earlyStopping ? config.validationFraction : 0.0;
    training = RowSelection.training(config.seed, fraction);
  }

  /**
   * Trains until a stopping rule fires.
   *
   * @return the trained network (restored to the best validation epoch with early stopping)
   * @throws IllegalStateException when training diverges or there are no training rows
   */
  Network train() {
    if (config.solver.isStochastic() && config.earlyStopping) {
      validationRows = aggregate(BlockGradient.flatten(network), training.validation()).rows;
    }
    trainingRows = usableRows - validationRows;
    if (trainingRows == 0) {
      throw new IllegalStateException("No training rows are left: every usable row went to the validation split.");
    }
    if (config.solver.isStochastic()) {
      new Minibatches().run();
    } else {
      runLbfgs();
    }
    return network;
  }

  /** @return the training history */
  TrainingHistory history() {
    return history;
  }

  /** @return the rows trained on */
  long trainingRows() {
    return trainingRows;
  }

  /** @return the rows held out for validation */
  long validationRows() {
    return validationRows;
  }

  /** @return rows per minibatch (adam, sgd), or all training rows (lbfgs) */
  int batchSize() {
    return batchSize;
  }

  /** One pass: broadcast the parameters, aggregate the selected rows' sums. */
  private StepSum aggregate(double[] parameters, RowSelection selection) {
    Broadcast<StepRequest> request = context.broadcast(new StepRequest(network, parameters, selection, precision));
    try {
      return blocks.treeAggregate(new StepSum(), (sum, block) -> sum.add(block, request), StepSum::merge,
        TREE_DEPTH);
    } finally {
      request.destroy();
    }
  }

  /**
   * The objective over the selected rows: the weighted mean loss plus the penalty, as a local run computes it.
   *
   * @param parameters where to evaluate. Not modified.
   * @param selection which rows
   * @param gradient receives the gradient. Modified.
   * @return {loss, weight} of the rows, loss NaN-free only when training is sound
   */
  private double[] objective(double[] parameters, RowSelection selection, double[] gradient) {
    StepSum sum = aggregate(parameters, selection);
    java.util.Arrays.fill(gradient, 0.0);
    if (sum.rows == 0) {
      return new double[] {0.0, 0.0};
    }
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = sum.gradient[i] / sum.weight;
    }
    double loss = sum.loss / sum.weight + BlockGradient.addPenalty(network, parameters, config.alpha / sum.rows,
      gradient);
    return new double[] {loss, sum.weight};
  }

  private void runLbfgs() {
    batchSize = (int) Math.min(Integer.MAX_VALUE, trainingRows);
    Lbfgs lbfgs = new Lbfgs((point, gradient) -> objective(point, training, gradient)[0],
      BlockGradient.flatten(network), Lbfgs.DEFAULT_MEMORY, config.tolerance, Lbfgs.SCIPY_LOSS_TOLERANCE,
      config.maxFun);
    StopReason reason = null;
    while (reason == null) {
      long start = System.nanoTime();
      Lbfgs.Status status = lbfgs.iterate();
      BlockGradient.unflatten(lbfgs.point(), network);
      reason = endEpoch(lbfgs.value(), Double.NaN, start, StopReason.of(status));
    }
  }

  /**
   * Records an epoch and decides whether training stops.
   *
   * @return the stop reason, or null to go on
   */
  private StopReason endEpoch(double loss, double score, long start, StopReason solverReason) {
    int epoch = history.epochs() + 1;
    if (!Double.isFinite(loss) || !network.allParametersFinite()) {
      throw new IllegalStateException("Training diverged in epoch " + epoch + ": the loss or the weights became "
        + "infinite or NaN. Scale the inputs (-input-scaling standardize), lower -learning-rate-init or raise -alpha.");
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    history.record(loss, score);
    history.addSeconds(seconds);
    if (listener != null) {
      listener.epochEnded(epoch, loss, score, seconds);
    }
    StopReason reason = solverReason;
    if (reason == null && epoch >= config.maxIterations) {
      reason = StopReason.MAX_ITERATIONS;
    }
    history.setStopReason(reason);
    return reason;
  }

  /** The minibatch solvers' epochs over global minibatches, and their stopping rule. */
  private final class Minibatches {

    private final Optimizer optimizer;
    private final double[][] parameters = network.parameterArrays();
    private final double[] flatGradient = new double[BlockGradient.flatten(network).length];
    private final int numBatches;
    private double[] bestParameters;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int noImprovement;
    private long samplesSeen;

    Minibatches() {
      batchSize = (int) Math.min(trainingRows, config.miniBatchSize > 0 ? config.miniBatchSize : globalBatchSize);
      numBatches = (int) ((trainingRows + batchSize - 1) / batchSize);
      optimizer = config.solver == Solver.SGD
        ? new Sgd(parameters, config.learningRateInit, config.learningRateSchedule, config.powerT, config.momentum,
          config.nesterov)
        : new Adam(parameters, config.learningRateInit, config.beta1, config.beta2, config.epsilon);
    }

    void run() {
      StopReason reason = null;
      while (reason == null) {
        long start = System.nanoTime();
        double loss = epoch(history.epochs() + 1);
        double score = validationRows > 0 ? validationScore() : Double.NaN;
        reason = endEpoch(loss, score, start, Double.isFinite(loss) ? stopRule(loss, score) : null);
      }
      if (bestParameters != null) {
        BlockGradient.unflatten(bestParameters, network);
      }
    }

    /** @return the epoch's loss: the minibatch losses weighted by their weights */
    private double epoch(int epoch) {
      double weightedLosses = 0.0;
      double totalWeight = 0.0;
      long draw = config.shuffle ? epoch : 0;
      for (int b = 0; b < numBatches; b++) {
        double[] lossAndWeight = objective(BlockGradient.flatten(network), training.minibatch(draw, b, numBatches),
          flatGradient);
        if (lossAndWeight[1] == 0.0) {
          continue; // an empty minibatch (possible with random spreads of few rows)
        }
        if (!Double.isFinite(lossAndWeight[0])) {
          return lossAndWeight[0];
        }
        BlockGradient.unflatten(flatGradient, gradientShape);
        optimizer.update(parameters, gradientShape.parameterArrays());
        weightedLosses += lossAndWeight[0] * lossAndWeight[1];
        totalWeight += lossAndWeight[1];
      }
      samplesSeen += trainingRows;
      optimizer.endEpoch(samplesSeen);
      return weightedLosses / totalWeight;
    }

    private double validationScore() {
      StepSum sum = aggregate(BlockGradient.flatten(network), training.validation());
      return sum.validationScore(network.outputLayer() == OutputLayer.SOFTMAX_CROSS_ENTROPY);
    }

    /** scikit-learn's rule, as the local run applies it. */
    private StopReason stopRule(double loss, double score) {
      boolean validating = !Double.isNaN(score);
      boolean improved = validating ? score >= bestScore + config.tolerance : loss <= bestLoss - config.tolerance;
      noImprovement = improved ? 0 : noImprovement + 1;
      if (validating && score > bestScore) {
        bestScore = score;
        bestParameters = BlockGradient.flatten(network);
      } else if (!validating) {
        bestLoss = Math.min(bestLoss, loss);
      }
      if (noImprovement <= config.nIterNoChange) {
        return null;
      }
      if (!optimizer.onNoImprovement()) {
        noImprovement = 0;
        return null;
      }
      if (config.solver == Solver.SGD && config.learningRateSchedule == LearningRateSchedule.ADAPTIVE) {
        return StopReason.LEARNING_RATE_TOO_SMALL;
      }
      return validating ? StopReason.VALIDATION_SCORE_CONVERGED : StopReason.TRAINING_LOSS_CONVERGED;
    }
  }
}
