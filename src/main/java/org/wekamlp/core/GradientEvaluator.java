package org.wekamlp.core;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.optim.Optimizer;

/**
 * Computes the training loss and its gradient over a set of rows: the weighted data loss plus the L2
 * penalty {@code 0.5 * alpha * ||W||^2 / rows} on the weights (not the biases), as scikit-learn defines
 * it, where rows counts the rows of positive weight (a row of weight 0 changes nothing). The rows are
 * split into one contiguous chunk per thread; each chunk runs the full forward and backward pass on its
 * own {@link Workspace}. The chunk gradients are then summed in chunk order, in parallel over disjoint
 * ranges of the parameters, and for the minibatch solvers the optimizer's step
 * follows in the same pass ({@link #lossAndStep}). A backend that keeps its operands in native memory
 * (OpenBLAS) leaves the weight gradients out of the chunk passes: in the summing pass each thread computes
 * its range of every weight gradient over all chunks' rows with one product per chunk, accumulated in
 * native memory, so that no per-chunk gradient is copied out and added. A given thread count therefore
 * always gives bit-identical results.
 *
 * <p>Owns worker threads when more than one thread is used: {@link #close()} stops them.
 */
public final class GradientEvaluator implements AutoCloseable {

  /** Below this many rows per chunk, extra threads cost more than they save. */
  private static final int MIN_ROWS_PER_CHUNK = 16;
  /** Parameters summed and updated together, so that the gradient is still in the L1 cache for the step. */
  private static final int STEP_BLOCK = 2048;

  private final Network network;
  private final MatrixProducts products;
  private final MatrixProducts.Pass[] passes;
  private final Workspace[] workspaces;
  private final WorkerTeam team;
  private final int chunkCapacity;
  private final int[] chunkFrom;
  private final int[] chunkTo;
  /** Parameter ranges per worker: triples (array, from, to) over the arrays of {@link Network#parameterArrays()}. */
  private final int[][] parameterRanges;
  private final double[][] parameters;
  private final double[] squaredWeightPartials;
  /** Whether the backend computes the weight gradients after the passes ({@link MatrixProducts#defersWeightGradients()}). */
  private final boolean deferredWeightGradients;
  private final WorkerTeam.Task chunkPhase = this::runChunk;
  private final WorkerTeam.Task predictPhase = this::predictChunk;
  private final WorkerTeam.Task sumPhase = this::sumGradients;
  private final WorkerTeam.Task syncPhase = this::syncWeights;

  // the state of the current call, read by the phases
  private TrainingData data;
  private DMatrixRMaj predictInputs;
  private DMatrixRMaj predictOutputs;
  private int predictOffset;
  private int[] rows;
  private double weightTotal;
  private int activeChunks;
  private Gradient target;
  private boolean firstRound;
  private boolean lastRound;
  private double penaltyFactor;
  private Optimizer optimizer;

