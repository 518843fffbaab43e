package org.wekamlp.core.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the {@link Products} of every backend share: the layer sizes, the passes by index, and the edge cases of
 * {@link #weightGradient} (an empty range of weight rows; a round without rows, whose gradient is 0), so that a
 * backend computes only real sums ({@link #gradientRows}).
 *
 * @param <P> the backend's pass
 */
abstract class ProductsBase<P extends Products.Pass> implements Products {

  /** Units per layer, inputs first. */
  final int[] sizes;
  /** The passes by index: the subclass's constructor adds them. */
  final List<P> passes;

  /**
   * @param layerSizes units per layer, inputs first. Not modified.
   * @param passCount the number of passes the subclass will add
   */
  ProductsBase(int[] layerSizes, int passCount) {
    this.sizes = layerSizes.clone();
    this.passes = new ArrayList<>(passCount);
  }

  @Override
  public final Pass pass(int index) {
    return passes.get(index);
  }

  @Override
  public final void weightGradient(int worker, int layer, int fromRow, int toRow, int rows, boolean add,
    double[] destination) {
    int fanOut = sizes[layer + 1];
    int count = (toRow - fromRow) * fanOut;
    if (count <= 0) {
      return;
    }
    if (rows == 0) {
      if (!add) {
        int first = fromRow * fanOut;
        Arrays.fill(destination, first, first + count, 0.0);
      }
      return;
    }
    gradientRows(worker, layer, fromRow, toRow, rows, add, destination);
  }

  /**
   * {@link #weightGradient} on at least one weight row, over at least one row of the round.
   *
   * @param worker the calling worker, 0 to workers - 1
   * @param layer weight layer
   * @param fromRow first row of {@code W[layer]}
   * @param toRow one past the last row, above fromRow
   * @param rows rows of the round, at least 1
   * @param add whether to add to {@code destination} instead of overwriting it
   * @param destination receives the elements {@code [fromRow * fanOut, toRow * fanOut)}. Modified.
   */
  abstract void gradientRows(int worker, int layer, int fromRow, int toRow, int rows, boolean add,
    double[] destination);
}
