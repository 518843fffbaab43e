package weka.classifiers.functions.mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wekamlp.core.OptionName;
import org.wekamlp.core.Solver;
import org.wekamlp.core.WorkPlan;
import weka.classifiers.AbstractClassifier;
import weka.core.Instance;
import weka.core.Instances;

/**
 * {@code -tune}: chooses alpha and the solver by internal k-fold cross-validation over {@code -alpha-grid} x
 * {@code -solver-grid}, with the intercept-only model (the weighted class prior, or the weighted mean) as one more
 * candidate, like the null end of glmnet's lambda path. Folds are stratified for a nominal class and drawn with the
 * classifier's seed; each candidate is scored by the weighted log-loss (classifier) or the weighted squared error
 * (regressor) of its held-out predictions, pooled over the folds. The fits of all grid points and folds run in
 * parallel, one thread each (a fit gives the same model on any number of threads, so the choice does not depend on
 * the thread count); the final model is then trained on all the data with the chosen values.
 *
 * <p>On large data the cross-validation runs on a stratified subsample of at most {@code -tune-max-values} rows x
 * input columns (500 of MNIST's rows by default, never fewer than 500 rows by this cap; narrow data keep more rows,
 * since a fit's cost grows with both) and at most {@code -tune-max-rows} rows, and above 10,000 rows lbfgs leaves the
 * solver grid (its full-batch iterations cost a pass over all rows each, and scikit-learn's advice is adam for large
 * data). The values cap bounds the cross-validation's cost at about MNIST's (the first layer's work per row grows
 * with the input columns; wide hidden layers add to it), not at a multiple of a plain fit: on narrow data with tens
 * of thousands of rows it is many plain fits, each of them cheap.
 */
final class Tuning {

  /** One value per decade, 1e-6 ... 10: scikit-learn's default 1e-4 in the middle. */
  static final String DEFAULT_ALPHA_GRID = "1e-6,1e-5,1e-4,1e-3,0.01,0.1,1,10";
  static final String DEFAULT_SOLVER_GRID = "adam,lbfgs";
  static final int DEFAULT_FOLDS = 5;
  /** No cap in rows by default: {@link #DEFAULT_MAX_VALUES} sets the default cost. */
  static final int DEFAULT_MAX_ROWS = 0;
  /** 500 rows of MNIST's 784 pixels: tuning MNIST then costs about 1.8 to 2.3 plain fits (README). */
  static final int DEFAULT_MAX_VALUES = 500 * 784;
  /** The fewest rows the values cap leaves: 0.2.0's cap in rows. */
  static final int MIN_VALUES_CAP_ROWS = 500;
  /**
   * Above this many rows lbfgs leaves the solver grid: each of its iterations is a pass over all rows, so a final
   * lbfgs fit of MNIST's 60,000 rows costs about five adam fits, and scikit-learn advises adam for large data.
   */
  static final int LBFGS_MAX_ROWS = 10000;

  /** How many standard errors of the paired difference a grid point must beat the intercept-only model by. */
  static final double STANDARD_ERRORS = 2.0;

  /** Probabilities are clipped to this before the logarithm (scikit-learn's log_loss clips alike). */
  private static final double PROBABILITY_FLOOR = 1e-15;

  private Tuning() {
  }

  /**
   * @param value the -alpha-grid text: comma-separated numbers >= 0
   * @return the alphas, in the order given
   * @throws IllegalArgumentException naming the option, the value and the bad entry
   */
  static double[] parseAlphaGrid(String value) {
    String[] parts = entries(value, "alpha-grid", "\"1e-4,0.01,1\"");
    double[] alphas = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      double alpha;
      try {
        alpha = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        alpha = Double.NaN;
      }
      if (!(alpha >= 0.0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("Invalid -alpha-grid \"" + value + "\": entry " + (i + 1) + " is '"
          + parts[i] + "'; give comma-separated finite numbers >= 0 such as \"1e-4,0.01,1\".");
      }
      alphas[i] = alpha + 0.0; // -0 is 0: a grid "0,-0" repeats its entry
      requireNoRepeat(boxed(alphas), i, "alpha-grid", value, parts);
    }
    return alphas;
  }