  /**
   * @param network the network whose parameters will be used (read at each call). Not modified.
   * @param maxRowsPerCall rows processed in one parallel round (the minibatch size); larger calls loop
   * @param numThreads number of threads, at least 1
   * @param multiply matrix-product backend
   */
  public GradientEvaluator(Network network, int maxRowsPerCall, int numThreads, MatrixMultiply multiply) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    this.network = network;
    int threads = Math.max(1, Math.min(numThreads, maxRowsPerCall / MIN_ROWS_PER_CHUNK));
    chunkCapacity = (maxRowsPerCall + threads - 1) / threads;
    products = MatrixProducts.of(multiply, network, threads);
    deferredWeightGradients = products.defersWeightGradients();
    workspaces = new Workspace[threads];
    passes = new MatrixProducts.Pass[threads];
    chunkFrom = new int[threads];
    chunkTo = new int[threads];
    for (int t = 0; t < threads; t++) {
      workspaces[t] = new Workspace(network, chunkCapacity, true);
      passes[t] = products.newPass(chunkCapacity);
    }
    parameters = network.parameterArrays();
    parameterRanges = splitParameters(parameters, threads);
    squaredWeightPartials = new double[threads];
    team = new WorkerTeam(threads);
  }

  /** Splits the concatenated parameter arrays into one contiguous, near-equal range per worker. */
  private static int[][] splitParameters(double[][] arrays, int workers) {
    long total = 0;
    for (double[] a : arrays) {
      total += a.length;
    }
    int[][] ranges = new int[workers][];
    for (int w = 0; w < workers; w++) {
      long start = total * w / workers;
      long end = total * (w + 1) / workers;
      int[] triples = new int[3 * arrays.length];
      int count = 0;
      long offset = 0;
      for (int k = 0; k < arrays.length; k++) {
        long from = Math.max(start, offset);
        long to = Math.min(end, offset + arrays[k].length);
        if (from < to) {
          triples[count++] = k;
          triples[count++] = (int) (from - offset);
          triples[count++] = (int) (to - offset);
        }
        offset += arrays[k].length;
      }
      ranges[w] = java.util.Arrays.copyOf(triples, count);
    }
    return ranges;
  }

  /** @return the number of threads actually used (fewer than requested for tiny minibatches) */
  public int numThreads() {
    return workspaces.length;
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
  public double lossAndGradient(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient) {
    return evaluate(data, rowIndices, from, to, weightTotal, alpha, gradient, null);
  }

  /**
   * {@link #lossAndGradient} followed by one optimizer step on the network's parameters, fused: each thread
   * sums the chunk gradients of its share of the parameters, adds the penalty and updates that share right
   * away, while it is still in cache. The loss is that of the parameters before the step.
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
  public double lossAndStep(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient, Optimizer step) {
    return evaluate(data, rowIndices, from, to, weightTotal, alpha, gradient, step);
  }

  private double evaluate(TrainingData data, int[] rowIndices, int from, int to, double weightTotal,
    double alpha, Gradient gradient, Optimizer step) {
    if (from >= to) {
      gradient.zero();
      return 0.0;
    }
    this.data = data;
    this.rows = rowIndices;
    this.weightTotal = weightTotal;
    this.target = gradient;
    this.penaltyFactor = penaltyFactor(alpha, data.weights(), rowIndices, from, to);
    double loss = 0.0;
    try {
      syncWeights();
      int roundSize = chunkCapacity * workspaces.length;
      firstRound = true;
      for (int start = from; start < to; start += roundSize) {
        if (Thread.currentThread().isInterrupted()) {
          throw new TrainingInterruptedException();
        }
        int end = Math.min(to, start + roundSize);
        activeChunks = planChunks(start, end);
        team.run(chunkPhase);
        for (int t = 0; t < activeChunks; t++) {
          loss += workspaces[t].loss();
        }
        lastRound = end == to;
        if (lastRound && step != null) {
          step.beginStep();
          optimizer = step;
        }
        team.run(sumPhase);
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
    for (double partial : squaredWeightPartials) {
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

  /**
   * One worker's share of the parameters: sums the chunk gradients in chunk order (onto the rounds before),
   * and in the last round adds the penalty gradient {@code alpha * W / rows}, the share of {@code ||W||^2}
   * and, when stepping, the optimizer's update.
   */
  private void sumGradients(int worker) {
    int[] ranges = parameterRanges[worker];
    double[][] sums = target.arrays();
    double squares = 0.0;
    for (int r = 0; r < ranges.length; r += 3) {
      int k = ranges[r];
      boolean weightArray = k % 2 == 0; // W[0], b[0], W[1], b[1], ...
      double[] g = sums[k];
      double[] w = parameters[k];
      // deferred weight gradients: this worker's share over all chunks at once, straight into g at the end
      boolean computed = weightArray && deferredWeightGradients;
      if (computed) {
        products.weightGradientShare(worker, k / 2, ranges[r + 1], ranges[r + 2], passes, activeChunks, !firstRound,
          lastRound ? g : null);
      }
      for (int blockFrom = ranges[r + 1]; blockFrom < ranges[r + 2]; blockFrom += STEP_BLOCK) {
        int blockTo = Math.min(ranges[r + 2], blockFrom + STEP_BLOCK);
        if (!computed) {
          double[] first = workspaces[0].gradient().arrays()[k];
          if (firstRound) {
            System.arraycopy(first, blockFrom, g, blockFrom, blockTo - blockFrom);
          } else {
            addTo(g, first, blockFrom, blockTo);
          }
          for (int t = 1; t < activeChunks; t++) {
            addTo(g, workspaces[t].gradient().arrays()[k], blockFrom, blockTo);
          }
        }
        if (!lastRound) {
          continue;
        }
        if (weightArray && penaltyFactor != 0.0) {
          double f = penaltyFactor;
          for (int i = blockFrom; i < blockTo; i++) {
            double wi = w[i];
            g[i] += f * wi;
            squares += wi * wi;
          }
        }
        if (optimizer != null) {
          optimizer.updateRange(parameters, sums, k, blockFrom, blockTo);
        }
      }
    }
    squaredWeightPartials[worker] = squares;
  }

  /** Brings the backend's copy of the weights (if it keeps one) up to date, in parallel. */
  private void syncWeights() {
    if (products.keepsWeights()) {
      team.run(syncPhase);
    }
  }

  private void syncWeights(int worker) {
    products.syncWeights(worker, workspaces.length);
  }

  private static void addTo(double[] sum, double[] term, int from, int to) {
    for (int i = from; i < to; i++) {
      sum[i] += term[i];
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
  public void predict(DMatrixRMaj inputs, int[] rowIndices, int from, int to, DMatrixRMaj outputs) {
    predictInputs = inputs;
    predictOutputs = outputs;
    predictOffset = from;
    rows = rowIndices;
    try {
      syncWeights();
      int roundSize = chunkCapacity * workspaces.length;
      for (int start = from; start < to; start += roundSize) {
        activeChunks = planChunks(start, Math.min(to, start + roundSize));
        team.run(predictPhase);
      }
    } finally {
      predictInputs = null;
      predictOutputs = null;
      rows = null;
    }
  }

  private void predictChunk(int chunk) {
    Workspace workspace = gatherChunk(chunk, predictInputs);
    if (workspace == null) {
      return;
    }
    int from = chunkFrom[chunk];
    int to = chunkTo[chunk];
    Backpropagation.forward(network, workspace, passes[chunk]);
    int k = network.numOutputs();
    System.arraycopy(workspace.output().data, 0, predictOutputs.data, (from - predictOffset) * k, (to - from) * k);
  }

  private int planChunks(int start, int end) {
    int n = end - start;
    // as many chunks as threads allow with at least MIN_ROWS_PER_CHUNK rows each, but never fewer than the
    // workspaces' capacity needs (a short last round, e.g. 30 rows with two workspaces of 20)
    int active = Math.max(1, Math.min(workspaces.length, n / MIN_ROWS_PER_CHUNK));
    active = Math.max(active, (n + chunkCapacity - 1) / chunkCapacity);
    int base = n / active;
    int extra = n % active;
    int position = start;
    for (int t = 0; t < active; t++) {
      chunkFrom[t] = position;
      position += base + (t < extra ? 1 : 0);
      chunkTo[t] = position;
    }
    for (int t = active; t < workspaces.length; t++) {
      chunkFrom[t] = end;
      chunkTo[t] = end;
    }
    return active;
  }

  /**
   * Sizes the chunk's workspace and copies its input rows into it.
   *
   * @return the workspace, or null when the chunk has no rows in this round
   */
  private Workspace gatherChunk(int chunk, DMatrixRMaj source) {
    if (chunk >= activeChunks) {
      return null;
    }
    Workspace workspace = workspaces[chunk];
    int from = chunkFrom[chunk];
    int to = chunkTo[chunk];
    workspace.setRows(to - from);
    double[] destination = workspace.input().data;
    int d = source.numCols;
    for (int j = from; j < to; j++) {
      System.arraycopy(source.data, rows[j] * d, destination, (j - from) * d, d);
    }
    return workspace;
  }

  private void runChunk(int chunk) {
    Workspace workspace = gatherChunk(chunk, data.inputs());
    if (workspace == null) {
      return;
    }
    int from = chunkFrom[chunk];
    int to = chunkTo[chunk];
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
    workspace.setLoss(Backpropagation.lossAndGradient(network, workspace, passes[chunk], deferredWeightGradients));
  }

  /** Stops the worker threads and frees native memory; the evaluator cannot be used afterwards. */
  @Override
  public void close() {
    team.close();
    for (MatrixProducts.Pass pass : passes) {
      pass.close();
    }
    products.close();
  }
}
