package org.wekamlp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

import org.wekamlp.core.TrainingData;
import weka.classifiers.functions.mlp.InstancesEncoder;
import weka.classifiers.functions.mlp.TargetScaling;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Up to {@link #ROWS} encoded training rows packed in flat arrays, the unit Spark caches once and every step reads:
 * the encoded inputs, the network's targets (one-hot classes, or the scaled target), the instance weights, the class
 * labels and a row id unique in the data set (partition index and position), from which the steps draw their
 * minibatches and the validation split.
 */
final class EncodedBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per block: large enough for efficient products, small enough to stay a modest Java object. */
  static final int ROWS = 4096;

  final long[] ids;
  /** The encoded inputs, row by row: in float64, or null when the block holds them in float32. */
  final double[] inputs;
  /** The encoded inputs in float32 (for float32 products: half the memory), or null. */
  final float[] floatInputs;
  final double[] targets;
  final double[] weights;
  /** The class index of each row, null for regression. */
  final int[] labels;
  final int numInputs;
  final int numOutputs;
  private transient TrainingData view;

  private EncodedBlock(int rows, int numInputs, int numOutputs, boolean classification, boolean float32) {
    ids = new long[rows];
    inputs = float32 ? null : new double[rows * numInputs];
    floatInputs = float32 ? new float[rows * numInputs] : null;
    targets = new double[rows * numOutputs];
    weights = new double[rows];
    labels = classification ? new int[rows] : null;
    this.numInputs = numInputs;
    this.numOutputs = numOutputs;
  }

  /** @return the number of rows */
  int numRows() {
    return ids.length;
  }

  /** @return the block as the core's training data (the arrays are shared, not copied) */
  TrainingData data() {
    if (view == null) {
      DMatrixRMaj y = DMatrixRMaj.wrap(numRows(), numOutputs, targets);
      view = floatInputs != null ? new TrainingData(FMatrixRMaj.wrap(numRows(), numInputs, floatInputs), y, weights,
        labels) : new TrainingData(DMatrixRMaj.wrap(numRows(), numInputs, inputs), y, weights, labels);
    }
    return view;
  }

  /** @return the bytes of the packed arrays */
  long bytes() {
    return 8L * (ids.length + targets.length + weights.length) + (inputs != null ? 8L * inputs.length
      : 4L * floatInputs.length) + (labels == null ? 0 : 4L * labels.length);
  }

  /**
   * Encodes the usable rows of one partition into blocks.
   *
   * @param partition the partition's index, the high part of the row ids
   * @param rows the partition's rows. Not modified.
   * @param header the training header, class set. Not modified.
   * @param encoder the fitted encoder
   * @param scaling the regressor's target scaling, null for classification
   * @param float32 whether to keep the encoded inputs in float32 (for float32 products)
   * @return the blocks
   */
  static Iterator<EncodedBlock> encode(int partition, Iterator<ParsedRow> rows, Instances header,
    InstancesEncoder encoder, TargetScaling scaling, boolean float32) {
    int classIndex = header.classIndex();
    int outputs = scaling == null ? header.classAttribute().numValues() : 1;
    List<EncodedBlock> blocks = new ArrayList<>();
    List<ParsedRow> pending = new ArrayList<>(ROWS);
    long position = 0;
    while (rows.hasNext()) {
      ParsedRow row = rows.next();
      if (DataSummary.isUsable(row, classIndex)) {
        pending.add(row);
      }
      if (pending.size() == ROWS || (!rows.hasNext() && !pending.isEmpty())) {
        EncodedBlock block = new EncodedBlock(pending.size(), encoder.numColumns(), outputs, scaling == null,
          float32);
        block.fill(pending, ((long) partition << 32) + position, header, encoder, scaling);
        position += pending.size();
        blocks.add(block);
        pending.clear();
      }
    }
    return blocks.iterator();
  }

  private void fill(List<ParsedRow> rows, long firstId, Instances header, InstancesEncoder encoder,
    TargetScaling scaling) {
    int classIndex = header.classIndex();
    double[] encoded = floatInputs == null ? null : new double[numInputs];
    for (int r = 0; r < rows.size(); r++) {
      ParsedRow row = rows.get(r);
      DenseInstance instance = new DenseInstance(row.weight, row.values);
      instance.setDataset(header);
      if (floatInputs == null) {
        encoder.encode(instance, inputs, r * numInputs);
      } else {
        encoder.encode(instance, encoded, 0);
        for (int c = 0; c < numInputs; c++) {
          floatInputs[r * numInputs + c] = (float) encoded[c];
        }
      }
      ids[r] = firstId + r;
      weights[r] = row.weight;
      double y = row.values[classIndex];
      if (scaling == null) {
        labels[r] = (int) y;
        targets[r * numOutputs + (int) y] = 1.0;
      } else {
        targets[r] = scaling.scaled(y);
      }
    }
  }
}
