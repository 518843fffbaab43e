package org.wekamlp.spark;

import java.io.Serializable;

import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.BlockGradient;
import org.wekamlp.core.Network;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;

/**
 * The sums one pass over the cached blocks returns to the driver through {@code treeAggregate}: for training rows
 * the weighted loss {@code sum w_i * loss_i}, the weighted gradient {@code sum w_i * grad_i} (flat), the total weight
 * and the row count; for validation rows the sums the validation score is made of (weighted correct predictions,
 * or the weighted sums of the targets, their squares and the squared errors). The driver divides by the weight
 * and adds the penalty. Each task builds its network and buffers on its first block and reuses them.
 */
final class StepSum implements Serializable {

  private static final long serialVersionUID = 1L;

  double[] gradient;
  double loss;
  double weight;
  long rows;
  /** Validation: {correct weight} for classes; {sum w, sum w*y, sum w*y^2, sum w*(y - output)^2} for regression. */
  final double[] score = new double[4];

  /** The network and buffers of the executor thread, kept from step to step while the network's shape stays. */
  private static final ThreadLocal<Worker> WORKERS = new ThreadLocal<>();

  private transient Worker worker;

  /** An executor thread's network, gradient evaluator and row buffers. */
  private static final class Worker {

    final StepRequest shape;
    final Network network;
    final BlockGradient gradient;
    final int[] selected = new int[EncodedBlock.ROWS];
    final DMatrixRMaj outputs;

    Worker(StepRequest request) {
      shape = request;
      network = request.network();
      Backend backend = Backends.selected(request.precision);
      if (backend.precision() != request.precision) {
        throw new IllegalStateException("-precision " + request.precision.optionName() + ": single-precision "
          + "products need OpenBLAS, which did not load on this executor (" + Backends.openBlasProblem() + "); "
          + "train with -precision float64, or install the native library on every executor");
      }
      gradient = new BlockGradient(network, 1024, backend);
      outputs = new DMatrixRMaj(EncodedBlock.ROWS, network.numOutputs());
    }
  }

  /** @return the thread's worker for the request's network shape, its parameters set to the request's */
  private static Worker worker(StepRequest request) {
    Worker current = WORKERS.get();
    if (current == null || !current.shape.sameShape(request)) {
      if (current != null) {
        current.gradient.close();
      }
      current = new Worker(request);
      WORKERS.set(current);
    } else {
      request.copyParametersTo(current.network);
    }
    return current;
  }

  /**
   * Adds one block's rows (of the request's selection) to the sums; the seqOp of the aggregation.
   *
   * @param block the block. Not modified.
   * @param request the broadcast request
   * @return this, the sums now including the block
   */
  StepSum add(EncodedBlock block, Broadcast<StepRequest> request) {
    StepRequest step = request.value();
    if (worker == null) {
      worker = worker(step);
    }
    int[] selected = worker.selected;
    int count = step.selection.select(block, selected);
    for (int j = 0; j < count; j++) {
      weight += block.weights[selected[j]];
    }
    rows += count;
    if (step.selection.kind == RowSelection.Kind.VALIDATION) {
      addScore(block, count);
    } else {
      if (gradient == null) {
        gradient = new double[step.numParameters()];
      }
      loss += worker.gradient.addLossAndGradient(block.data(), selected, count, gradient);
    }
    return this;
  }

  private void addScore(EncodedBlock block, int count) {
    int[] selected = worker.selected;
    DMatrixRMaj outputs = worker.outputs;
    worker.gradient.predict(block.data(), selected, count, outputs);
    int k = block.numOutputs;
    for (int j = 0; j < count; j++) {
      int r = selected[j];
      double w = block.weights[r];
      if (block.labels != null) {
        int best = 0;
        for (int c = 1; c < k; c++) {
          best = outputs.data[j * k + c] > outputs.data[j * k + best] ? c : best;
        }
        score[0] += best == block.labels[r] ? w : 0.0;
      } else {
        double y = block.targets[r];
        double e = y - outputs.data[j];
        score[0] += w;
        score[1] += w * y;
        score[2] += w * y * y;
        score[3] += w * e * e;
      }
    }
  }

  /**
   * Adds the sums of other partitions; the combOp of the aggregation.
   *
   * @param other the other sums. Not modified.
   * @return this, now including other
   */
  StepSum merge(StepSum other) {
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient.clone();
      } else {
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] += other.gradient[i];
        }
      }
    }
    loss += other.loss;
    weight += other.weight;
    rows += other.rows;
    for (int i = 0; i < score.length; i++) {
      score[i] += other.score[i];
    }
    return this;
  }

  /**
   * @param classification true for accuracy, false for R^2
   * @return the weighted validation accuracy, or R^2 of the validation rows
   */
  double validationScore(boolean classification) {
    if (classification) {
      return score[0] / weight;
    }
    double total = score[2] - score[1] * score[1] / score[0];
    return total > 0.0 ? 1.0 - score[3] / total : (score[3] == 0.0 ? 1.0 : 0.0);
  }
}
