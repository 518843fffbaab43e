package org.wekamlp.core;

import java.util.Random;

/** Splits row indices into training and validation parts, stratified by class when labels are given. */
final class ValidationSplit {

  private ValidationSplit() {
  }

  /**
   * Splits some rows of the data (those of positive weight).
   *
   * @param rows indices of the rows to split. Not modified.
   * @param labels class per row of the data (indexed by row, not by position in rows) for a stratified split, or
   *     null. Not modified.
   * @param fraction fraction of the rows to hold out, in (0, 1)
   * @param random shuffles the rows. Modified (advanced).
   * @return {training rows, validation rows}, each a subset of rows in their order
   * @throws IllegalArgumentException when either part would be empty
   */
  static int[][] split(int[] rows, int[] labels, double fraction, Random random) {
    int[] labelOfPosition = null;
    if (labels != null) {
      labelOfPosition = new int[rows.length];
      for (int p = 0; p < rows.length; p++) {
        labelOfPosition[p] = labels[rows[p]];
      }
    }
    int[][] split = split(rows.length, labelOfPosition, fraction, random);
    for (int[] part : split) {
      for (int i = 0; i < part.length; i++) {
        part[i] = rows[part[i]];
      }
    }
    return split;
  }

  /**
   * @param rows number of rows
   * @param labels class per row for a stratified split, or null
   * @param fraction fraction of rows to hold out, in (0, 1)
   * @param random shuffles the rows. Modified (advanced).
   * @return {training rows, validation rows}
   * @throws InvalidSettingException when either part would be empty
   */
  static int[][] split(int rows, int[] labels, double fraction, Random random) {
    int validationSize = (int) Math.ceil(fraction * rows);
    if (validationSize < 1 || rows - validationSize < 1) {
      throw new InvalidSettingException("{earlyStopping} needs at least 2 training instances to hold out "
        + "a validation split of {validationFraction} " + fraction + "; got " + rows
        + ". Turn early stopping off or use more data.");
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Shuffle.inPlace(order, random);
    boolean[] toValidation = new boolean[rows];
    if (labels == null) {
      for (int i = 0; i < validationSize; i++) {
        toValidation[order[i]] = true;
      }
    } else {
      markStratified(order, labels, validationSize, toValidation);
    }
    int[] train = new int[rows - validationSize];
    int[] validation = new int[validationSize];
    int t = 0;
    int v = 0;
    for (int i = 0; i < rows; i++) {
      if (toValidation[i]) {
        validation[v++] = i;
      } else {
        train[t++] = i;
      }
    }
    return new int[][] {train, validation};
  }

  /**
   * Gives each class its proportional share of the validation rows (largest remainders get the rounding),
   * taking rows of that class in shuffled order.
   */
  private static void markStratified(int[] order, int[] labels, int validationSize, boolean[] toValidation) {
    int classes = 0;
    for (int label : labels) {
      classes = Math.max(classes, label + 1);
    }
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    int rows = labels.length;
    int[] quota = new int[classes];
    double[] remainder = new double[classes];
    int assigned = 0;
    for (int c = 0; c < classes; c++) {
      double exact = (double) validationSize * counts[c] / rows;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    while (assigned < validationSize) {
      int best = -1;
      for (int c = 0; c < classes; c++) {
        if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1.0;
      assigned++;
    }
    for (int i : order) {
      int c = labels[i];
      if (quota[c] > 0) {
        toValidation[i] = true;
        quota[c]--;
      }
    }
  }
}
