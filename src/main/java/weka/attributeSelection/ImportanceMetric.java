package weka.attributeSelection;

import java.util.Locale;

import weka.core.Instance;
import weka.core.Instances;

/**
 * What {@link PermutationImportance} scores on the held-out rows, weighted by the instance weights. The loss of
 * score when an attribute is shuffled is its importance: the drop in accuracy, or the increase of log-loss, RMSE
 * or mean absolute error, so that a larger importance always means a more important attribute.
 */
public enum ImportanceMetric {

  /** Fraction of rows whose most probable class is the true one (nominal class). */
  ACCURACY {

    @Override
    double rowValue(double[] distribution, double actual) {
      int best = 0;
      for (int c = 1; c < distribution.length; c++) {
        if (distribution[c] > distribution[best]) {
          best = c;
        }
      }
      return best == (int) actual ? 1.0 : 0.0;
    }
  },
  /** Mean negative log of the probability given to the true class, clipped at 1e-15 (nominal class). */
  LOG_LOSS {

    @Override
    double rowValue(double[] distribution, double actual) {
      return -Math.log(Math.max(distribution[(int) actual], 1e-15));
    }
  },
  /** Root mean squared error of the prediction (numeric class). */
  RMSE {

    @Override
    double rowValue(double[] distribution, double actual) {
      double error = distribution[0] - actual;
      return error * error;
    }

    @Override
    double finish(double weightedMean) {
      return Math.sqrt(weightedMean);
    }
  },
  /** Mean absolute error of the prediction (numeric class). */
  MAE {

    @Override
    double rowValue(double[] distribution, double actual) {
      return Math.abs(distribution[0] - actual);
    }
  };

  /** @return the name used on the command line: accuracy, log-loss, rmse, mae */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** @return true for a nominal class, false for a numeric class */
  public boolean forNominalClass() {
    return this == ACCURACY || this == LOG_LOSS;
  }

  /** @return true when a larger score is better (accuracy) */
  public boolean higherIsBetter() {
    return this == ACCURACY;
  }

  /**
   * @param name a metric's command-line name
   * @return the metric
   * @throws IllegalArgumentException listing the names when there is no such metric
   */
  public static ImportanceMetric forName(String name) {
    for (ImportanceMetric m : values()) {
      if (m.optionName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown metric '" + name + "': use accuracy or log-loss (nominal class), "
      + "rmse or mae (numeric class).");
  }

  /**
   * @param distributions the predictions, one per row. Not modified.
   * @param rows the rows, with known class values. Not modified.
   * @return the weighted score
   */
  double score(double[][] distributions, Instances rows) {
    double sum = 0.0;
    double weights = 0.0;
    for (int i = 0; i < distributions.length; i++) {
      Instance row = rows.instance(i);
      sum += row.weight() * rowValue(distributions[i], row.classValue());
      weights += row.weight();
    }
    return finish(sum / weights);
  }

  /**
   * @param baseline the score without shuffling
   * @param shuffled the score after shuffling
   * @return how much worse the shuffled score is
   */
  double loss(double baseline, double shuffled) {
    return higherIsBetter() ? baseline - shuffled : shuffled - baseline;
  }

  abstract double rowValue(double[] distribution, double actual);

  double finish(double weightedMean) {
    return weightedMean;
  }
}
