package org.wekamlp.integration.tools;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Range;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.ResultMatrixPlainText;

/**
 * Prints the Experimenter's significance tables for an experiment's results: the corrected resampled
 * paired t-test (Nadeau and Bengio), significance 0.05, with the first scheme of the setup as the base,
 * configured as the Experimenter's Analyse panel does by default (rows = Key_Dataset, result sets =
 * Key_Scheme + Key_Scheme_options + Key_Scheme_version_ID, Key_Run, Key_Fold).
 *
 * <p>{@code java ... org.wekamlp.integration.tools.SignificanceTables results.arff Percent_correct Weighted_avg_area_under_ROC}
 */
public final class SignificanceTables {

  /** The Experimenter's default significance level. */
  public static final double SIGNIFICANCE = 0.05;

  private SignificanceTables() {
  }

  /**
   * One significance table, as the Experimenter's "Perform test" prints it (plain text).
   *
   * @param results rows of an experiment (one per run, fold, data set and scheme)
   * @param metric the name of the numeric result column to compare, e.g. {@code Percent_correct}
   * @return the tester's header followed by the table and its key
   * @throws Exception if a column is missing or the tester fails
   */
  public static String table(Instances results, String metric) throws Exception {
    PairedCorrectedTTester tester = new PairedCorrectedTTester();
    tester.setInstances(results);
    tester.setDatasetKeyColumns(columns(results, "Key_Dataset"));
    tester.setResultsetKeyColumns(columns(results, "Key_Scheme", "Key_Scheme_options", "Key_Scheme_version_ID"));
    tester.setRunColumn(column(results, "Key_Run").index());
    tester.setFoldColumn(column(results, "Key_Fold").index());
    tester.setSignificanceLevel(SIGNIFICANCE);
    tester.setShowStdDevs(true);
    ResultMatrixPlainText matrix = new ResultMatrixPlainText();
    matrix.setShowStdDev(true);
    if (metric.equals("Expected_calibration_error")) {
      // values of a few hundredths: two decimals (the Experimenter's default) would hide the differences
      matrix.setMeanPrec(4);
      matrix.setStdDevPrec(4);
    }
    tester.setResultMatrix(matrix);
    int compared = column(results, metric).index();
    return tester.header(compared) + tester.multiResultsetFull(0, compared);
  }

  /**
   * Prints one table per metric.
   *
   * @param results rows of an experiment
   * @param metrics names of result columns
   * @throws Exception if a table cannot be computed
   */
  public static void print(Instances results, List<String> metrics) throws Exception {
    System.out.print(tables(results, metrics));
  }

  /**
   * The tables {@link #print} prints.
   *
   * @param results rows of an experiment
   * @param metrics names of result columns
   * @return one titled table per metric
   * @throws Exception if a table cannot be computed
   */
  public static String tables(Instances results, List<String> metrics) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String metric : metrics) {
      text.append("=== ").append(metric).append(" (corrected paired t-test, ").append(SIGNIFICANCE)
        .append("; v = significantly higher than scheme (1), * = significantly lower) ===\n")
        .append(table(results, metric)).append('\n');
    }
    return text.toString();
  }

  /** A result column by name; case-insensitive, as databases may return the names in upper case. */
  private static Attribute column(Instances results, String name) {
    for (int i = 0; i < results.numAttributes(); i++) {
      if (results.attribute(i).name().equalsIgnoreCase(name)) {
        return results.attribute(i);
      }
    }
    throw new IllegalArgumentException("The results have no column '" + name + "'");
  }

  private static Range columns(Instances results, String... names) {
    List<String> indices = new ArrayList<>();
    for (String name : names) {
      indices.add(Integer.toString(column(results, name).index() + 1));
    }
    Range range = new Range(String.join(",", indices));
    range.setUpper(results.numAttributes() - 1);
    return range;
  }

  /**
   * @param args a results ARFF file, then one or more result column names
   * @throws Exception if the file cannot be read or a table cannot be computed
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("Usage: SignificanceTables <results.arff> <column> [<column> ...]");
      System.exit(2);
    }
    Instances results = DataSource.read(new File(args[0]).getPath());
    print(results, List.of(args).subList(1, args.length));
  }
}
