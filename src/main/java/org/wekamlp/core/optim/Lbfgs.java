package org.wekamlp.core.optim;

/**
 * Limited-memory BFGS (Liu and Nocedal, 1989) with a line search that satisfies the strong Wolfe
 * conditions (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 3.5 and 3.6 and the
 * two-loop recursion 7.4). Stateful: each {@link #iterate()} performs one iteration, so a caller can
 * report progress and stop between iterations.
 */
public final class Lbfgs {

  /** A smooth function to minimise. */
  public interface Objective {

    /**
     * @param point where to evaluate. Not modified.
     * @param gradient receives the gradient at point. Modified.
     * @return the function value at point
     */
    double valueAndGradient(double[] point, double[] gradient);
  }

  /** Outcome of one iteration. */
  public enum Status {
    /** More iterations may improve the point. */
    CONTINUE,
    /** The largest gradient component is at most the gradient tolerance. */
    CONVERGED_GRADIENT,
    /** The relative decrease of the function value fell to the loss tolerance. */
    CONVERGED_LOSS,
    /** The budget of function evaluations is spent. */
    MAX_FUNCTION_EVALUATIONS,
    /** No step along the search direction decreased the function (usually at the limits of precision). */
    LINE_SEARCH_FAILED
  }

  /** Correction pairs kept, as scipy's L-BFGS-B (and so scikit-learn) keeps them. */
  public static final int DEFAULT_MEMORY = 10;
  /** scipy's default relative loss tolerance for L-BFGS-B (factr 1e7 times machine epsilon). */
  public static final double SCIPY_LOSS_TOLERANCE = 1e7 * Math.ulp(1.0);

  /**
   * @param maxFunctionEvaluations the budget of loss evaluations
   * @return the summary's description of the solver with {@link #DEFAULT_MEMORY}
   */
  public static String describe(int maxFunctionEvaluations) {
    return "lbfgs (memory " + DEFAULT_MEMORY + ", max-fun " + maxFunctionEvaluations + ")";
  }

  private static final double ARMIJO = 1e-4;
  private static final double CURVATURE = 0.9;
  private static final int MAX_LINE_SEARCH_EVALUATIONS = 25;

  private final Objective objective;
  private final int memory;
  private final double gradientTolerance;
  private final double lossTolerance;
  private final int maxFunctionEvaluations;
  private final int n;

  private final double[] x;
  private final double[] g;
  private final double[] direction;
  private final double[] trialX;
  private final double[] trialG;
  /** The best trial point of the current line search with sufficient decrease, kept for when its budget runs out. */
  private final double[] bestX;
  private final double[] bestG;
  private final double[][] s;
  private final double[][] y;
  private final double[] rho;
  private final double[] alphaTmp;
  private int stored;
  private int newest = -1;
  private double value;
  private double bestValue;
  private boolean hasBest;
  private int evaluations;
  private int iterations;
  private boolean started;

  /**
   * @param objective the function. Not modified.
   * @param start the starting point, copied. Not modified.
   * @param memory number of correction pairs kept (10 is usual)
   * @param gradientTolerance stop when max |gradient component| is at most this
   * @param lossTolerance stop when (f_old - f) / max(|f_old|, |f|, 1) is at most this
   * @param maxFunctionEvaluations budget of objective evaluations
   */
  public Lbfgs(Objective objective, double[] start, int memory, double gradientTolerance, double lossTolerance,
    int maxFunctionEvaluations) {
    this.objective = objective;
    this.memory = memory;
    this.gradientTolerance = gradientTolerance;
    this.lossTolerance = lossTolerance;
    this.maxFunctionEvaluations = maxFunctionEvaluations;
    n = start.length;
    x = start.clone();
    g = new double[n];
    direction = new double[n];
    trialX = new double[n];
    trialG = new double[n];
    bestX = new double[n];
    bestG = new double[n];
    s = new double[memory][n];
    y = new double[memory][n];
    rho = new double[memory];
    alphaTmp = new double[memory];
  }

  /** @return the current point (live; do not modify) */
  public double[] point() {
    return x;
  }

