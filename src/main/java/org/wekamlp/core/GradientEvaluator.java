package org.wekamlp.core;

import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.backend.Products;
import org.wekamlp.core.optim.Optimizer;

/**
 * Computes the training loss and its gradient over a set of rows: the weighted data loss plus the L2 penalty
 * {@code 0.5 * alpha * ||W||^2 / rows} on the weights (not the biases), as scikit-learn defines it, where rows
 * counts the rows of positive weight (a row of weight 0 changes nothing).
 *
 * <p>The rows are processed in rounds, each cut into units as the {@link WorkPlan} says; each unit runs the
 * forward and backward pass on its own {@link Workspace}, and the threads pick up whole units. Then the threads
 * pick up whole parameter shards: for its shard a thread computes the weight gradients over all the round's rows
 * at once (the backend's {@link Products#weightGradient}), sums the bias gradients over the rows in order, and
 * in the last round adds the penalty and, for the minibatch solvers, applies the optimizer's step
 * ({@link #lossAndStep}) while the shard is still in cache. Units and shards depend on the problem alone and every
 * sum runs in their order, so the result is bit-identical on any number of threads.
 *
 * <p>Owns worker threads when more than one thread is used, and native memory with a native backend:
 * {@link #release()} frees both until the next call, {@link #close()} for good.
 */
final class GradientEvaluator implements AutoCloseable {

  /** Parameters summed and updated together, so that the gradient is still in the L1 cache for the step. */
  private static final int STEP_BLOCK = 2048;

  private final Network network;
  private final WorkPlan plan;
  private final Backend backend;
  private final int threads;
  private final Workspace[] workspaces;
  private final int[] unitFrom;
  private final int[] unitTo;
  private final double[] unitLoss;
  private final double[][] parameters;
  private final double[] shardSquares;
  private final AtomicInteger nextTask = new AtomicInteger();
  private final WorkerTeam.Task unitPhase = this::runUnits;
  private final WorkerTeam.Task predictPhase = this::predictUnits;
  private final WorkerTeam.Task shardPhase = this::sumShards;
  private final WorkerTeam.Task syncPhase = this::syncShards;
  // the threads and native memory, taken on first use and given back by release()
  private WorkerTeam team;
  private Products products;
  private Products.Pass[] passes;
  private boolean closed;

  // the state of the current call, read by the phases
  private TrainingData data;
  private DMatrixRMaj predictInputs;
  private FMatrixRMaj predictFloatInputs;
  private DMatrixRMaj predictOutputs;
  private int predictOffset;
  private int[] rows;
  private double weightTotal;
  private int activeUnits;
  private int roundRows;
  private Gradient target;
  private boolean firstRound;
  private boolean lastRound;
  private double penaltyFactor;
  private Optimizer optimizer;

