package weka.classifiers.functions;

import java.util.Set;

import org.junit.jupiter.api.Test;

import weka.core.Utils;

/**
 * Weka's CheckClassifier on both classes with {@code -tune}, read as {@link WekaChecksTest} reads it, with no
 * warning allowed: the intercept-only model is a candidate of the internal cross-validation, so on the checks whose
 * predictors are noise (where the regressor with default options warns "performs worse than ZeroR") the tuned
 * regressor predicts the mean. A small grid (three alphas, both default solvers) keeps the checker's many builds
 * short; still about 20-50 s per class on a busy 2-core machine, so it runs with the integration tests.
 */
class TunedWekaChecksIT {

  private static final String TUNE = "-tune -alpha-grid 1e-4,0.1,10 -solver-grid adam,lbfgs";

  @Test
  void checkClassifierFindsNoWarningAndNoWrongAnswerForTheTunedClassifier() throws Exception {
    MultilayerPerceptronClassifier tuned = new MultilayerPerceptronClassifier();
    tuned.setOptions(Utils.splitOptions(TUNE));
    WekaChecksTest.checkClassifier(tuned, Set.of());
  }

  @Test
  void checkClassifierFindsNoWarningAndNoWrongAnswerForTheTunedRegressor() throws Exception {
    MultilayerPerceptronRegressor tuned = new MultilayerPerceptronRegressor();
    tuned.setOptions(Utils.splitOptions(TUNE));
    WekaChecksTest.checkClassifier(tuned, Set.of());
  }
}
