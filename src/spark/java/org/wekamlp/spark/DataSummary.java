package org.wekamlp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import weka.classifiers.functions.mlp.EncoderStatistics;
import weka.classifiers.functions.mlp.NumericStatistics;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * What one distributed pass learns about the training rows, merged over the partitions: the encoder's statistics of
 * the usable rows (a known class, a positive weight), the statistics of a numeric class (for the regressor's target
 * scaling), the row count and total weight, and the first bad line in file order.
 */
final class DataSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  EncoderStatistics statistics;
  /** Statistics of the class values of the usable rows; null for a nominal class. */
  NumericStatistics classStatistics;
  long rows;
  double weight;
  /** The first bad line (smallest file name, then offset), null when every line was read. */
  ParsedRow firstBad;

  /**
   * The summary of one partition.
   *
   * @param header the header, class set. Not modified.
   * @param rows the partition's rows. Not modified.
   * @return a one-element iterator with the summary
   */
  static Iterator<DataSummary> ofPartition(Instances header, Iterator<ParsedRow> rows) {
    Instances usable = new Instances(header, 0);
    List<Double> classValues = new ArrayList<>();
    DataSummary summary = new DataSummary();
    int classIndex = header.classIndex();
    while (rows.hasNext()) {
      ParsedRow row = rows.next();
      if (row.isBad()) {
        summary.firstBad = earlier(summary.firstBad, row);
      } else if (isUsable(row, classIndex)) {
        usable.add(new DenseInstance(row.weight, row.values));
        classValues.add(row.values[classIndex]);
        summary.rows++;
        summary.weight += row.weight;
      }
    }
    summary.statistics = EncoderStatistics.of(usable);
    if (header.classAttribute().isNumeric()) {
      double[] y = new double[classValues.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = classValues.get(i);
      }
      summary.classStatistics = NumericStatistics.of(y);
    }
    List<DataSummary> one = new ArrayList<>();
    one.add(summary);
    return one.iterator();
  }

  /** @return whether training uses the row: a known class and a positive weight */
  static boolean isUsable(ParsedRow row, int classIndex) {
    return !row.isBad() && !Double.isNaN(row.values[classIndex]) && row.weight > 0.0;
  }

  /**
   * @param other the summary of other partitions. Not modified.
   * @return the summary of both; neither is modified
   */
  DataSummary merge(DataSummary other) {
    DataSummary merged = new DataSummary();
    merged.statistics = statistics.merge(other.statistics);
    merged.classStatistics = classStatistics == null ? null : classStatistics.merge(other.classStatistics);
    merged.rows = rows + other.rows;
    merged.weight = weight + other.weight;
    merged.firstBad = earlier(firstBad, other.firstBad);
    return merged;
  }

  private static ParsedRow earlier(ParsedRow a, ParsedRow b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    int byFile = a.file.compareTo(b.file);
    return byFile < 0 || (byFile == 0 && a.offset <= b.offset) ? a : b;
  }
}
