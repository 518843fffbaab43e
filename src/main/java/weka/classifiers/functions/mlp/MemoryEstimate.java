package weka.classifiers.functions.mlp;

import java.util.Locale;

import org.wekamlp.core.Solver;
import org.wekamlp.core.TrainingConfig;
import org.wekamlp.core.WorkPlan;
import org.wekamlp.core.backend.Precision;

/**
 * The Java heap a training run will need, estimated before anything large is allocated, so that a run
 * that cannot fit fails at once with advice instead of an OutOfMemoryError deep inside (or after minutes).
 */
final class MemoryEstimate {

  private static final double BYTES_PER_DOUBLE = 8.0;
  private static final double BYTES_PER_FLOAT = 4.0;
  private static final double GIB = 1024.0 * 1024.0 * 1024.0;
  private static final int LBFGS_MEMORY = 10;

  private final double dataBytes;
  private final double modelBytes;

  private MemoryEstimate(double dataBytes, double modelBytes) {
    this.dataBytes = dataBytes;
    this.modelBytes = modelBytes;
  }

  /**
   * @param rows training rows
   * @param layerSizes units per layer, inputs first
   * @param config the training settings (solver, threads, minibatch, early stopping)
   * @param products the precision of the products, which the encoded inputs are held in: 8 bytes per value in
   *     float64, 4 in float32
   * @return the estimate, in doubles counted as 8 bytes and floats as 4 (object headers ignored)
   */
  static MemoryEstimate of(int rows, int[] layerSizes, TrainingConfig config, Precision products) {
    double parameters = 0;
    double unitsPerRow = 0;
    for (int l = 0; l < layerSizes.length; l++) {
      unitsPerRow += layerSizes[l];
      if (l > 0) {
        parameters += ((double) layerSizes[l - 1] + 1) * layerSizes[l];
      }
    }
    int threads = WorkPlan.maxThreads(config.numThreads);
    // the encoded inputs, then the targets, the weights and class labels
    double inputBytes = products == Precision.FLOAT32 ? BYTES_PER_FLOAT : BYTES_PER_DOUBLE;
    double data = (double) rows * (layerSizes[0] * inputBytes
      + (layerSizes[layerSizes.length - 1] + 1.5) * BYTES_PER_DOUBLE);
    // parameters, the summed gradient, one gradient per thread (kept as a margin: the evaluator no longer holds
    // per-thread gradients), the optimizer's state, the best weights
    double copies = 2 + threads;
    if (config.solver == Solver.ADAM) {
      copies += 2;
    } else if (config.solver == Solver.SGD) {
      copies += 1;
    } else {
      copies += 2 * LBFGS_MEMORY + 7; // the pairs; point, gradient, direction, trial and best point and gradient
    }
    if (config.earlyStopping) {
      copies += 1;
    }
    // activations and deltas of every layer for the rows processed at once
    double rowsAtOnce = WorkPlan.rowsPerRound(config.solver, config.effectiveMiniBatchSize(rows), rows);
    double workspaces = 2 * rowsAtOnce * unitsPerRow;
    return new MemoryEstimate(data, (parameters * copies + workspaces) * BYTES_PER_DOUBLE);
  }

  /** @return estimated bytes of the training data (encoded inputs, targets, weights, labels) */
  double dataBytes() {
    return dataBytes;
  }

  /** @return estimated bytes */
  double total() {
    return dataBytes + modelBytes;
  }

  /**
   * @throws IllegalStateException when the estimate exceeds the heap that is free (after a garbage
   *     collection), with the figures and what to change
   */
  void requireAvailable() {
    if (total() <= free()) {
      return;
    }
    System.gc(); // what looks used may be garbage: look again before refusing
    double free = free();
    if (total() > free) {
      throw new IllegalStateException(String.format(Locale.ROOT, "Training needs about %.2f GB of Java heap "
        + "(encoded data %.2f GB, network, gradients and optimizer state %.2f GB), but only %.2f GB is free. "
        + "Give Java more memory (for example -Xmx%dg), or use fewer or smaller hidden layers, or fewer "
        + "instances or attributes.", total() / GIB, dataBytes / GIB, modelBytes / GIB, free / GIB,
        (long) Math.ceil((total() + used()) / GIB) + 1));
    }
  }

  private static double free() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.maxMemory() - used();
  }

  private static double used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
