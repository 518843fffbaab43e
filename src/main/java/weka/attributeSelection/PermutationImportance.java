package weka.attributeSelection;

import java.util.Random;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.BatchPredictor;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Permutation importance (Breiman, 2001; Fisher, Rudin and Dominici, 2019) of groups of attributes on held-out
 * folds: for each of {@code folds} stratified cross-validation folds a copy of the classifier is trained on the
 * other folds and scored on the held-out fold, then scored again after the values of one group of attributes have
 * been shuffled among the held-out rows (the same row permutation for every attribute of a group, so a group keeps
 * its own joint distribution and loses only its link to the class), {@code shuffles} times per group. A group's
 * importance is the loss in the metric's score, one value per fold and shuffle; its mean and sample standard
 * deviation over those {@code folds x shuffles} values are reported.
 *
 * <p>Reproducible: the folds come from the seed, and the permutations of group {@code g} on fold {@code f} from a
 * generator seeded by the seed, {@code f} and {@code g} alone, so they do not depend on the order of the work.
 */
public final class PermutationImportance {

  private final Classifier template;
  private final int folds;
  private final int shuffles;
  private final long seed;
  private final ImportanceMetric metric;

  /**
   * @param template the classifier to explain, copied for every fold (never trained itself)
   * @param folds number of cross-validation folds, at least 2
   * @param shuffles permutations per group and fold, at least 1
   * @param seed seed of the folds and the permutations
   * @param metric what is scored; must suit the class type of the data
   */
  public PermutationImportance(Classifier template, int folds, int shuffles, long seed, ImportanceMetric metric) {
    if (folds < 2) {
      throw new IllegalArgumentException("Invalid number of folds " + folds + ": must be at least 2.");
    }
    if (shuffles < 1) {
      throw new IllegalArgumentException("Invalid number of shuffles " + shuffles + ": must be at least 1.");
    }
    this.template = template;
    this.folds = folds;
    this.shuffles = shuffles;
    this.seed = seed;
    this.metric = metric;
  }

  /** Mean and spread of the importance of each group, with the unshuffled score they are measured from. */
  public static final class Result {

    private final double[] mean;
    private final double[] standardDeviation;
    private final double baselineScore;

    Result(double[] mean, double[] standardDeviation, double baselineScore) {
      this.mean = mean;
      this.standardDeviation = standardDeviation;
      this.baselineScore = baselineScore;
    }

    /** @return per group, the mean loss of score when it is shuffled (a copy) */
    public double[] mean() {
      return mean.clone();
    }

    /** @return per group, the sample standard deviation of that loss over folds and shuffles (a copy) */
    public double[] standardDeviation() {
      return standardDeviation.clone();
    }

    /** @return the metric's score on the held-out folds without shuffling, averaged over the folds */
    public double baselineScore() {
      return baselineScore;
    }
  }

  /**
   * Measures the importance of each group.
   *
   * @param data instances with a class; rows with a missing class are left out. Not modified.
   * @param groups attribute indices per group (the class excluded); a group of one attribute measures that
   *     attribute alone. Not modified.
   * @return the importance of each group, in the order of {@code groups}
   * @throws Exception when a classifier cannot be trained or a group names the class or no attribute
   */
  public Result compute(Instances data, int[][] groups) throws Exception {
    checkGroups(data, groups);
    Instances rows = new Instances(data);
    rows.deleteWithMissingClass();
    if (rows.numInstances() < folds) {
      throw new IllegalArgumentException("Only " + rows.numInstances() + " instances with a known class, fewer than "
        + folds + " folds: lower the number of folds.");
    }
    rows.randomize(new Random(seed));
    if (rows.classAttribute().isNominal()) {
      rows.stratify(folds);
    }
    double[][] losses = new double[groups.length][folds * shuffles];
    double baseline = 0.0;
    for (int f = 0; f < folds; f++) {
      Classifier classifier = AbstractClassifier.makeCopy(template);
      classifier.buildClassifier(rows.trainCV(folds, f, new Random(seed)));
      Instances test = rows.testCV(folds, f);
      double score = metric.score(predict(classifier, test), test);
      baseline += score / folds;
      for (int g = 0; g < groups.length; g++) {
        shuffleGroup(classifier, test, groups[g], score, new Random(mix(seed, f, g)), losses[g], f * shuffles);
      }
    }
    double[] mean = new double[groups.length];
    double[] std = new double[groups.length];
    for (int g = 0; g < groups.length; g++) {
      mean[g] = mean(losses[g]);
      std[g] = sampleStandardDeviation(losses[g], mean[g]);
    }
    return new Result(mean, std, baseline);
  }

