package org.wekamlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** L-BFGS on problems whose minimum is known. */
class LbfgsTest {

  /**
   * f(x) = 0.5 x^T A x - b^T x with A symmetric positive definite and ill-conditioned. The loss tolerance
   * is -1 (off) so that only the gradient test can end the run.
   */
  @Test
  void convergesToTheMinimumOfAConvexQuadratic() {
    int n = 6;
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i][i] = Math.pow(10, i * 0.6); // condition number about 1000
      b[i] = i - 2.5;
      if (i > 0) {
        a[i][i - 1] = 0.3;
        a[i - 1][i] = 0.3;
      }
    }
    Lbfgs.Objective quadratic = (x, g) -> {
      double value = 0;
      for (int i = 0; i < n; i++) {
        double ax = 0;
        for (int j = 0; j < n; j++) {
          ax += a[i][j] * x[j];
        }
        g[i] = ax - b[i];
        value += 0.5 * x[i] * ax - b[i] * x[i];
      }
      return value;
    };
    Lbfgs lbfgs = new Lbfgs(quadratic, new double[n], 10, 1e-7, -1.0, 1000);
    Lbfgs.Status status = Lbfgs.Status.CONTINUE;
    int iterations = 0;
    while (status == Lbfgs.Status.CONTINUE && iterations < 200) {
      status = lbfgs.iterate();
      iterations++;
    }
    assertEquals(Lbfgs.Status.CONVERGED_GRADIENT, status);
    // the minimiser solves A x = b
    double[] x = lbfgs.point();
    for (int i = 0; i < n; i++) {
      double ax = 0;
      for (int j = 0; j < n; j++) {
        ax += a[i][j] * x[j];
      }
      assertEquals(b[i], ax, 1e-7);
    }
    assertTrue(iterations < 60, "took " + iterations + " iterations");
  }

  @Test
  void minimisesTheRosenbrockFunction() {
    Lbfgs.Objective rosenbrock = (x, g) -> {
      double u = 1 - x[0];
      double v = x[1] - x[0] * x[0];
      g[0] = -2 * u - 400 * x[0] * v;
      g[1] = 200 * v;
      return u * u + 100 * v * v;
    };
    Lbfgs lbfgs = new Lbfgs(rosenbrock, new double[] {-1.2, 1.0}, 10, 1e-8, -1.0, 2000);
    Lbfgs.Status status;
    do {
      status = lbfgs.iterate();
    } while (status == Lbfgs.Status.CONTINUE);
    assertEquals(1.0, lbfgs.point()[0], 1e-6);
    assertEquals(1.0, lbfgs.point()[1], 1e-6);
  }

  @Test
  void stopsWhenTheEvaluationBudgetIsSpent() {
    Lbfgs.Objective slow = (x, g) -> {
      g[0] = 4 * x[0] * x[0] * x[0];
      return Math.pow(x[0], 4);
    };
    Lbfgs lbfgs = new Lbfgs(slow, new double[] {3.0}, 5, 0.0, 0.0, 7);
    Lbfgs.Status status;
    do {
      status = lbfgs.iterate();
    } while (status == Lbfgs.Status.CONTINUE);
    assertEquals(Lbfgs.Status.MAX_FUNCTION_EVALUATIONS, status);
    assertTrue(lbfgs.evaluations() <= 7 + 1, "evaluations " + lbfgs.evaluations());
    assertTrue(lbfgs.value() < 81.0, "still decreased the function");
  }

  /**
   * The budget of objective evaluations (-max-fun) is never exceeded, also when it runs out inside a line search
   * (the search then moves to its best point so far without evaluating it again). Wavy one-dimensional functions
   * {@code c |x|^p + s sin(3x)} (seeded) make the line search bracket and zoom; budgets 1 to 7.
   */
  @Test
  void neverEvaluatesTheObjectiveMoreOftenThanTheBudgetAllows() {
    java.util.Random random = new java.util.Random(1);
    for (int trial = 0; trial < 200; trial++) {
      double p = 1.2 + 4 * random.nextDouble();
      double c = Math.pow(10, 4 * random.nextDouble() - 2);
      double s = 3 * random.nextDouble();
      double start = 10 * (random.nextDouble() - 0.5);
      for (int budget = 1; budget <= 7; budget++) {
        int[] calls = new int[1];
        Lbfgs lbfgs = new Lbfgs((x, g) -> {
          calls[0]++;
          g[0] = c * p * Math.pow(Math.abs(x[0]), p - 1) * Math.signum(x[0]) + 3 * s * Math.cos(3 * x[0]);
          return c * Math.pow(Math.abs(x[0]), p) + s * Math.sin(3 * x[0]);
        }, new double[] {start}, 5, 0.0, 0.0, budget);
        double first = Double.NaN;
        Lbfgs.Status status;
        do {
          status = lbfgs.iterate();
          if (Double.isNaN(first)) {
            first = lbfgs.value();
          }
        } while (status == Lbfgs.Status.CONTINUE);
        String name = "trial " + trial + ", max-fun " + budget + ", stopped by " + status;
        assertTrue(calls[0] <= budget, name + ": " + calls[0] + " evaluations");
        assertEquals(calls[0], lbfgs.evaluations(), name);
        assertTrue(lbfgs.value() <= first, name + ": the value went up");
      }
    }
  }
}
