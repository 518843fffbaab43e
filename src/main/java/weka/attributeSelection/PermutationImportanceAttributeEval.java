package weka.attributeSelection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;

/**
 * Ranks attributes by their permutation importance for any classifier ({@link PermutationImportance}): how much
 * worse the classifier predicts held-out rows when one attribute's values are shuffled among them. Used with
 * {@link Ranker}, in the Explorer's Select attributes tab or on the command line.
 */
public class PermutationImportanceAttributeEval extends ASEvaluation
  implements AttributeEvaluator, OptionHandler, TechnicalInformationHandler {

  private static final long serialVersionUID = -6270514380658932874L;

  /** Metric tag: accuracy for a nominal class, RMSE for a numeric class. */
  public static final int METRIC_AUTO = 0;
  /** The tags of the metric property, in the order of {@link #METRIC_AUTO} and {@link ImportanceMetric}. */
  public static final Tag[] TAGS_METRIC = {
    new Tag(METRIC_AUTO, "auto", "auto: drop in accuracy (nominal class) or increase in RMSE (numeric class)", false),
    new Tag(1, "accuracy", "drop in accuracy (nominal class)", false),
    new Tag(2, "log-loss", "increase in log-loss (nominal class)", false),
    new Tag(3, "rmse", "increase in root mean squared error (numeric class)", false),
    new Tag(4, "mae", "increase in mean absolute error (numeric class)", false)};

  private static final int DEFAULT_FOLDS = 5;
  private static final int DEFAULT_SHUFFLES = 5;

  private Classifier classifier = new MultilayerPerceptronClassifier();
  private int folds = DEFAULT_FOLDS;
  private int shuffles = DEFAULT_SHUFFLES;
  private int seed = 1;
  private int metric = METRIC_AUTO;

  /** What the last {@link #buildEvaluator} found; null before. */
  private Ranking ranking;

  /** The importances of one data set and how they were measured. */
  private static final class Ranking implements java.io.Serializable {

    private static final long serialVersionUID = 4312084723146542931L;
    final String[] names;
    final int[] attributes;
    final double[] mean;
    final double[] standardDeviation;
    final double[] meanOfAttribute;
    final ImportanceMetric metric;
    final String classifier;
    final double baselineScore;
    final double seconds;

    Ranking(Instances data, int[] attributes, PermutationImportance.Result result, ImportanceMetric metric,
      String classifier, double seconds) {
      this.attributes = attributes;
      names = new String[attributes.length];
      for (int i = 0; i < attributes.length; i++) {
        names[i] = data.attribute(attributes[i]).name();
      }
      mean = result.mean();
      standardDeviation = result.standardDeviation();
      meanOfAttribute = new double[data.numAttributes()];
      for (int i = 0; i < attributes.length; i++) {
        meanOfAttribute[attributes[i]] = mean[i];
      }
      this.metric = metric;
      this.classifier = classifier;
      baselineScore = result.baselineScore();
      this.seconds = seconds;
    }
  }

  /** @return a description for the Explorer */
  public String globalInfo() {
    return "Permutation importance of each attribute for a classifier: the classifier is trained on all but one of "
      + "several cross-validation folds and scored on the held-out fold, then scored again after the values of one "
      + "attribute have been shuffled among the held-out rows, several times per attribute. An attribute's merit is "
      + "the mean loss of score (drop in accuracy, increase in RMSE, ...) over folds and shuffles; the output lists "
      + "its standard deviation too. Works with any classifier (default: MultilayerPerceptronClassifier, replaced by "
      + "MultilayerPerceptronRegressor with the same options for a numeric class). Ranks are reproducible for a "
      + "given seed. Use with the Ranker search method.\n\nFor more information see:\n\n"
      + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation info = new TechnicalInformation(Type.ARTICLE);
    info.setValue(Field.AUTHOR, "Leo Breiman");
    info.setValue(Field.TITLE, "Random Forests");
    info.setValue(Field.JOURNAL, "Machine Learning");
    info.setValue(Field.VOLUME, "45");
    info.setValue(Field.NUMBER, "1");
    info.setValue(Field.PAGES, "5-32");
    info.setValue(Field.YEAR, "2001");
    TechnicalInformation more = info.add(Type.ARTICLE);
    more.setValue(Field.AUTHOR, "Aaron Fisher and Cynthia Rudin and Francesca Dominici");
    more.setValue(Field.TITLE, "All Models are Wrong, but Many are Useful: Learning a Variable's Importance by "
      + "Studying an Entire Class of Prediction Models Simultaneously");
    more.setValue(Field.JOURNAL, "Journal of Machine Learning Research");
    more.setValue(Field.VOLUME, "20");
    more.setValue(Field.NUMBER, "177");
    more.setValue(Field.YEAR, "2019");
    return info;
  }

  @Override
  public Enumeration<Option> listOptions() {
    List<Option> options = new ArrayList<>();
    options.add(new Option("\tThe classifier whose predictions are explained, with its options after --.\n"
      + "\t(default: weka.classifiers.functions.MultilayerPerceptronClassifier; for a numeric class\n"
      + "\tMultilayerPerceptronRegressor with the same options)", "W", 1, "-W <classifier name>"));
    options.add(new Option("\tNumber of cross-validation folds: a classifier is trained per fold\n"
      + "\tand the held-out fold is shuffled (default " + DEFAULT_FOLDS + ", at least 2)", "F", 1, "-F <folds>"));
    options.add(new Option("\tShuffles of each attribute per fold (default " + DEFAULT_SHUFFLES + ", at least 1)", "N",
      1, "-N <shuffles>"));
    options.add(new Option("\tSeed of the folds and the shuffles (default 1)", "S", 1, "-S <seed>"));
    options.add(new Option("\tMetric: auto, accuracy, log-loss (nominal class), rmse, mae (numeric class)\n"
      + "\t(default auto: accuracy for a nominal class, rmse for a numeric class)", "E", 1, "-E <metric>"));
    options.addAll(Collections.list(super.listOptions()));
    if (classifier instanceof OptionHandler) {
      options.add(new Option("", "", 0, "\nOptions specific to classifier " + classifier.getClass().getName()
        + ":"));
      options.addAll(Collections.list(((OptionHandler) classifier).listOptions()));
    }
    return Collections.enumeration(options);
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String name = Utils.getOption('W', options);
    String folds = Utils.getOption('F', options);
    String shuffles = Utils.getOption('N', options);
    String seed = Utils.getOption('S', options);
    String metric = Utils.getOption('E', options);
    setFolds(folds.isEmpty() ? DEFAULT_FOLDS : parseInt("-F", folds));
    setShuffles(shuffles.isEmpty() ? DEFAULT_SHUFFLES : parseInt("-N", shuffles));
    setSeed(seed.isEmpty() ? 1 : parseInt("-S", seed));
    setMetric(new SelectedTag(metric.isEmpty() ? METRIC_AUTO : metricTag(metric), TAGS_METRIC));
    String[] classifierOptions = Utils.partitionOptions(options);
    super.setOptions(options);
    Utils.checkForRemainingOptions(options);
    if (name.isEmpty()) {
      name = MultilayerPerceptronClassifier.class.getName();
    }
    setClassifier(AbstractClassifier.forName(name, classifierOptions));
  }

  private static int parseInt(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + flag + " '" + value + "': must be a whole number.");
    }
  }

  private static int metricTag(String name) {
    if (name.equals("auto")) {
      return METRIC_AUTO;
    }
    return ImportanceMetric.forName(name).ordinal() + 1;
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    options.add("-F");
    options.add(Integer.toString(folds));
    options.add("-N");
    options.add(Integer.toString(shuffles));
    options.add("-S");
    options.add(Integer.toString(seed));
    options.add("-E");
    options.add(TAGS_METRIC[metric].getIDStr());
    Collections.addAll(options, super.getOptions());
    options.add("-W");
    options.add(classifier.getClass().getName());
    if (classifier instanceof OptionHandler) {
      String[] classifierOptions = ((OptionHandler) classifier).getOptions();
      if (classifierOptions.length > 0) {
        options.add("--");
        Collections.addAll(options, classifierOptions);
      }
    }
    return options.toArray(new String[0]);
  }

  /** @return the tip text of the classifier property */
  public String classifierTipText() {
    return "The classifier whose predictions are explained (default MultilayerPerceptronClassifier; for a numeric "
      + "class it is replaced by MultilayerPerceptronRegressor with the same options).";
  }

  /** @return the classifier that is trained on each fold */
  public Classifier getClassifier() {
    return classifier;
  }

  /** @param classifier the classifier to train on each fold (copied, never trained itself) */
  public void setClassifier(Classifier classifier) {
    if (classifier == null) {
      throw new IllegalArgumentException("The classifier (-W) must be set.");
    }
    this.classifier = classifier;
  }

  /** @return the tip text of the folds property */
  public String foldsTipText() {
    return "Number of cross-validation folds (default " + DEFAULT_FOLDS + ", at least 2): a classifier is trained on "
      + "all but one fold and the held-out fold is shuffled.";
  }

  /** @return the number of folds */
  public int getFolds() {
    return folds;
  }

  /** @param folds the number of folds, at least 2 */
  public void setFolds(int folds) {
    if (folds < 2) {
      throw new IllegalArgumentException("Invalid -F " + folds + ": the number of folds must be at least 2.");
    }
    this.folds = folds;
  }

  /** @return the tip text of the shuffles property */
  public String shufflesTipText() {
    return "How often each attribute is shuffled per fold (default " + DEFAULT_SHUFFLES + ", at least 1); the "
      + "spread of the importance is taken over folds and shuffles.";
  }

  /** @return the number of shuffles per attribute and fold */
  public int getShuffles() {
    return shuffles;
  }

  /** @param shuffles shuffles per attribute and fold, at least 1 */
  public void setShuffles(int shuffles) {
    if (shuffles < 1) {
      throw new IllegalArgumentException("Invalid -N " + shuffles + ": the number of shuffles must be at least 1.");
    }
    this.shuffles = shuffles;
  }

  /** @return the tip text of the seed property */
  public String seedTipText() {
    return "Seed of the folds and the shuffles (default 1): the same seed gives the same ranking.";
  }

  /** @return the seed */
  public int getSeed() {
    return seed;
  }

  /** @param seed the seed of the folds and shuffles */
  public void setSeed(int seed) {
    this.seed = seed;
  }

  /** @return the tip text of the metric property */
  public String metricTipText() {
    return "What is scored on the held-out rows (default auto: accuracy for a nominal class, rmse for a numeric "
      + "class); accuracy and log-loss need a nominal class, rmse and mae a numeric one.";
  }

  /** @return the metric */
  public SelectedTag getMetric() {
    return new SelectedTag(metric, TAGS_METRIC);
  }

  /** @param metric the metric, a tag of {@link #TAGS_METRIC} */
  public void setMetric(SelectedTag metric) {
    if (metric.getTags() == TAGS_METRIC) {
      this.metric = metric.getSelectedTag().getID();
    }
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = new Capabilities(this);
    result.assign(classifier.getCapabilities());
    if (classifier instanceof MultilayerPerceptronClassifier) {
      result.or(new MultilayerPerceptronRegressor().getCapabilities());
    }
    result.setOwner(this);
    result.disable(Capability.STRING_ATTRIBUTES);
    result.disable(Capability.RELATIONAL_ATTRIBUTES);
    result.disable(Capability.NO_CLASS);
    result.setMinimumNumberInstances(folds);
    return result;
  }

  @Override
  public void buildEvaluator(Instances data) throws Exception {
    ranking = null;
    checkData(data);
    ImportanceMetric chosen = chosenMetric(data.classAttribute());
    Classifier explained = classifierFor(data);
    if (!getDoNotCheckCapabilities()) {
      explained.getCapabilities().testWithFail(data);
    }
    int[] attributes = new int[data.numAttributes() - 1];
    int[][] groups = new int[attributes.length][];
    for (int a = 0, i = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex()) {
        attributes[i] = a;
        groups[i++] = new int[] {a};
      }
    }
    long start = System.nanoTime();
    PermutationImportance.Result result = new PermutationImportance(explained, folds, shuffles, seed, chosen)
      .compute(data, groups);
    ranking = new Ranking(data, attributes, result, chosen, describe(explained), (System.nanoTime() - start) * 1e-9);
  }

  /**
   * The importance of groups of attributes, each group shuffled as one (the same row permutation for all its
   * attributes), with this evaluator's classifier, folds, shuffles, seed and metric: for attributes that only
   * matter together, or many attributes at a lower cost (pixel blocks of an image).
   *
   * @param data instances with a class. Not modified.
   * @param groups attribute indices per group, the class excluded. Not modified.
   * @return the importance of each group in the order given
   * @throws Exception when the data are unusable or a classifier cannot be trained
   */
  public PermutationImportance.Result evaluateGroups(Instances data, int[][] groups) throws Exception {
    checkData(data);
    Classifier explained = classifierFor(data);
    return new PermutationImportance(explained, folds, shuffles, seed, chosenMetric(data.classAttribute()))
      .compute(data, groups);
  }

  private void checkData(Instances data) {
    if (data.classIndex() < 0) {
      throw new IllegalArgumentException("PermutationImportanceAttributeEval needs a class attribute: none is set "
        + "(on the command line, -c sets it).");
    }
    for (int a = 0; a < data.numAttributes(); a++) {
      Attribute attribute = data.attribute(a);
      if (a != data.classIndex() && (attribute.isString() || attribute.isRelationValued())) {
        throw new IllegalArgumentException("Attribute '" + attribute.name() + "' is a " + Attribute.typeToString(
          attribute) + " attribute, which permutation importance cannot shuffle: remove it or convert it "
          + "(StringToNominal, StringToWordVector).");
      }
    }
    if (!data.classAttribute().isNominal() && !data.classAttribute().isNumeric()) {
      throw new IllegalArgumentException("The class '" + data.classAttribute().name() + "' is a " + Attribute
        .typeToString(data.classAttribute()) + " attribute: it must be nominal or numeric.");
    }
  }

  private ImportanceMetric chosenMetric(Attribute classAttribute) {
    boolean nominal = classAttribute.isNominal();
    if (metric == METRIC_AUTO) {
      return nominal ? ImportanceMetric.ACCURACY : ImportanceMetric.RMSE;
    }
    ImportanceMetric chosen = ImportanceMetric.values()[metric - 1];
    if (chosen.forNominalClass() != nominal) {
      throw new IllegalArgumentException("Invalid -E " + chosen.optionName() + " for the " + (nominal ? "nominal"
        : "numeric") + " class '" + classAttribute.name() + "': use " + (nominal ? "accuracy or log-loss."
          : "rmse or mae."));
    }
    return chosen;
  }

  /** @return the classifier, or for a numeric class instead of the default classifier the regressor */
  private Classifier classifierFor(Instances data) throws Exception {
    if (data.classAttribute().isNumeric() && classifier.getClass() == MultilayerPerceptronClassifier.class) {
      MultilayerPerceptronRegressor regressor = new MultilayerPerceptronRegressor();
      regressor.setOptions(((MultilayerPerceptronClassifier) classifier).getOptions());
      return regressor;
    }
    return classifier;
  }

  private static String describe(Classifier classifier) {
    String options = classifier instanceof OptionHandler ? Utils.joinOptions(((OptionHandler) classifier)
      .getOptions()) : "";
    return (classifier.getClass().getName() + " " + options).trim();
  }

  @Override
  public double evaluateAttribute(int attribute) throws Exception {
    if (ranking == null) {
      throw new IllegalStateException("The evaluator has not been built: call buildEvaluator first.");
    }
    return ranking.meanOfAttribute[attribute];
  }

  /**
   * @param attribute an attribute index of the data the evaluator was built on (not the class)
   * @return the sample standard deviation of its importance over folds and shuffles
   */
  public double standardDeviationOf(int attribute) {
    if (ranking == null) {
      throw new IllegalStateException("The evaluator has not been built: call buildEvaluator first.");
    }
    for (int i = 0; i < ranking.attributes.length; i++) {
      if (ranking.attributes[i] == attribute) {
        return ranking.standardDeviation[i];
      }
    }
    throw new IllegalArgumentException("Attribute index " + attribute + " is the class or out of range.");
  }

  @Override
  public String toString() {
    if (ranking == null) {
      return "Permutation importance: no evaluator built yet.";
    }
    Ranking r = ranking;
    StringBuilder sb = new StringBuilder("Permutation importance\n======================\n\n");
    sb.append("Classifier: ").append(r.classifier).append('\n');
    String what = r.metric.higherIsBetter() ? "drop in " : "increase in ";
    sb.append(String.format(Locale.ROOT, "Importance: %s%s on held-out rows, %d folds x %d shuffles per attribute, "
      + "seed %d%n", what, r.metric.optionName(), folds, shuffles, seed));
    sb.append(String.format(Locale.ROOT, "Held-out %s without shuffling: %.4f (mean over the folds)%n", r.metric
      .optionName(), r.baselineScore));
    sb.append(String.format(Locale.ROOT, "Time: %.1f s%n%n", r.seconds));
    sb.append(String.format(Locale.ROOT, "%5s  %10s  %9s  %s%n", "rank", "mean", "std", "attribute"));
    Integer[] order = new Integer[r.mean.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(r.mean[y], r.mean[x]));
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      sb.append(String.format(Locale.ROOT, "%5d  %10.5f  ± %7.5f  %d %s%n", k + 1, r.mean[i], r.standardDeviation[i],
        r.attributes[i] + 1, r.names[i]));
    }
    return sb.toString();
  }

  /**
   * Runs the evaluator from the command line, as Weka's other evaluators run.
   *
   * @param args options of weka.attributeSelection.AttributeSelection and of this evaluator
   */
  public static void main(String[] args) {
    new PermutationImportanceAttributeEval().run(new PermutationImportanceAttributeEval(), args);
  }

  /**
   * Runs the evaluator as weka.Run does: Weka's attribute selection with its output on stdout; an error ends with
   * its message on stderr (an invalid option followed by the option help, as Weka prints it) instead of Weka's
   * stack trace. The JVM is not exited (Weka's SimpleCLI runs weka.Run inside the GUI's JVM).
   *
   * @param toRun the evaluator to run
   * @param options the command-line arguments
   */
  @Override
  public void run(Object toRun, String[] options) {
    if (!(toRun instanceof PermutationImportanceAttributeEval)) {
      throw new IllegalArgumentException("Object to run is not a PermutationImportanceAttributeEval: " + toRun);
    }
    try {
      System.out.println(AttributeSelection.SelectAttributes((ASEvaluation) toRun, options));
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().trim();
      System.err.println(message.startsWith("Help requested") || message.contains("General options") ? message
        : "Error: " + message);
    }
  }
}