  private static void checkGroups(Instances data, int[][] groups) {
    for (int g = 0; g < groups.length; g++) {
      if (groups[g].length == 0) {
        throw new IllegalArgumentException("Group " + g + " of attributes is empty.");
      }
      for (int a : groups[g]) {
        if (a < 0 || a >= data.numAttributes() || a == data.classIndex()) {
          throw new IllegalArgumentException("Group " + g + " names attribute index " + a
            + ", which is the class or not an attribute of '" + data.relationName() + "'.");
        }
      }
    }
  }

  /**
   * Shuffles the group's values among the test rows {@code shuffles} times and records each loss of score. A row is
   * replaced by a copy with the shuffled values (one copy of its values per row and shuffle: Weka's setValue would
   * copy them once per attribute) and put back as it was at the end.
   */
  private void shuffleGroup(Classifier classifier, Instances test, int[] group, double score, Random random,
    double[] losses, int offset) throws Exception {
    int n = test.numInstances();
    Instance[] originals = new Instance[n];
    double[][] values = new double[group.length][n];
    for (int i = 0; i < n; i++) {
      originals[i] = test.instance(i);
      for (int j = 0; j < group.length; j++) {
        values[j][i] = originals[i].value(group[j]);
      }
    }
    int[] permutation = new int[n];
    for (int s = 0; s < shuffles; s++) {
      shuffle(permutation, random);
      for (int i = 0; i < n; i++) {
        double[] row = originals[i].toDoubleArray();
        for (int j = 0; j < group.length; j++) {
          row[group[j]] = values[j][permutation[i]];
        }
        test.set(i, originals[i].copy(row));
      }
      losses[offset + s] = metric.loss(score, metric.score(predict(classifier, test), test));
    }
    for (int i = 0; i < n; i++) {
      test.set(i, originals[i]);
    }
  }

  /** Fisher-Yates: a uniformly random permutation of 0 .. n-1. */
  private static void shuffle(int[] permutation, Random random) {
    for (int i = 0; i < permutation.length; i++) {
      permutation[i] = i;
    }
    for (int i = permutation.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
    }
  }

  /** A seed for fold f and group g that depends on nothing else (SplitMix64's finalizer on the three). */
  private static long mix(long seed, int fold, int group) {
    long z = seed * 0x9E3779B97F4A7C15L + fold * 0xBF58476D1CE4E5B9L + group * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return the distributions of all rows, in one batch when the classifier predicts batches efficiently */
  static double[][] predict(Classifier classifier, Instances test) throws Exception {
    if (classifier instanceof BatchPredictor
      && ((BatchPredictor) classifier).implementsMoreEfficientBatchPrediction()) {
      return ((BatchPredictor) classifier).distributionsForInstances(test);
    }
    double[][] distributions = new double[test.numInstances()][];
    for (int i = 0; i < distributions.length; i++) {
      distributions[i] = classifier.distributionForInstance(test.instance(i));
    }
    return distributions;
  }

  private static double mean(double[] values) {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double sampleStandardDeviation(double[] values, double mean) {
    if (values.length < 2) {
      return 0.0;
    }
    double sum = 0.0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
