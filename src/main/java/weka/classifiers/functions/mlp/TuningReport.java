package weka.classifiers.functions.mlp;

import java.io.Serializable;
import java.util.Locale;

import org.wekamlp.core.Solver;

/**
 * What {@code -tune} found: the cross-validated score of every grid point and of the intercept-only model, and
 * the choice. Immutable once tuning has handed it out; a tuned {@link MlpModel} carries it and prints it in its summary.
 */
public final class TuningReport implements Serializable {

  private static final long serialVersionUID = 6113873021457740285L;

  private final String[] alphaTexts;
  private final double[] alphas;
  private final Solver[] solvers;
  private final double[][] scores;
  private final double interceptScore;
  private final int chosenSolver;
  private final int chosenAlpha;
  private final int folds;
  private final int rows;
  private final boolean stratified;
  private final String lossName;
  private final String note;
  private final double seconds;
  /** The alpha of the final model: the chosen one, scaled down when the cross-validation ran on a subsample. */
  private double finalAlpha = Double.NaN;

  /**
   * @param alphaTexts the alphas as given in -alpha-grid. Not modified.
   * @param alphas their values. Not modified.
   * @param solvers the solvers scored. Not modified.
   * @param scores mean weighted loss per [solver][alpha], null when nothing was cross-validated. Not modified.
   * @param interceptScore mean weighted loss of the intercept-only model, NaN when nothing was cross-validated
   * @param chosenSolver index of the chosen solver, -1 for the intercept-only model
   * @param chosenAlpha index of the chosen alpha, -1 for the intercept-only model
   * @param folds number of folds
   * @param rows rows cross-validated
   * @param stratified whether the folds were stratified by class
   * @param lossName the score's name, e.g. "log-loss"
   * @param note how the rows or the grid were capped, or why nothing was cross-validated; null for nothing
   * @param seconds wall time of the cross-validation
   */
  TuningReport(String[] alphaTexts, double[] alphas, Solver[] solvers, double[][] scores, double interceptScore,
    int chosenSolver, int chosenAlpha, int folds, int rows, boolean stratified, String lossName, String note,
    double seconds) {
    this.alphaTexts = alphaTexts.clone();
    this.alphas = alphas.clone();
    this.solvers = solvers.clone();
    this.scores = scores == null ? null : deepCopy(scores);
    this.interceptScore = interceptScore;
    this.chosenSolver = chosenSolver;
    this.chosenAlpha = chosenAlpha;
    this.folds = folds;
    this.rows = rows;
    this.stratified = stratified;
    this.lossName = lossName;
    this.note = note;
    this.seconds = seconds;
  }

  private static double[][] deepCopy(double[][] values) {
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    return copy;
  }

  /** @return true if no grid point beat the intercept-only model clearly enough (see {@link Tuning}) */
  public boolean choseIntercept() {
    return chosenSolver < 0;
  }

  /** @return the chosen solver, null for the intercept-only model */
  public Solver chosenSolver() {
    return chosenSolver < 0 ? null : solvers[chosenSolver];
  }

  /** @return the chosen alpha, NaN for the intercept-only model */
  public double chosenAlpha() {
    return chosenAlpha < 0 ? Double.NaN : alphas[chosenAlpha];
  }

  /**
   * @return the alpha the final model trains with: {@link #chosenAlpha()}, or, after tuning on a subsample, that
   *     alpha carried over to all rows (for sgd and adam: times fold rows / all rows); NaN for the intercept-only
   *     model
   */
  public double finalAlpha() {
    return Double.isNaN(finalAlpha) ? chosenAlpha() : finalAlpha;
  }

  /**
   * After tuning on a subsample: the final model's alpha is the chosen one times this factor.
   *
   * @param factor the factor (see {@code Tuning})
   */
  void scaledTo(double factor) {
    finalAlpha = chosenAlpha() * factor;
  }

  /**
   * @param solver a solver of the grid
   * @param alpha index of an alpha in -alpha-grid
   * @return its cross-validated mean weighted loss, NaN when it was not scored
   */
  public double score(Solver solver, int alpha) {
    for (int s = 0; s < solvers.length; s++) {
      if (solvers[s] == solver && scores != null) {
        return scores[s][alpha];
      }
    }
    return Double.NaN;
  }

  /** @return the cross-validated mean weighted loss of the intercept-only model, NaN when nothing was scored */
  public double interceptScore() {
    return interceptScore;
  }

  /** @return the number of folds */
  public int folds() {
    return folds;
  }

  /** @return the rows cross-validated */
  public int rows() {
    return rows;
  }

  /** @return whether the folds were stratified by class */
  public boolean stratified() {
    return stratified;
  }

  /**
   * Appends the tuning lines of the model summary: how it was cross-validated, the table of scores (rows alpha,
   * columns solver, the chosen cell marked with *) and the choice.
   *
   * @param sb receives the lines. Modified.
   */
  public void describe(StringBuilder sb) {
    sb.append("Tuning:       ");
    if (scores == null) {
      sb.append("not cross-validated (").append(note).append("): the intercept-only model\n");
      return;
    }
    sb.append(folds).append("-fold ").append(stratified ? "stratified " : "").append("cross-validation on ")
      .append(rows).append(" rows");
    if (note != null) {
      sb.append(", ").append(note);
    }
    sb.append(String.format(Locale.ROOT, "; mean weighted %s (lower is better), %.1f s%n", lossName, seconds));
    sb.append(String.format(Locale.ROOT, "  %-10s", "alpha"));
    for (Solver solver : solvers) {
      sb.append(String.format(Locale.ROOT, " %12s", solver.optionName()));
    }
    sb.append('\n');
    for (int a = 0; a < alphaTexts.length; a++) {
      sb.append(String.format(Locale.ROOT, "  %-10s", alphaTexts[a]));
      for (int s = 0; s < solvers.length; s++) {
        boolean chosen = s == chosenSolver && a == chosenAlpha;
        sb.append(String.format(Locale.ROOT, " %11.5f%s", scores[s][a], chosen ? "*" : " "));
      }
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "  intercept only: %.5f%s%n", interceptScore, choseIntercept() ? "*" : ""));
    sb.append("Chosen:       ");
    if (choseIntercept()) {
      sb.append("the intercept-only model (no grid point beat it by more than ").append((int) Tuning.STANDARD_ERRORS)
        .append(" standard errors of the paired difference)\n");
    } else {
      sb.append("solver ").append(solvers[chosenSolver].optionName()).append(", alpha ").append(
        alphaTexts[chosenAlpha]);
      if (!Double.isNaN(finalAlpha)) {
        sb.append(String.format(Locale.ROOT, " on the subsample; the final model on all rows uses alpha %.4g, the "
          + "same total penalty (a fixed prior on the weights)", finalAlpha));
      }
      sb.append('\n');
    }
  }
}