  /**
   * @param network the network whose parameters will be used (read at each call). Not modified.
   * @param plan how rounds are cut into units and the parameters into shards
   * @param numThreads number of threads, at least 1 (more than the plan's units are not used)
   * @param backend matrix-product backend
   */
  GradientEvaluator(Network network, WorkPlan plan, int numThreads, Backend backend) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    this.network = network;
    this.plan = plan;
    this.backend = backend;
    this.threads = plan.threads(numThreads);
    int units = plan.unitsPerRound();
    workspaces = new Workspace[units];
    for (int u = 0; u < units; u++) {
      workspaces[u] = new Workspace(network, plan.rowsPerUnit(), true);
    }
    unitFrom = new int[units];
    unitTo = new int[units];
    unitLoss = new double[units];
    parameters = network.parameterArrays();
    shardSquares = new double[plan.shardCount()];
    acquire();
  }

  /**
   * An evaluator whose rounds of {@code maxRowsPerCall} rows are cut by rows alone ({@link WorkPlan#forRows}).
   *
   * @param network the network whose parameters will be used (read at each call). Not modified.
   * @param maxRowsPerCall rows processed in one parallel round; larger calls loop
   * @param numThreads number of threads, at least 1
   * @param backend matrix-product backend
   */
  GradientEvaluator(Network network, int maxRowsPerCall, int numThreads, Backend backend) {
    this(network, WorkPlan.forRows(network, maxRowsPerCall), numThreads, backend);
  }

  /** @return the number of threads actually used (fewer than requested when the plan has fewer units) */
  int numThreads() {
    return threads;
  }

  /**
   * Stops the worker threads and frees native memory until the next call, which takes them again (a training run
   * paused for Weka's resume).
   */
  void release() {
    if (team != null) {
      team.close();
      team = null;
    }
    if (products != null) {
      products.close();
      products = null;
      passes = null;
    }
  }

  private void acquire() {
    if (closed) {
      throw new IllegalStateException("This evaluator has been closed.");
    }
    if (products == null) {
      products = backend.products(network.layerSizes(), weights(network), workspaces.length, plan.rowsPerUnit(),
        threads);
      passes = new Products.Pass[workspaces.length];
      for (int u = 0; u < passes.length; u++) {
        passes[u] = products.pass(u);
      }
    }
    if (team == null) {
      team = new WorkerTeam(threads);
    }
  }

  private static DMatrixRMaj[] weights(Network network) {
    DMatrixRMaj[] weights = new DMatrixRMaj[network.numLayers()];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = network.weights(l);
    }
    return weights;
  }

  /**
   * Loss and gradient over {@code rows[from..to)}: each row's loss scaled by its weight over
   * {@code weightTotal}, plus {@code 0.5 * alpha * ||W||^2 / rows}, rows counting those of positive weight.
   *
   * @param data the encoded data. Not modified.
   * @param rowIndices row indices into data. Not modified.
   * @param from first position in rowIndices
   * @param to one past the last position
   * @param weightTotal the normaliser of the instance weights (the minibatch's total weight)
   * @param alpha the L2 penalty factor, at least 0
   * @param gradient receives the gradient of the whole loss. Modified.
   * @return the loss, penalty included
   * @throws TrainingInterruptedException when the calling thread is interrupted
   */
  double lossAndGradient(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient) {
    return evaluate(data, rowIndices, from, to, weightTotal, alpha, gradient, null);
  }

  /**
   * {@link #lossAndGradient} followed by one optimizer step on the network's parameters, fused: each thread
   * sums the gradient of its shards of the parameters, adds the penalty and updates them right away, while they
   * are still in cache. The loss is that of the parameters before the step.
   *
   * @param data the encoded data. Not modified.
   * @param rowIndices row indices into data. Not modified.
   * @param from first position in rowIndices
   * @param to one past the last position
   * @param weightTotal the normaliser of the instance weights (the minibatch's total weight)
   * @param alpha the L2 penalty factor, at least 0
   * @param gradient receives the gradient of the whole loss. Modified.
   * @param step the optimizer whose step is applied to {@link Network#parameterArrays()}. Modified.
   * @return the loss, penalty included, before the step
   * @throws TrainingInterruptedException when the calling thread is interrupted
   */
  double lossAndStep(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient, Optimizer step) {
    return evaluate(data, rowIndices, from, to, weightTotal, alpha, gradient, step);
  }

  private double evaluate(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient, Optimizer step) {
    if (from >= to) {
      gradient.zero();
      return 0.0;
    }
    acquire();
    this.data = data;
    this.rows = rowIndices;
    this.weightTotal = weightTotal;
    this.target = gradient;
    this.penaltyFactor = penaltyFactor(alpha, data.weights(), rowIndices, from, to);
    double loss = 0.0;
    try {
      syncWeights();
      firstRound = true;
      for (int start = from; start < to; start += plan.rowsPerRound()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new TrainingInterruptedException();
        }
        int end = Math.min(to, start + plan.rowsPerRound());
        roundRows = end - start;
        activeUnits = plan.units(start, end, unitFrom, unitTo);
        runPhase(unitPhase);
        for (int u = 0; u < activeUnits; u++) {
          loss += unitLoss[u];
        }
        lastRound = end == to;
        if (lastRound && step != null) {
          step.beginStep();
          optimizer = step;
        }
        runPhase(shardPhase);
        firstRound = false;
      }
    } finally {
      this.data = null;
      this.rows = null;
      this.target = null;
      this.optimizer = null;
    }
    if (alpha == 0.0) {
      return loss;
    }
    double squaredWeights = 0.0;
    for (double partial : shardSquares) {
      squaredWeights += partial;
    }
    return loss + 0.5 * penaltyFactor * squaredWeights;
  }

  /** @return alpha over the number of rows of positive weight, 0 without such rows */
  private static double penaltyFactor(double alpha, double[] weights, int[] rowIndices, int from, int to) {
    int rows = 0;
    for (int j = from; j < to; j++) {
      rows += weights[rowIndices[j]] > 0.0 ? 1 : 0;
    }
    return rows == 0 ? 0.0 : alpha / rows;
  }

  /** Runs a phase on every thread; the threads pick up tasks (units or shards) from a shared counter. */
  private void runPhase(WorkerTeam.Task phase) {
    nextTask.set(0);
    team.run(phase);
  }

  private void runUnits(int worker) {
    for (int u = nextTask.getAndIncrement(); u < activeUnits; u = nextTask.getAndIncrement()) {
      runUnit(u);
    }
  }

  private void predictUnits(int worker) {
    for (int u = nextTask.getAndIncrement(); u < activeUnits; u = nextTask.getAndIncrement()) {
      predictUnit(u);
    }
  }

  private void sumShards(int worker) {
    for (int s = nextTask.getAndIncrement(); s < shardSquares.length; s = nextTask.getAndIncrement()) {
      sumShard(worker, s);
    }
  }

  private void syncShards(int worker) {
    for (int s = nextTask.getAndIncrement(); s < shardSquares.length; s = nextTask.getAndIncrement()) {
      syncShard(products, plan.shard(s), worker);
    }
  }

  /** Copies the weights of a parameter shard (triples array, from, to) to the backend. */
  static void syncShard(Products products, int[] shard, int worker) {
    for (int r = 0; r < shard.length; r += 3) {
      if (shard[r] % 2 == 0) { // W[0], b[0], W[1], b[1], ...: the weights
        products.syncWeights(worker, shard[r] / 2, shard[r + 1], shard[r + 2]);
      }
    }
  }

  /**
   * One shard of the parameters: its weight gradient rows over the round's rows (added onto the rounds before),
   * its bias gradients summed over the round's rows in order, and in the last round the penalty gradient
   * {@code alpha * W / rows}, the shard's share of {@code ||W||^2} and, when stepping, the optimizer's update.
   */
  private void sumShard(int worker, int shard) {
    int[] ranges = plan.shard(shard);
    double[][] sums = target.arrays();
    double squares = 0.0;
    for (int r = 0; r < ranges.length; r += 3) {
      int k = ranges[r];
      int from = ranges[r + 1];
      int to = ranges[r + 2];
      boolean weightArray = k % 2 == 0; // W[0], b[0], W[1], b[1], ...
      double[] g = sums[k];
      if (weightArray) {
        int rowLength = network.weights(k / 2).numCols;
        products.weightGradient(worker, k / 2, from / rowLength, to / rowLength, roundRows, !firstRound, g);
      } else {
        sumBiasGradient(k / 2, from, to, g);
      }
      if (lastRound) {
        squares += finishRange(k, from, to, weightArray);
      }
    }
    shardSquares[shard] = squares;
  }

  /** Adds the column sums of the round's deltas at layer + 1, row by row in order, to g[from..to). */
  private void sumBiasGradient(int layer, int from, int to, double[] g) {
    if (firstRound) {
      java.util.Arrays.fill(g, from, to, 0.0);
    }
    for (int u = 0; u < activeUnits; u++) {
      DMatrixRMaj delta = workspaces[u].delta(layer + 1);
      int columns = delta.numCols;
      double[] d = delta.data;
      for (int row = 0, base = 0; row < delta.numRows; row++, base += columns) {
        for (int c = from; c < to; c++) {
          g[c] += d[base + c];
        }
      }
    }
  }

  /**
   * The last round's work on parameters {@code [from, to)} of array k, a block at a time: the penalty gradient
   * and, when stepping, the optimizer's update.
   *
   * @return the sum of the squared weights in the range (0 for biases)
   */
  private double finishRange(int k, int from, int to, boolean weightArray) {
    double[] g = target.arrays()[k];
    double[] w = parameters[k];
    double squares = 0.0;
    for (int blockFrom = from; blockFrom < to; blockFrom += STEP_BLOCK) {
      int blockTo = Math.min(to, blockFrom + STEP_BLOCK);
      if (weightArray && penaltyFactor != 0.0) {
        double f = penaltyFactor;
        for (int i = blockFrom; i < blockTo; i++) {
          double wi = w[i];
          g[i] += f * wi;
          squares += wi * wi;
        }
      }
      if (optimizer != null) {
        optimizer.updateRange(parameters, target.arrays(), k, blockFrom, blockTo);
      }
    }
    return squares;
  }

  /** Brings the backend's copy of the weights (if it keeps one) up to date, in parallel. */
  private void syncWeights() {
    if (products.keepsWeights()) {
      runPhase(syncPhase);
    }
  }

  /**
   * Forward pass only: writes the network outputs of {@code rows[from..to)} into consecutive rows of
   * {@code outputs}, starting at row 0.
   *
   * @param inputs the encoded inputs. Not modified.
   * @param rowIndices row indices into inputs. Not modified.
   * @param from first position
   * @param to one past the last position
   * @param outputs destination with at least to - from rows. Modified.
   */
  void predict(DMatrixRMaj inputs, int[] rowIndices, int from, int to, DMatrixRMaj outputs) {
    predict(inputs, null, rowIndices, from, to, outputs);
  }

  /**
   * {@link #predict(DMatrixRMaj, int[], int, int, DMatrixRMaj)} on the inputs of training data, held in float64 or
   * float32.
   *
   * @param data the encoded data. Not modified.
   * @param rowIndices row indices into the data. Not modified.
   * @param from first position
   * @param to one past the last position
   * @param outputs destination with at least to - from rows. Modified.
   */
  void predict(TrainingData data, int[] rowIndices, int from, int to, DMatrixRMaj outputs) {
    if (data.inputPrecision() == Precision.FLOAT32) {
      predict(null, data.floatInputs(), rowIndices, from, to, outputs);
    } else {
      predict(data.inputs(), null, rowIndices, from, to, outputs);
    }
  }

  private void predict(DMatrixRMaj inputs, FMatrixRMaj floatInputs, int[] rowIndices, int from, int to,
    DMatrixRMaj outputs) {
    acquire();
    predictInputs = inputs;
    predictFloatInputs = floatInputs;
    predictOutputs = outputs;
    predictOffset = from;
    rows = rowIndices;
    try {
      syncWeights();
      for (int start = from; start < to; start += plan.rowsPerRound()) {
        activeUnits = plan.units(start, Math.min(to, start + plan.rowsPerRound()), unitFrom, unitTo);
        runPhase(predictPhase);
      }
    } finally {
      predictInputs = null;
      predictFloatInputs = null;
      predictOutputs = null;
      rows = null;
    }
  }

  private void predictUnit(int unit) {
    Workspace workspace = gatherUnit(unit, predictInputs, predictFloatInputs);
    int from = unitFrom[unit];
    int to = unitTo[unit];
    Backpropagation.forward(network, workspace, passes[unit]);
    int k = network.numOutputs();
    System.arraycopy(workspace.output().data, 0, predictOutputs.data, (from - predictOffset) * k, (to - from) * k);
  }

  /**
   * Sizes the unit's workspace and gathers its input rows: float64 rows into the workspace, float32 rows through the
   * unit's products (into native memory as they are, with float32 products).
   */
  private Workspace gatherUnit(int unit, DMatrixRMaj source, FMatrixRMaj floatSource) {
    Workspace workspace = workspaces[unit];
    int from = unitFrom[unit];
    int to = unitTo[unit];
    workspace.setRows(to - from);
    if (floatSource != null) {
      passes[unit].gatherInput(floatSource, rows, from, to, workspace.input());
      return workspace;
    }
    double[] destination = workspace.input().data;
    int d = source.numCols;
    for (int j = from; j < to; j++) {
      System.arraycopy(source.data, rows[j] * d, destination, (j - from) * d, d);
    }
    return workspace;
  }

  private void runUnit(int unit) {
    boolean float32 = data.inputPrecision() == Precision.FLOAT32;
    Workspace workspace = gatherUnit(unit, float32 ? null : data.inputs(), float32 ? data.floatInputs() : null);
    int from = unitFrom[unit];
    int to = unitTo[unit];
    double[] targets = data.targets().data;
    double[] weights = data.weights();
    int k = data.targets().numCols;
    double[] target = workspace.target().data;
    double[] scale = workspace.rowScale();
    for (int j = from; j < to; j++) {
      int row = rows[j];
      int local = j - from;
      System.arraycopy(targets, row * k, target, local * k, k);
      scale[local] = weights[row] / weightTotal;
    }
    unitLoss[unit] = Backpropagation.lossAndDeltas(network, workspace, passes[unit]);
  }

  /** Stops the worker threads and frees native memory; the evaluator cannot be used afterwards. */
  @Override
  public void close() {
    release();
    closed = true;
  }
}
