package org.wekamlp.spark;

import java.io.Serializable;

/**
 * Which rows of the cached blocks a step reads, decided from each row's id alone, so that every partition decides
 * for its own rows without talking to the others: a fixed random fraction of the rows is the validation split (with
 * early stopping), and each epoch spreads the other rows at random over its minibatches (a new spread per epoch, or
 * the same one every epoch without shuffling). A row's draw is a hash of the seed, the epoch and its id.
 */
final class RowSelection implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What a pass reads. */
  enum Kind {
    /** Every training row (lbfgs, and counting). */
    TRAINING,
    /** The training rows of one minibatch. */
    MINIBATCH,
    /** The validation rows. */
    VALIDATION
  }

  final Kind kind;
  private final long seed;
  private final double validationFraction;
  private final long epoch;
  private final int batch;
  private final int numBatches;

  private RowSelection(Kind kind, long seed, double validationFraction, long epoch, int batch, int numBatches) {
    this.kind = kind;
    this.seed = seed;
    this.validationFraction = validationFraction;
    this.epoch = epoch;
    this.batch = batch;
    this.numBatches = numBatches;
  }

  /**
   * @param seed the run's seed
   * @param validationFraction the fraction held out for validation, 0 without early stopping
   * @return every training row
   */
  static RowSelection training(long seed, double validationFraction) {
    return new RowSelection(Kind.TRAINING, seed, validationFraction, 0, 0, 1);
  }

  /** @return the validation rows of the same split */
  RowSelection validation() {
    return new RowSelection(Kind.VALIDATION, seed, validationFraction, 0, 0, 1);
  }

  /**
   * @param epochDraw which spread of the rows over the minibatches (the epoch, or 0 every epoch without shuffling)
   * @param index the minibatch, from 0
   * @param count minibatches per epoch
   * @return the training rows of that minibatch
   */
  RowSelection minibatch(long epochDraw, int index, int count) {
    return new RowSelection(Kind.MINIBATCH, seed, validationFraction, epochDraw, index, count);
  }

  /**
   * @param block the block. Not modified.
   * @param selected receives the indices of the selected rows. Modified.
   * @return how many rows were selected
   */
  int select(EncodedBlock block, int[] selected) {
    int count = 0;
    long[] ids = block.ids;
    for (int r = 0; r < ids.length; r++) {
      boolean validation = validationFraction > 0.0 && uniform(seed, -1L, ids[r]) < validationFraction;
      boolean chosen;
      if (kind == Kind.VALIDATION) {
        chosen = validation;
      } else if (kind == Kind.TRAINING) {
        chosen = !validation;
      } else {
        chosen = !validation && (int) (uniform(seed, epoch, ids[r]) * numBatches) == batch;
      }
      if (chosen) {
        selected[count++] = r;
      }
    }
    return count;
  }

  /** @return a uniform number in [0, 1) from the seed, the epoch and the id (SplitMix64's finaliser) */
  static double uniform(long seed, long epoch, long id) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + id;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