  /** @return the function value at the current point (NaN before the first iteration) */
  public double value() {
    return started ? value : Double.NaN;
  }

  /** @return number of objective evaluations so far */
  public int evaluations() {
    return evaluations;
  }

  /** @return the largest absolute gradient component at the current point */
  public double gradientMaxNorm() {
    double max = 0.0;
    for (double v : g) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /**
   * Performs one iteration: a search direction from the stored curvature pairs, then a line search.
   *
   * @return whether to continue, or why to stop
   */
  public Status iterate() {
    if (!started) {
      value = evaluate(x, g);
      started = true;
      if (gradientMaxNorm() <= gradientTolerance) {
        return Status.CONVERGED_GRADIENT;
      }
    }
    if (evaluations >= maxFunctionEvaluations) {
      return Status.MAX_FUNCTION_EVALUATIONS;
    }
    searchDirection();
    double slope = dot(direction, g);
    if (!(slope < 0.0)) {
      // the curvature pairs gave no descent direction: forget them and use steepest descent
      stored = 0;
      for (int i = 0; i < n; i++) {
        direction[i] = -g[i];
      }
      slope = dot(direction, g);
    }
    double initialStep = (iterations == 0 && stored == 0) ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
    double previousValue = value;
    if (!lineSearch(slope, initialStep)) {
      return Status.LINE_SEARCH_FAILED;
    }
    iterations++;
    if (gradientMaxNorm() <= gradientTolerance) {
      return Status.CONVERGED_GRADIENT;
    }
    double scale = Math.max(Math.max(Math.abs(previousValue), Math.abs(value)), 1.0);
    if ((previousValue - value) / scale <= lossTolerance) {
      return Status.CONVERGED_LOSS;
    }
    if (evaluations >= maxFunctionEvaluations) {
      return Status.MAX_FUNCTION_EVALUATIONS;
    }
    return Status.CONTINUE;
  }

  private double evaluate(double[] point, double[] gradient) {
    evaluations++;
    return objective.valueAndGradient(point, gradient);
  }

  /** Two-loop recursion: direction = -H g with H0 = (s.y / y.y) I from the newest pair. */
  private void searchDirection() {
    System.arraycopy(g, 0, direction, 0, n);
    int k = newest;
    for (int j = 0; j < stored; j++) {
      double a = rho[k] * dot(s[k], direction);
      alphaTmp[k] = a;
      axpy(-a, y[k], direction);
      k = (k - 1 + memory) % memory;
    }
    if (stored > 0) {
      double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (int i = 0; i < n; i++) {
        direction[i] *= gamma;
      }
    }
    k = (newest - stored + 1 + memory) % memory;
    for (int j = 0; j < stored; j++) {
      double b = rho[k] * dot(y[k], direction);
      axpy(alphaTmp[k] - b, s[k], direction);
      k = (k + 1) % memory;
    }
    for (int i = 0; i < n; i++) {
      direction[i] = -direction[i];
    }
  }

  /**
   * Finds a step satisfying the strong Wolfe conditions and moves there, storing the new curvature pair. When the
   * budget of evaluations runs out first (or the bracket shrinks to nothing), it moves to the best trial point with
   * sufficient decrease instead, without evaluating the objective again.
   *
   * @return false when no trial point decreased the function enough (the point is left unchanged)
   */
  private boolean lineSearch(double slope0, double initialStep) {
    hasBest = false;
    double value0 = value;
    double previousStep = 0.0;
    double previousValue = value0;
    double previousSlope = slope0;
    double step = initialStep;
    int budget = Math.min(MAX_LINE_SEARCH_EVALUATIONS, maxFunctionEvaluations - evaluations);
    for (int trial = 0; trial < budget; trial++) {
      double trialValue = evaluateAt(step);
      double trialSlope = dot(trialG, direction);
      if (!(trialValue <= value0 + ARMIJO * step * slope0) || (trial > 0 && trialValue >= previousValue)) {
        return zoom(value0, slope0, previousStep, previousValue, previousSlope, step, trialValue, trialSlope,
          budget - trial - 1);
      }
      if (Math.abs(trialSlope) <= -CURVATURE * slope0) {
        accept(trialX, trialG, trialValue);
        return true;
      }
      rememberTrial(trialValue); // sufficient decrease, and lower than every trial before
      if (trialSlope >= 0.0) {
        return zoom(value0, slope0, step, trialValue, trialSlope, previousStep, previousValue, previousSlope,
          budget - trial - 1);
      }
      previousStep = step;
      previousValue = trialValue;
      previousSlope = trialSlope;
      step *= 2.0;
    }
    return acceptBest();
  }

  private boolean zoom(double value0, double slope0, double lo, double valueLo, double slopeLo, double hi,
    double valueHi, double slopeHi, int budget) {
    for (int trial = 0; trial < budget; trial++) {
      double step = interpolate(lo, valueLo, slopeLo, hi, valueHi, slopeHi);
      double trialValue = evaluateAt(step);
      double trialSlope = dot(trialG, direction);
      if (!(trialValue <= value0 + ARMIJO * step * slope0) || trialValue >= valueLo) {
        hi = step;
        valueHi = trialValue;
        slopeHi = trialSlope;
      } else {
        if (Math.abs(trialSlope) <= -CURVATURE * slope0) {
          accept(trialX, trialG, trialValue);
          return true;
        }
        rememberTrial(trialValue);
        if (trialSlope * (hi - lo) >= 0.0) {
          hi = lo;
          valueHi = valueLo;
          slopeHi = slopeLo;
        }
        lo = step;
        valueLo = trialValue;
        slopeLo = trialSlope;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(1.0, Math.abs(lo))) {
        break;
      }
    }
    return acceptBest();
  }

  /** Keeps the last evaluated trial point as the best one of this line search. */
  private void rememberTrial(double trialValue) {
    System.arraycopy(trialX, 0, bestX, 0, n);
    System.arraycopy(trialG, 0, bestG, 0, n);
    bestValue = trialValue;
    hasBest = true;
  }

  /** @return whether there was a best point with sufficient decrease to move to (then it moved there) */
  private boolean acceptBest() {
    if (!hasBest) {
      return false;
    }
    accept(bestX, bestG, bestValue);
    return true;
  }

  /** Minimiser of the cubic through both end points, kept inside the middle 80 % of the bracket. */
  private static double interpolate(double a, double fa, double da, double b, double fb, double db) {
    double low = Math.min(a, b);
    double high = Math.max(a, b);
    double width = high - low;
    double d1 = da + db - 3.0 * (fa - fb) / (a - b);
    double discriminant = d1 * d1 - da * db;
    double step = Double.NaN;
    if (discriminant >= 0.0 && Double.isFinite(fa) && Double.isFinite(fb)) {
      double d2 = Math.signum(b - a) * Math.sqrt(discriminant);
      step = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
    }
    if (!(step >= low + 0.1 * width && step <= high - 0.1 * width)) {
      step = low + 0.5 * width;
    }
    return step;
  }

  private double evaluateAt(double step) {
    for (int i = 0; i < n; i++) {
      trialX[i] = x[i] + step * direction[i];
    }
    return evaluate(trialX, trialG);
  }

  /**
   * Moves to an evaluated point and records the curvature pair (s, y).
   *
   * @param point the new point. Not modified.
   * @param gradient the gradient there. Not modified.
   * @param pointValue the function value there
   */
  private void accept(double[] point, double[] gradient, double pointValue) {
    int slot = (newest + 1) % memory;
    double[] sNew = s[slot];
    double[] yNew = y[slot];
    for (int i = 0; i < n; i++) {
      sNew[i] = point[i] - x[i];
      yNew[i] = gradient[i] - g[i];
    }
    double sy = dot(sNew, yNew);
    // keep the inverse Hessian approximation positive definite: skip pairs without positive curvature
    if (sy > 1e-10 * dot(yNew, yNew)) {
      rho[slot] = 1.0 / sy;
      newest = slot;
      stored = Math.min(stored + 1, memory);
    } else if (stored == memory) {
      stored--; // the slot held the oldest pair, now overwritten
    }
    System.arraycopy(point, 0, x, 0, n);
    System.arraycopy(gradient, 0, g, 0, n);
    value = pointValue;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
