package org.wekamlp.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;

/**
 * Computes the training loss and its gradient over a set of rows: the weighted data loss plus the L2
 * penalty {@code 0.5 * alpha * ||W||^2 / rows} on the weights (not the biases), as scikit-learn defines
 * it. The rows are split into one contiguous chunk per thread; each chunk runs the full forward and
 * backward pass on its own {@link Workspace}, and the chunk gradients are summed in chunk order, so a
 * given thread count always gives bit-identical results.
 *
 * <p>Owns a thread pool when more than one thread is used: {@link #close()} shuts it down.
 */
public final class GradientEvaluator implements AutoCloseable {

  /** Below this many rows per chunk, extra threads cost more than they save. */
  private static final int MIN_ROWS_PER_CHUNK = 16;

  private final Network network;
  private final MatrixMultiply multiply;
  private final Workspace[] workspaces;
  private final List<Callable<Void>> tasks = new ArrayList<>();
  private final ExecutorService pool;
  private final int chunkCapacity;

  // the rows of the current call, read by the chunk tasks
  private TrainingData data;
  private int[] rows;
  private double weightTotal;
  private final int[] chunkFrom;
  private final int[] chunkTo;

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
    this.multiply = multiply;
    int threads = Math.max(1, Math.min(numThreads, maxRowsPerCall / MIN_ROWS_PER_CHUNK));
    chunkCapacity = (maxRowsPerCall + threads - 1) / threads;
    workspaces = new Workspace[threads];
    chunkFrom = new int[threads];
    chunkTo = new int[threads];
    for (int t = 0; t < threads; t++) {
      workspaces[t] = new Workspace(network, chunkCapacity, true);
      final int chunk = t;
      tasks.add(() -> {
        runChunk(chunk);
        return null;
      });
    }
    pool = threads > 1 ? Executors.newFixedThreadPool(threads, new WorkerThreadFactory()) : null;
  }

  /** @return the number of threads actually used (fewer than requested for tiny minibatches) */
  public int numThreads() {
    return workspaces.length;
  }

  /**
   * Loss and gradient over {@code rows[from..to)}: each row's loss scaled by its weight over
   * {@code weightTotal}, plus {@code 0.5 * alpha * ||W||^2 / (to - from)}.
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
    this.data = data;
    this.rows = rowIndices;
    this.weightTotal = weightTotal;
    gradient.zero();
    double loss = 0.0;
    int roundSize = chunkCapacity * workspaces.length;
    for (int start = from; start < to; start += roundSize) {
      int end = Math.min(to, start + roundSize);
      int active = planChunks(start, end);
      runChunks(active);
      for (int t = 0; t < active; t++) {
        loss += workspaces[t].loss();
        gradient.add(workspaces[t].gradient());
      }
    }
    this.data = null;
    this.rows = null;
    return loss + addPenalty(alpha, to - from, gradient);
  }

  /** Adds the L2 penalty's gradient {@code alpha * W / rows} and returns the penalty. */
  private double addPenalty(double alpha, int rowCount, Gradient gradient) {
    if (alpha == 0.0) {
      return 0.0;
    }
    double factor = alpha / rowCount;
    for (int l = 0; l < network.numLayers(); l++) {
      double[] w = network.weights(l).data;
      double[] g = gradient.weights(l).data;
      for (int i = 0; i < w.length; i++) {
        g[i] += factor * w[i];
      }
    }
    return 0.5 * factor * network.squaredWeightNorm();
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
    int roundSize = chunkCapacity;
    Workspace workspace = workspaces[0];
    int d = inputs.numCols;
    int k = network.numOutputs();
    for (int start = from; start < to; start += roundSize) {
      int end = Math.min(to, start + roundSize);
      workspace.setRows(end - start);
      double[] in = workspace.input().data;
      for (int j = start; j < end; j++) {
        System.arraycopy(inputs.data, rowIndices[j] * d, in, (j - start) * d, d);
      }
      Backpropagation.forward(network, workspace, multiply);
      System.arraycopy(workspace.output().data, 0, outputs.data, (start - from) * k, (end - start) * k);
    }
  }

  private int planChunks(int start, int end) {
    int n = end - start;
    int active = Math.max(1, Math.min(workspaces.length, n / MIN_ROWS_PER_CHUNK));
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

  private void runChunks(int active) {
    if (Thread.currentThread().isInterrupted()) {
      throw new TrainingInterruptedException();
    }
    if (active == 1 || pool == null) {
      for (int t = 0; t < active; t++) {
        runChunk(t);
      }
      return;
    }
    try {
      List<Future<Void>> futures = pool.invokeAll(tasks.subList(0, active));
      for (Future<Void> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingInterruptedException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void runChunk(int chunk) {
    Workspace workspace = workspaces[chunk];
    int from = chunkFrom[chunk];
    int to = chunkTo[chunk];
    workspace.setRows(to - from);
    DMatrixRMaj inputs = data.inputs();
    DMatrixRMaj targets = data.targets();
    double[] weights = data.weights();
    int d = inputs.numCols;
    int k = targets.numCols;
    double[] in = workspace.input().data;
    double[] target = workspace.target().data;
    double[] scale = workspace.rowScale();
    for (int j = from; j < to; j++) {
      int row = rows[j];
      int local = j - from;
      System.arraycopy(inputs.data, row * d, in, local * d, d);
      System.arraycopy(targets.data, row * k, target, local * k, k);
      scale[local] = weights[row] / weightTotal;
    }
    workspace.setLoss(Backpropagation.lossAndGradient(network, workspace, multiply));
  }

  /** Shuts the worker threads down; the evaluator cannot be used afterwards. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static final class WorkerThreadFactory implements ThreadFactory {
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "mlp-worker-" + COUNT.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