  /**
   * @param value the -solver-grid text: comma-separated solver names
   * @return the solvers, in the order given
   * @throws IllegalArgumentException naming the option, the value and the bad entry
   */
  static Solver[] parseSolverGrid(String value) {
    String[] parts = entries(value, "solver-grid", "\"adam,lbfgs\"");
    Solver[] solvers = new Solver[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Solver solver = OptionName.find(Solver.values(), parts[i]);
      if (solver == null) {
        throw new IllegalArgumentException("Invalid -solver-grid \"" + value + "\": entry " + (i + 1) + " is '"
          + parts[i] + "'; allowed solvers are " + OptionName.names(Solver.values()) + ".");
      }
      solvers[i] = solver;
      requireNoRepeat(Arrays.asList(solvers), i, "solver-grid", value, parts);
    }
    return solvers;
  }

  /** @throws IllegalArgumentException if entry i of a grid equals an earlier one */
  private static void requireNoRepeat(List<?> parsed, int i, String flag, String value, String[] parts) {
    int first = parsed.indexOf(parsed.get(i));
    if (first < i) {
      throw new IllegalArgumentException("Invalid -" + flag + " \"" + value + "\": entry " + (i + 1) + " ('" + parts[i]
        + "') repeats entry " + (first + 1) + ".");
    }
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  /** @return the trimmed comma-separated entries of a grid, none empty */
  private static String[] entries(String value, String flag, String example) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("Invalid -" + flag + " \"\": give at least one value, e.g. " + example
        + ".");
    }
    String[] parts = trimmed.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].trim();
      if (parts[i].isEmpty()) {
        throw new IllegalArgumentException("Invalid -" + flag + " \"" + value + "\": entry " + (i + 1)
          + " is empty; give comma-separated values such as " + example + ".");
      }
    }
    return parts;
  }

  /**
   * Checks the numeric tuning settings.
   *
   * @param folds the -tune-folds value
   * @param maxRows the -tune-max-rows value
   * @param maxValues the -tune-max-values value
   * @throws IllegalArgumentException naming the option and the value
   */
  static void validate(int folds, int maxRows, int maxValues) {
    if (folds < 2) {
      throw new IllegalArgumentException("Invalid -tune-folds " + folds + ": must be at least 2.");
    }
    if (maxRows < 0) {
      throw new IllegalArgumentException("Invalid -tune-max-rows " + maxRows + ": must be >= 0 (0 = no cap).");
    }
    if (maxValues < 0) {
      throw new IllegalArgumentException("Invalid -tune-max-values " + maxValues + ": must be >= 0 (0 = no cap).");
    }
  }

  /**
   * Tunes and trains the final model.
   *
   * @param template the classifier with its options (tune on); its seed draws the folds. Not modified.
   * @param data the training data. Not modified.
   * @param rows the rows with a known class and a positive weight. Not modified.
   * @return the final model, trained on all rows with the chosen values, carrying the tuning report
   * @throws Exception if a fit fails
   */
  static MlpModel fit(AbstractMultilayerPerceptron template, Instances data, int[] rows) throws Exception {
    long start = System.nanoTime();
    Grid grid = new Grid(parseAlphaGrid(template.getAlphaGrid()), parseSolverGrid(template.getSolverGrid()),
      template.getAlphaGrid());
    Instances usable = shuffledRows(data, rows, template.getSeed());
    TemperatureScaling[] temperature = new TemperatureScaling[1];
    boolean stratified = usable.classAttribute().isNominal();
    Instances sample = usable;
    String note = null;
    int maxRows = maxRows(template, data);
    if (maxRows > 0 && usable.numInstances() > maxRows) {
      sample = subsample(usable, maxRows, stratified);
      note = "on a " + (stratified ? "stratified " : "") + "random subsample of " + sample.numInstances() + " of the "
        + usable.numInstances() + " rows (" + cap(template, data) + ")";
    }
    if (usable.numInstances() > LBFGS_MAX_ROWS && grid.dropLbfgs()) {
      note = (note == null ? "" : note + "; ") + "lbfgs left out above " + LBFGS_MAX_ROWS + " rows (an iteration "
        + "per pass over all rows)";
    }
    int folds = Math.min(template.getTuneFolds(), sample.numInstances());
    TuningReport report;
    if (folds < 2) {
      report = new TuningReport(grid.alphaTexts, grid.alphas, grid.solvers, null, Double.NaN, -1, -1, folds, sample
        .numInstances(),
        stratified, template.tuningLossName(), "too few rows to cross-validate" + (note == null ? "" : " (" + note
          + ")"), seconds(start));
    } else {
      report = crossValidate(template, grid, sample, folds, stratified, note, start, temperature);
      if (sample != usable && !report.choseIntercept()) {
        report.scaledTo(penaltyScale(template, report.chosenSolver(), split(sample.numInstances(), folds), usable
          .numInstances()));
      }
    }
    // -calibrate: the chosen grid point's temperature from the cross-validation above serves the final model when
    // it was fitted on predictions of the same rows (no subsample), instead of the 3-fold calibration of its own;
    // not when it ended at a limit of its search (perfect held-out predictions would make every prediction 0 or 1)
    boolean reuse = temperature[0] != null && sample == usable && !temperature[0].atLimit();
    return finalModel(template, data, report, reuse ? temperature[0] : null);
  }

  /**
   * The factor that carries an alpha chosen on a fold's rows over to all rows. The penalty is
   * {@code 0.5 * alpha * ||W||^2 / batchRows} against the mean loss of a batch, so against the loss summed over n
   * rows it is {@code alpha * n / batchRows}; keeping that total the same (a fixed Gaussian prior on the weights; in
   * ridge regression the optimal total penalty does not grow with n) gives the factor
   * {@code (foldRows / foldBatch) / (allRows / allBatch)}: foldRows / allRows for sgd and adam with the same
   * minibatch, 1 for lbfgs, whose batch is all rows.
   */
  private static double penaltyScale(AbstractMultilayerPerceptron template, Solver solver, int foldRows,
    int allRows) {
    if (solver == Solver.LBFGS) {
      return 1.0;
    }
    double fold = (double) foldRows / template.config.effectiveMiniBatchSize(foldRows);
    double all = (double) allRows / template.config.effectiveMiniBatchSize(allRows);
    return fold / all;
  }

  /**
   * @return the most rows the cross-validation may use, from both caps; 0 for no cap. The values cap never leaves
   *         fewer than {@link #MIN_VALUES_CAP_ROWS} rows (very wide data, such as word vectors, would otherwise be
   *         tuned on a handful of rows, where the intercept-only model nearly always wins); -tune-max-rows can.
   */
  static int maxRows(AbstractMultilayerPerceptron template, Instances header) {
    int byRows = template.getTuneMaxRows();
    int byValues = template.getTuneMaxValues() > 0 ? Math.max(MIN_VALUES_CAP_ROWS, template.getTuneMaxValues()
      / inputColumns(header)) : 0;
    if (byRows == 0 || byValues == 0) {
      return Math.max(byRows, byValues);
    }
    return Math.min(byRows, byValues);
  }

  /** @return the cap that binds, as the tuning report names it */
  private static String cap(AbstractMultilayerPerceptron template, Instances header) {
    int maxRows = maxRows(template, header);
    if (maxRows == template.getTuneMaxRows()) {
      return "-tune-max-rows " + maxRows;
    }
    return "-tune-max-values " + template.getTuneMaxValues() + ": " + maxRows + " rows x " + inputColumns(header)
      + " input columns";
  }

  /**
   * @return the input columns of the data as one-hot coding sees them before constant columns are dropped: one per
   *         numeric or date attribute, one per value of a nominal attribute; at least 1
   */
  static int inputColumns(Instances header) {
    int columns = 0;
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a != header.classIndex()) {
        columns += header.attribute(a).isNominal() ? header.attribute(a).numValues() : 1;
      }
    }
    return Math.max(1, columns);
  }

  /** @return the training rows of the smallest training fold of rows split into folds */
  private static int split(int rows, int folds) {
    return rows - (rows + folds - 1) / folds;
  }

  /**
   * @return the first maxRows rows of the shuffled data (a random subsample), or, stratified for a nominal class, the
   *         first rows of each class in proportion to the class counts (largest remainders round), maxRows in all
   */
  static Instances subsample(Instances shuffled, int maxRows, boolean stratified) {
    Instances sample = new Instances(shuffled, maxRows);
    int[] quota = stratified ? classQuotas(shuffled, maxRows) : null;
    for (int i = 0; i < shuffled.numInstances() && sample.numInstances() < maxRows; i++) {
      Instance instance = shuffled.instance(i);
      int c = quota == null ? -1 : (int) instance.classValue();
      if (c < 0 || quota[c] > 0) {
        sample.add(instance);
        if (c >= 0) {
          quota[c]--;
        }
      }
    }
    return sample;
  }

  /** @return rows per class of a stratified sample of total rows: shares of the class counts, largest remainders */
  private static int[] classQuotas(Instances data, int total) {
    int classes = data.numClasses();
    int[] counts = new int[classes];
    for (int i = 0; i < data.numInstances(); i++) {
      counts[(int) data.instance(i).classValue()]++;
    }
    int[] quota = new int[classes];
    double[] remainder = new double[classes];
    int given = 0;
    for (int c = 0; c < classes; c++) {
      double share = (double) total * counts[c] / data.numInstances();
      quota[c] = (int) share;
      remainder[c] = share - quota[c];
      given += quota[c];
    }
    for (; given < total; given++) {
      int largest = 0;
      for (int c = 1; c < classes; c++) {
        if (remainder[c] > remainder[largest]) {
          largest = c;
        }
      }
      quota[largest]++;
      remainder[largest] = -1.0;
    }
    return quota;
  }

  /** The candidates: alphas x solvers, in the order given. */
  private static final class Grid {

    final double[] alphas;
    final String[] alphaTexts;
    Solver[] solvers;

    Grid(double[] alphas, Solver[] solvers, String alphaGrid) {
      this.alphas = alphas;
      this.solvers = solvers;
      String[] parts = alphaGrid.split(",");
      alphaTexts = new String[parts.length];
      for (int i = 0; i < parts.length; i++) {
        alphaTexts[i] = parts[i].trim();
      }
    }

    /** @return true if lbfgs was in the grid with another solver, and has been removed */
    boolean dropLbfgs() {
      List<Solver> kept = new ArrayList<>();
      for (Solver solver : solvers) {
        if (solver != Solver.LBFGS) {
          kept.add(solver);
        }
      }
      if (kept.isEmpty() || kept.size() == solvers.length) {
        return false;
      }
      solvers = kept.toArray(new Solver[0]);
      return true;
    }
  }

  /**
   * Scores every grid point and the intercept-only model on the same folds. The grid point with the lowest mean
   * loss is chosen if it beats the intercept-only model by more than {@link #STANDARD_ERRORS} standard errors of
   * their paired difference over the held-out rows (a one-sided test at about 2.5 %), else the intercept-only
   * model: a network is trained only when it is clearly better than the prior, as glmnet's one-standard-error rule
   * prefers the simpler model when the better score may be chance.
   */
  private static TuningReport crossValidate(AbstractMultilayerPerceptron template, Grid grid, Instances sample,
    int folds, boolean stratified, String note, long start, TemperatureScaling[] chosenTemperature)
    throws Exception {
    Instances[][] split = splitFolds(sample, folds, stratified);
    Instances[] train = split[0];
    Instances[] test = split[1];
    boolean nominal = sample.classAttribute().isNominal();
    double[] weights = new double[sample.numInstances()];
    int[] labels = new int[weights.length];
    double[] intercept = new double[weights.length];
    for (int f = 0, i = 0; f < folds; f++) {
      double[] prior = template.constantPrediction(train[f], AbstractMultilayerPerceptron.rowsWithKnownClass(
        train[f]));
      for (Instance instance : test[f]) {
        weights[i] = instance.weight();
        labels[i] = nominal ? (int) instance.classValue() : -1;
        intercept[i++] = loss(prior, instance);
      }
    }
    // with -calibrate, as Calibration fits T (and keeps T = 1 below MIN_ROWS rows), each grid point is scored after a
    // temperature fitted on its pooled held-out distributions
    boolean scaled = template.calibratesProbabilities() && nominal && sample.numInstances() >= Calibration.MIN_ROWS;
    double[][][] losses = scoreGrid(template, grid, train, test, scaled);
    TemperatureScaling[][] temperatures = new TemperatureScaling[grid.solvers.length][grid.alphas.length];
    if (scaled) {
      // described as the final model will show it, should the grid point be chosen
      String heldOut = String.format(Locale.ROOT, "the out-of-fold predictions of -tune's %d-fold cross-validation of "
        + "the chosen grid point (%d rows)", folds, weights.length);
      for (int s = 0; s < grid.solvers.length; s++) {
        for (int a = 0; a < grid.alphas.length; a++) {
          temperatures[s][a] = TemperatureScaling.fit(losses[s][a], sample.numClasses(), labels, weights, heldOut);
          losses[s][a] = scaledLosses(losses[s][a], labels, temperatures[s][a]);
        }
      }
    }
    double[][] scores = new double[grid.solvers.length][grid.alphas.length];
    int bestSolver = 0;
    int bestAlpha = 0;
    for (int s = 0; s < grid.solvers.length; s++) {
      for (int a = 0; a < grid.alphas.length; a++) {
        scores[s][a] = mean(losses[s][a], weights);
        if (scores[s][a] < scores[bestSolver][bestAlpha]) {
          bestSolver = s;
          bestAlpha = a;
        }
      }
    }
    double[] difference = new double[weights.length];
    for (int i = 0; i < difference.length; i++) {
      difference[i] = losses[bestSolver][bestAlpha][i] - intercept[i];
    }
    boolean beatsIntercept = mean(difference, weights) + STANDARD_ERRORS * standardError(difference, weights) < 0.0;
    chosenTemperature[0] = beatsIntercept ? temperatures[bestSolver][bestAlpha] : null;
    return new TuningReport(grid.alphaTexts, grid.alphas, grid.solvers, scores, mean(intercept, weights),
      beatsIntercept ? bestSolver : -1, beatsIntercept ? bestAlpha : -1, folds, sample.numInstances(), stratified,
      template.tuningLossName() + (scaled ? " after each candidate's own temperature (-calibrate)" : ""), note,
      seconds(start));
  }

  /** @return the weighted mean of the values */
  private static double mean(double[] values, double[] weights) {
    double sum = 0.0;
    double total = 0.0;
    for (int i = 0; i < values.length; i++) {
      sum += weights[i] * values[i];
      total += weights[i];
    }
    return sum / total;
  }

  /** @return the standard error of the weighted mean, with Kish's effective number of rows */
  private static double standardError(double[] values, double[] weights) {
    double mean = mean(values, weights);
    double total = 0.0;
    double squares = 0.0;
    double variance = 0.0;
    for (int i = 0; i < values.length; i++) {
      total += weights[i];
      squares += weights[i] * weights[i];
      variance += weights[i] * (values[i] - mean) * (values[i] - mean);
    }
    variance /= total;
    double effectiveRows = total * total / squares;
    return effectiveRows > 1.0 ? Math.sqrt(variance / (effectiveRows - 1.0)) : Double.POSITIVE_INFINITY;
  }

  /**
   * Some rows of a data set in random order, the start of an internal cross-validation (tuning, calibration).
   *
   * @param data the data set. Not modified.
   * @param rows the rows to take (those with a known class and a positive weight). Not modified.
   * @param seed the seed of the order
   * @return a new data set sharing the instances' values (a shallow copy), shuffled
   */
  static Instances shuffledRows(Instances data, int[] rows, long seed) {
    Instances shuffled = new Instances(data, rows.length);
    for (int row : rows) {
      shuffled.add(data.instance(row));
    }
    shuffled.randomize(new Random(seed));
    return shuffled;
  }

  /**
   * Cuts shuffled rows into cross-validation folds, as Weka's own cross-validation does.
   *
   * @param shuffled the rows, in random order. Not modified.
   * @param folds the number of folds, at most the number of rows
   * @param stratified whether to stratify by the (nominal) class
   * @return {training sets, test sets}, one of each per fold
   */
  static Instances[][] splitFolds(Instances shuffled, int folds, boolean stratified) {
    Instances data = new Instances(shuffled);
    if (stratified) {
      data.stratify(folds);
    }
    Instances[][] split = new Instances[2][folds];
    for (int f = 0; f < folds; f++) {
      split[0][f] = data.trainCV(folds, f);
      split[1][f] = data.testCV(folds, f);
    }
    return split;
  }

  /**
   * Fits every grid point on every fold, in parallel, one thread per fit.
   *
   * @param distributions true to return the held-out class distributions instead of the losses
   * @return the loss of each held-out row (fold after fold) for each grid point, [solver][alpha][row], or their class
   *     distributions laid end to end
   */
  private static double[][][] scoreGrid(AbstractMultilayerPerceptron template, Grid grid, Instances[] train,
    Instances[] test, boolean distributions) throws Exception {
    int folds = train.length;
    int points = grid.solvers.length * grid.alphas.length;
    int threads = Math.max(1, Math.min(WorkPlan.maxThreads(template.getNumThreads()), points * folds));
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "mlp-tuning");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int s = 0; s < grid.solvers.length; s++) {
        for (int a = 0; a < grid.alphas.length; a++) {
          for (int f = 0; f < folds; f++) {
            AbstractMultilayerPerceptron copy = candidate(template, grid.solvers[s], grid.alphas[a], 1, false);
            copy.stopCalibrating(); // the pooled held-out predictions get one temperature below, not one per fold
            String label = "fold " + (f + 1) + "/" + folds + ", solver " + grid.solvers[s].optionName() + ", alpha "
              + grid.alphaTexts[a];
            Instances trainFold = train[f];
            Instances testFold = test[f];
            results.add(pool.submit(() -> foldLosses(copy, trainFold, testFold, template.getDebug() ? label : null,
              distributions)));
          }
        }
      }
      double[][][] losses = new double[grid.solvers.length][grid.alphas.length][];
      int next = 0;
      for (int s = 0; s < grid.solvers.length; s++) {
        for (int a = 0; a < grid.alphas.length; a++) {
          List<double[]> parts = new ArrayList<>();
          for (int f = 0; f < folds; f++) {
            parts.add(result(results.get(next++)));
          }
          losses[s][a] = concatenate(parts);
        }
      }
      return losses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double[] concatenate(List<double[]> parts) {
    int length = 0;
    for (double[] part : parts) {
      length += part.length;
    }
    double[] all = new double[length];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static double[] result(Future<double[]> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ? (Exception) cause : new Exception(cause);
    }
  }

  /**
   * @param distributions true to return the held-out class distributions (row after row) rather than the losses
   * @return the loss of each held-out row of one fold, for a fit on the fold's training rows, or their class
   *     distributions
   */
  private static double[] foldLosses(AbstractMultilayerPerceptron copy, Instances train, Instances test, String label,
    boolean distributions) throws Exception {
    long start = System.nanoTime();
    copy.buildClassifier(train);
    double[][] predictions = copy.distributionsForInstances(test);
    double[] losses = new double[predictions.length];
    double sum = 0.0;
    double weight = 0.0;
    for (int i = 0; i < predictions.length; i++) {
      losses[i] = loss(predictions[i], test.instance(i));
      sum += test.instance(i).weight() * losses[i];
      weight += test.instance(i).weight();
    }
    if (label != null) {
      System.err.println(String.format(Locale.ROOT, "%s tune: %s: %s %.6f (%.2f s)", copy.getClass().getSimpleName(),
        label, copy.tuningLossName(), sum / weight, seconds(start)));
    }
    if (!distributions) {
      return losses;
    }
    int k = test.numClasses();
    double[] flat = new double[predictions.length * k];
    for (int i = 0; i < predictions.length; i++) {
      System.arraycopy(predictions[i], 0, flat, i * k, k);
    }
    return flat;
  }

  /**
   * With {@code -calibrate}: the loss each held-out row has after the one temperature that minimises the pooled
   * held-out log-loss of the candidate, the temperature {@link Calibration} would give the final model. A candidate
   * is then scored by how well its probabilities rank the classes once rescaled, not by how well calibrated its raw
   * ones are: the final model's probabilities are rescaled anyway.
   *
   * @param distributions the held-out class distributions, fold after fold, row after row. Not modified.
   * @param labels the class of each held-out row. Not modified.
   * @param scaling the grid point's temperature
   * @return each held-out row's log-loss after the temperature
   */
  private static double[] scaledLosses(double[] distributions, int[] labels, TemperatureScaling scaling) {
    int k = distributions.length / labels.length;
    double[] scaled = new double[k];
    double[] losses = new double[labels.length];
    for (int r = 0; r < labels.length; r++) {
      scaling.apply(distributions, r * k, k, scaled);
      losses[r] = -Math.log(Math.max(scaled[labels[r]], PROBABILITY_FLOOR));
    }
    return losses;
  }

  /** @return the log-loss of a class distribution, or the squared error of a numeric prediction */
  private static double loss(double[] prediction, Instance instance) {
    if (instance.classAttribute().isNominal()) {
      return -Math.log(Math.max(prediction[(int) instance.classValue()], PROBABILITY_FLOOR));
    }
    double error = prediction[0] - instance.classValue();
    return error * error;
  }

  /**
   * @return a copy of the template's options with tuning off and the given grid point, on the given threads
   */
  private static AbstractMultilayerPerceptron candidate(AbstractMultilayerPerceptron template, Solver solver,
    double alpha, int threads, boolean debug) throws Exception {
    AbstractMultilayerPerceptron copy = (AbstractMultilayerPerceptron) AbstractClassifier.makeCopy(template);
    copy.setTune(false);
    copy.setResume(false);
    copy.config.solver = solver;
    copy.config.alpha = alpha;
    copy.config.numThreads = threads;
    copy.setDebug(debug);
    return copy;
  }

  /**
   * The intercept-only model, or a fit on all the data with the chosen values; with the report attached.
   *
   * @param temperature with -calibrate, the chosen grid point's temperature to predict with; null to leave
   *     calibration, if any, to the fit
   */
  private static MlpModel finalModel(AbstractMultilayerPerceptron template, Instances data, TuningReport report,
    TemperatureScaling temperature) throws Exception {
    if (report.choseIntercept()) {
      return template.interceptModel(data).tuned(report);
    }
    AbstractMultilayerPerceptron copy = candidate(template, report.chosenSolver(), report.finalAlpha(),
      template.getNumThreads(), template.getDebug());
    if (temperature == null) {
      copy.buildClassifier(data); // with -calibrate on a subsample: the final model calibrates itself
      return copy.getModel().tuned(report);
    }
    copy.stopCalibrating();
    copy.buildClassifier(data);
    return Calibration.withTemperature(copy.getModel(), temperature).tuned(report);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
