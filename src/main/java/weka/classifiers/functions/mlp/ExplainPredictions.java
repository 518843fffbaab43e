package weka.classifiers.functions.mlp;

import java.io.PrintStream;

import weka.core.CommandlineRunnable;
import weka.core.Instances;
import weka.core.Range;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The command line for {@link PredictionExplainer}: loads a model saved with Weka's {@code -d} and a data set, and
 * prints the integrated-gradients attributions of the chosen rows.
 *
 * <pre>
 * java weka.classifiers.functions.mlp.ExplainPredictions -l mlp.model -t data.arff -rows 1,5-7 [-steps 100]
 *     [-class value]
 * </pre>
 */
public final class ExplainPredictions implements CommandlineRunnable {

  private static final String USAGE = "Usage: ExplainPredictions -l <model file> -t <data file> [-rows <range>] "
    + "[-steps <n>] [-class <value>]\n"
    + "  -l      a MultilayerPerceptronClassifier or MultilayerPerceptronRegressor saved with Weka's -d\n"
    + "  -t      ARFF (or any format Weka reads) with the training data's attributes\n"
    + "  -rows   rows to explain, 1-based, e.g. 1,5-7 or first-last (default 1)\n"
    + "  -steps  intervals of the path integral to start with (default " + PredictionExplainer.DEFAULT_STEPS
    + "; doubled while the attributions miss the output difference by more than 1 %)\n"
    + "  -class  the class value whose probability is explained (default: the predicted class; classifier only)";

  /** For weka.Run, which makes an instance and calls {@link #run}. */
  public ExplainPredictions() {
  }

  /**
   * Prints the attributions of the chosen rows, or one line "Error: ..." on stderr.
   *
   * @param args the options (see the class comment)
   */
  public static void main(String[] args) {
    new ExplainPredictions().run(null, args);
  }

  @Override
  public void preExecution() {
    // nothing to prepare
  }

  /**
   * Prints the attributions of the chosen rows, or one line "Error: ..." on stderr (the JVM is not exited: Weka's
   * SimpleCLI runs weka.Run inside the GUI's JVM).
   *
   * @param toRun ignored (weka.Run passes this object)
   * @param args the options (see the class comment)
   */
  @Override
  public void run(Object toRun, String[] args) {
    try {
      explain(args, System.out);
    } catch (Exception e) {
      System.err.println("Error: " + e.getMessage());
    }
  }

  @Override
  public void postExecution() {
    // nothing to clean up
  }

  /**
   * @param args the options. Modified (Weka's option parsing blanks the options it reads).
   * @param out where the attributions are printed
   * @throws Exception naming the option, file or value that is wrong
   */
  static void explain(String[] args, PrintStream out) throws Exception {
    if (Utils.getFlag('h', args) || args.length == 0) {
      out.println(USAGE);
      return;
    }
    String modelFile = Utils.getOption('l', args);
    String dataFile = Utils.getOption('t', args);
    String rows = Utils.getOption("rows", args);
    String steps = Utils.getOption("steps", args);
    String classValue = Utils.getOption("class", args);
    Utils.checkForRemainingOptions(args);
    if (modelFile.isEmpty() || dataFile.isEmpty()) {
      throw new IllegalArgumentException("Both -l <model file> and -t <data file> are needed.\n" + USAGE);
    }
    AbstractMultilayerPerceptron classifier = readModel(modelFile);
    MlpModel model = classifier.getModel();
    if (model == null) {
      throw new IllegalArgumentException("The classifier in '" + modelFile + "' has not been trained.");
    }
    Instances data = DataSource.read(dataFile);
    Instances header = model.header();
    if (data.numAttributes() != header.numAttributes()) {
      throw new IllegalArgumentException("'" + dataFile + "' has " + data.numAttributes()
        + " attributes, the model's training data had " + header.numAttributes() + ".");
    }
    data.setClassIndex(header.classIndex());
    int[] selected = selectRows(rows.isEmpty() ? "1" : rows, data.numInstances());
    int start = parseSteps(steps);
    PredictionExplainer explainer = new PredictionExplainer(model);
    int classIndex = classValue.isEmpty() ? -1 : classValueIndex(data, classValue);
    out.println("Integrated gradients of " + classifier.getClass().getSimpleName() + " ('" + modelFile + "') on '"
      + dataFile + "', baseline: the training mean");
    for (int row : selected) {
      Explanation e = classIndex < 0 ? explainer.explain(data.instance(row), start) : explainer.explain(data.instance(
        row), classIndex, start);
      out.println();
      out.print("Row " + (row + 1) + ": " + e);
    }
  }

  private static AbstractMultilayerPerceptron readModel(String file) throws Exception {
    Object read;
    try {
      read = SerializationHelper.read(file);
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot read a model from '" + file + "': " + e.getMessage(), e);
    }
    if (!(read instanceof AbstractMultilayerPerceptron)) {
      throw new IllegalArgumentException("'" + file + "' holds a " + read.getClass().getName()
        + ", not a MultilayerPerceptronClassifier or MultilayerPerceptronRegressor.");
    }
    return (AbstractMultilayerPerceptron) read;
  }

  private static int[] selectRows(String rows, int numInstances) {
    Range range = new Range(rows);
    try {
      range.setUpper(numInstances - 1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid -rows '" + rows + "': " + e.getMessage());
    }
    int[] selected = range.getSelection();
    if (selected.length == 0) {
      throw new IllegalArgumentException("Invalid -rows '" + rows + "': no row of the " + numInstances
        + " is selected.");
    }
    return selected;
  }

  private static int parseSteps(String steps) {
    if (steps.isEmpty()) {
      return PredictionExplainer.DEFAULT_STEPS;
    }
    try {
      int n = Integer.parseInt(steps);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid -steps '" + steps + "': must be a whole number of at least 1.");
  }

  private static int classValueIndex(Instances data, String value) {
    if (!data.classAttribute().isNominal()) {
      throw new IllegalArgumentException("-class needs a nominal class; '" + data.classAttribute().name()
        + "' is numeric.");
    }
    int index = data.classAttribute().indexOfValue(value);
    if (index < 0) {
      throw new IllegalArgumentException("Invalid -class '" + value + "': the class '" + data.classAttribute()
        .name() + "' has no such value.");
    }
    return index;
  }
}
