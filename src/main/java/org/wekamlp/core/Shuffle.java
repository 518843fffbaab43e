package org.wekamlp.core;

import java.util.Random;

/** The Fisher-Yates shuffle of row indices that the validation split and each epoch's minibatches use. */
final class Shuffle {

  private Shuffle() {
  }

  /**
   * Puts the values in a uniformly random order (Durstenfeld's in-place form, from the last position down).
   *
   * @param values the values to reorder. Modified.
   * @param random the source of randomness. Modified (advanced).
   */
  static void inPlace(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }
}
