package org.wekamlp.core;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Products;

/**
 * The first layer's product for a block of rows with many zeros, as one worker of a prediction computes it. The
 * columns that are not 0 in enough of the block's first rows (at least {@link WorkPlan#DENSE_COLUMN_SHARE} of
 * {@link WorkPlan#COLUMN_SAMPLE_ROWS}) go into one dense product with the matching rows of the weights, on the
 * backend; the non-zero values of the other columns are added one weight row at a time. On MNIST's test digits
 * (pixels, four in five 0) blocks of 512 rows then multiply 60 % of the first layer's columns and add 1.3 % of the
 * non-zero values on their own. Where the left-out columns do not pay for gathering the others
 * ({@link WorkPlan#COMPACTION_COST}), the block is multiplied whole. Used by one thread at a time; its native memory
 * is freed by {@link #close()}.
 */
final class SparseFirstLayer implements AutoCloseable {

  private final int fanIn;
  private final int fanOut;
  /** The rows of W[0], shared by all workers (read only). */
  private final double[][] weightRows;
  /** The weight rows of the block's dense columns, in their order; the products' copy of the weights. */
  private final DMatrixRMaj selectedWeights;
  private final Products products;
  /** The block's values in its dense columns. */
  private final DMatrixRMaj selectedInputs;
  private final int[] nonZeros;
  private final int[] selected;
  private final int[] others;
  private final double[] sum;

  /**
   * @param weightRows the rows of the first layer's weights W[0] (fan-in rows of fan-out). Not modified.
   * @param backend matrix-product backend
   * @param capacity the most rows of a block
   */
  SparseFirstLayer(double[][] weightRows, Backend backend, int capacity) {
    this.weightRows = weightRows;
    fanIn = weightRows.length;
    fanOut = fanIn == 0 ? 0 : weightRows[0].length;
    selectedWeights = new DMatrixRMaj(fanIn, fanOut);
    products = backend.products(new int[] {fanIn, fanOut}, new DMatrixRMaj[] {selectedWeights}, 1, capacity, 1);
    selectedInputs = new DMatrixRMaj(capacity, fanIn);
    nonZeros = new int[fanIn];
    selected = new int[fanIn];
    others = new int[fanIn];
    sum = new double[fanOut];
  }

  /**
   * @param network the network. Not modified.
   * @return the rows of its first layer's weights, one array each (a copy)
   */
  static double[][] weightRows(Network network) {
    DMatrixRMaj w = network.weights(0);
    double[][] rows = new double[w.numRows][];
    for (int j = 0; j < rows.length; j++) {
      rows[j] = Arrays.copyOfRange(w.data, j * w.numCols, (j + 1) * w.numCols);
    }
    return rows;
  }

  /**
   * out = X W[0].
   *
   * @param inputs the block's rows X (rows x fan-in). Not modified.
   * @param whole the products of the whole network, used when the block is multiplied whole
   * @param out the product, reshaped to rows x fan-out. Modified.
   */
  void multiply(DMatrixRMaj inputs, Products.Pass whole, DMatrixRMaj out) {
    int rows = inputs.numRows;
    int dense = selectColumns(inputs);
    int leftOut = fanIn - dense;
    if ((long) leftOut * fanOut < WorkPlan.COMPACTION_COST * fanIn) {
      whole.forward(0, inputs, out);
      return;
    }
    if (dense > 0) {
      gatherSelected(inputs, dense);
      selectWeights(dense);
      products.syncWeights(0, 0, 0, dense * fanOut);
      products.pass(0).forward(0, selectedInputs, out);
    } else {
      out.reshape(rows, fanOut, false);
      Arrays.fill(out.data, 0, rows * fanOut, 0.0);
    }
    addOtherColumns(inputs, leftOut, out);
  }

  /**
   * Counts the non-zero values per column and lists the dense columns (copying their weight rows to the products'
   * weights) and the others.
   *
   * @return the number of dense columns
   */
  private int selectColumns(DMatrixRMaj inputs) {
    Arrays.fill(nonZeros, 0);
    double[] x = inputs.data;
    // the first rows of the block stand for it: a column they miss is still right, only added one value at a time
    int sample = Math.min(inputs.numRows, WorkPlan.COLUMN_SAMPLE_ROWS);
    for (int i = 0, base = 0; i < sample; i++, base += fanIn) {
      for (int j = 0; j < fanIn; j++) {
        nonZeros[j] += x[base + j] != 0.0 ? 1 : 0;
      }
    }
    double least = Math.max(1.0, sample * WorkPlan.DENSE_COLUMN_SHARE);
    int dense = 0;
    int other = 0;
    for (int j = 0; j < fanIn; j++) {
      if (nonZeros[j] >= least) {
        selected[dense++] = j;
      } else {
        others[other++] = j;
      }
    }
    return dense;
  }

  private void selectWeights(int dense) {
    for (int p = 0; p < dense; p++) {
      System.arraycopy(weightRows[selected[p]], 0, selectedWeights.data, p * fanOut, fanOut);
    }
  }

  private void gatherSelected(DMatrixRMaj inputs, int dense) {
    int rows = inputs.numRows;
    selectedInputs.reshape(rows, dense, false);
    double[] x = inputs.data;
    double[] destination = selectedInputs.data;
    for (int i = 0; i < rows; i++) {
      int from = i * fanIn;
      int to = i * dense;
      for (int p = 0; p < dense; p++) {
        destination[to + p] = x[from + selected[p]];
      }
    }
  }

  /** Adds the non-zero values of the other columns, value times weight row, summed per row before adding. */
  private void addOtherColumns(DMatrixRMaj inputs, int leftOut, DMatrixRMaj out) {
    double[] x = inputs.data;
    double[] product = out.data;
    for (int i = 0; i < inputs.numRows; i++) {
      int from = i * fanIn;
      boolean any = false;
      for (int k = 0; k < leftOut; k++) {
        double value = x[from + others[k]];
        if (value == 0.0) {
          continue;
        }
        if (!any) {
          Arrays.fill(sum, 0.0);
          any = true;
        }
        double[] weights = weightRows[others[k]];
        for (int h = 0; h < weights.length; h++) {
          sum[h] += value * weights[h];
        }
      }
      if (any) {
        int base = i * fanOut;
        for (int h = 0; h < fanOut; h++) {
          product[base + h] += sum[h];
        }
      }
    }
  }

  @Override
  public void close() {
    products.close();
  }
}
