package org.wekamlp.spark;

import java.io.Serializable;

/**
 * One data line of the training files as values in Weka's internal form (NaN for missing, nominal and date values as
 * Weka stores them), with its instance weight; or, for a line that could not be read, where it is and what is wrong.
 */
final class ParsedRow implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The attribute values, null for a bad line. */
  final double[] values;
  final double weight;
  /** The file and byte offset of the line, so that a bad line can be named by its file and line number. */
  final String file;
  final long offset;
  /** What is wrong with the line, null for a good one. */
  final String problem;

  private ParsedRow(double[] values, double weight, String file, long offset, String problem) {
    this.values = values;
    this.weight = weight;
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  static ParsedRow good(double[] values, double weight, String file, long offset) {
    return new ParsedRow(values, weight, file, offset, null);
  }

  static ParsedRow bad(String problem, String file, long offset) {
    return new ParsedRow(null, 0.0, file, offset, problem);
  }

  boolean isBad() {
    return problem != null;
  }
}
