package org.wekamlp.core;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Products;

/**
 * The first layer's product for a block of rows given by their non-zero inputs ({@link Network.EntrySource}), as
 * one worker of a prediction computes it: the columns in which enough of the block's rows have an entry (at least
 * {@link WorkPlan#DENSE_COLUMN_SHARE} of them) go into one dense product with the matching rows of the weights, on
 * the backend; the entries of the other columns are added one weight row at a time. On rows with few non-zero
 * inputs (pixels: four in five are 0) this leaves most of the first layer's multiply-adds out. Used by one thread
 * at a time; its native memory is freed by {@link #close()}.
 */
final class SparseFirstLayer implements AutoCloseable {

  /** Room for this many entries per row at first (MNIST's digits have 150 on average); more when a block needs it. */
  private static final int INITIAL_ENTRIES_PER_ROW = 256;

  private final int fanIn;
  private final int fanOut;
  /** The rows of W[0], shared by all workers (read only). */
  private final double[][] weightRows;
  /** The weight rows of the block's dense columns, in their order; the products' copy of the weights. */
  private final DMatrixRMaj selectedWeights;
  private final Products products;
  /** The block's entries, row by row; grown when a block has more. */
  private int[] columns;
  private double[] values;
  /** The row of each entry of the columns outside the dense product, after {@link #splitEntries}. */
  private int[] sparseRow;
  private final int[] rowStart;
  private final int[] entriesPerColumn;
  /** Per input column, its place among the block's dense columns, or -1 when its entries are added one by one. */
  private final int[] denseColumn;
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
    int entries = capacity * Math.min(fanIn, INITIAL_ENTRIES_PER_ROW) + fanIn;
    columns = new int[entries];
    values = new double[entries];
    sparseRow = new int[entries];
    rowStart = new int[capacity + 1];
    entriesPerColumn = new int[fanIn];
    denseColumn = new int[fanIn];
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
   * out = X W[0] for rows {@code first .. first + count - 1} of the source.
   *
   * @param source the rows' non-zero inputs
   * @param first the block's first row
   * @param count the block's rows, at most the capacity
   * @param dense the block's dense inputs, reshaped to count x (dense columns): scratch. Modified.
   * @param out the product, reshaped to count x fan-out. Modified.
   */
  void multiply(Network.EntrySource source, int first, int count, DMatrixRMaj dense, DMatrixRMaj out) {
    int entries = readEntries(source, first, count);
    int selected = selectDenseColumns(count, entries);
    int sparse = splitEntries(count, selected, dense);
    if (selected > 0) {
      products.syncWeights(0, 0, 0, selected * fanOut);
      products.pass(0).forward(0, dense, out);
    } else {
      out.reshape(count, fanOut, false);
      Arrays.fill(out.data, 0, count * fanOut, 0.0);
    }
    addSparseEntries(sparse, out);
  }

  /**
   * Puts the entries of the dense columns into {@code dense} and moves the others to the front of the entry
   * buffers, in row order, with their rows in {@link #sparseRow}.
   *
   * @return the number of entries of the other columns
   */
  private int splitEntries(int count, int selected, DMatrixRMaj dense) {
    dense.reshape(count, selected, false);
    double[] x = dense.data;
    Arrays.fill(x, 0, count * selected, 0.0);
    int sparse = 0;
    for (int i = 0; i < count; i++) {
      int base = i * selected;
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        int column = columns[e];
        int place = denseColumn[column];
        if (place >= 0) {
          x[base + place] = values[e];
        } else { // e >= sparse: the entry moves forward or stays
          columns[sparse] = column;
          values[sparse] = values[e];
          sparseRow[sparse++] = i;
        }
      }
    }
    return sparse;
  }

  /** @return the number of entries of the block, row i's at rowStart[i] .. rowStart[i + 1] - 1 */
  private int readEntries(Network.EntrySource source, int first, int count) {
    int entries = 0;
    for (int i = 0; i < count; i++) {
      if (entries + fanIn > columns.length) {
        int grown = Math.max(2 * columns.length, entries + fanIn);
        columns = Arrays.copyOf(columns, grown);
        values = Arrays.copyOf(values, grown);
        sparseRow = new int[grown];
      }
      rowStart[i] = entries;
      entries += source.writeEntries(first + i, columns, values, entries);
    }
    rowStart[count] = entries;
    return entries;
  }

  /**
   * Chooses the dense columns of the block and copies their weight rows to the products' weights.
   *
   * @return the number of dense columns
   */
  private int selectDenseColumns(int count, int entries) {
    Arrays.fill(entriesPerColumn, 0);
    for (int e = 0; e < entries; e++) {
      entriesPerColumn[columns[e]]++;
    }
    double least = Math.max(1.0, count * WorkPlan.DENSE_COLUMN_SHARE);
    int selected = 0;
    for (int j = 0; j < fanIn; j++) {
      if (entriesPerColumn[j] >= least) {
        System.arraycopy(weightRows[j], 0, selectedWeights.data, selected * fanOut, fanOut);
        denseColumn[j] = selected++;
      } else {
        denseColumn[j] = -1;
      }
    }
    return selected;
  }

  /** Adds the entries of the other columns, value times weight row, summed per row before adding. */
  private void addSparseEntries(int sparse, DMatrixRMaj out) {
    double[] product = out.data;
    for (int e = 0; e < sparse;) {
      int row = sparseRow[e];
      Arrays.fill(sum, 0.0);
      for (; e < sparse && sparseRow[e] == row; e++) {
        double value = values[e];
        double[] weights = weightRows[columns[e]];
        for (int h = 0; h < weights.length; h++) {
          sum[h] += value * weights[h];
        }
      }
      int base = row * fanOut;
      for (int h = 0; h < fanOut; h++) {
        product[base + h] += sum[h];
      }
    }
  }

  @Override
  public void close() {
    products.close();
  }
}
