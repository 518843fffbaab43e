package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The catalogue of bad input: each case either trains a correct model (finite predictions, probabilities
 * summing to 1) or fails with exactly the documented message, and never changes the training data. The
 * README's "Errors and limits" section lists the same cases. Every error case is also run the way an
 * installed package runs on the command line: through {@code run(Object, String[])}, which {@code weka.Run}
 * calls.
 */
class BadInputCatalogueTest {

  /** A line of a Java stack trace. */
  static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

  @TempDir
  static Path arffFolder;

  /** Builds a small data set: numeric x1, x2, nominal colour, and a class (nominal a/b or numeric). */
  static Instances data(String name, boolean nominalClass, int rows) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x1"));
    attributes.add(new Attribute("x2"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue")));
    attributes.add(nominalClass ? new Attribute("class", Arrays.asList("a", "b")) : new Attribute("y"));
    Instances data = new Instances(name, attributes, rows);
    data.setClassIndex(3);
    Random random = new Random(rows);
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      double target = nominalClass ? (x1 + x2 > 0 ? 1 : 0) : 3 * x1 - x2;
      data.add(new DenseInstance(1.0, new double[] {x1, x2, i % 2, target}));
    }
    return data;
  }

  /** A case: data, options, and the expected message (null when a correct model is expected). */
  static final class Case {

    final String name;
    final boolean regressor;
    final Instances data;
    final String[] options;
    final String message;

    Case(String name, boolean regressor, Instances data, String options, String message) {
      this.name = name;
      this.regressor = regressor;
      this.data = data;
      try {
        this.options = Utils.splitOptions(options);
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
      this.message = message;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("empty data set", false, data("empty", true, 0), "",
      "The training data 'empty' has no instances."));
    Instances missingClass = data("unlabelled", true, 5);
    for (Instance instance : missingClass) {
      instance.setClassMissing();
    }
    cases.add(new Case("only instances with a missing class", false, missingClass, "",
      "No training instances with a known class value: all 5 instance(s) have a missing value for class "
        + "attribute 'class'."));
    Instances oneClass = data("one class", true, 20);
    for (Instance instance : oneClass) {
      instance.setClassValue("b");
    }
    cases.add(new Case("a single class value", false, oneClass, "", null));
    cases.add(new Case("numeric class for the classifier", false, data("numeric", false, 10), "",
      "weka.classifiers.functions.MultilayerPerceptronClassifier: Cannot handle numeric class! "
        + "MultilayerPerceptronClassifier predicts a nominal class; use MultilayerPerceptronRegressor for a "
        + "numeric class."));
    cases.add(new Case("nominal class for the regressor", true, data("nominal", true, 10), "",
      "weka.classifiers.functions.MultilayerPerceptronRegressor: Cannot handle binary class! "
        + "MultilayerPerceptronRegressor predicts a numeric class; use MultilayerPerceptronClassifier for a "
        + "nominal class."));
    cases.add(new Case("a string attribute", false, withStringAttribute(), "",
      "weka.classifiers.functions.MultilayerPerceptronClassifier: Cannot handle string attributes! Remove such "
        + "attributes or convert them (for example with the StringToWordVector filter for string attributes)."));
    cases.add(new Case("a relational attribute", false, withRelationalAttribute(), "",
      "weka.classifiers.functions.MultilayerPerceptronClassifier: Cannot handle relational attributes! Remove "
        + "such attributes or convert them (for example with the StringToWordVector filter for string "
        + "attributes)."));
    Instances constant = data("constant", true, 12);
    for (Instance instance : constant) {
      instance.setValue(0, 1.0);
      instance.setValue(1, 2.0);
      instance.setValue(2, 0);
    }
    cases.add(new Case("all attributes constant", false, constant, "", null));
    Instances emptyColumn = data("empty column", true, 12);
    for (Instance instance : emptyColumn) {
      instance.setMissing(1);
    }
    cases.add(new Case("all values missing in a column", false, emptyColumn, "", null));
    Instances nan = data("nan", true, 12);
    nan.instance(2).setValue(0, Double.NaN);
    nan.instance(5).setValue(1, Double.NaN);
    cases.add(new Case("NaN values (Weka's missing value)", false, nan, "", null));
    Instances infinite = data("infinite", true, 12);
    infinite.instance(2).setValue(0, Double.POSITIVE_INFINITY);
    cases.add(new Case("an infinite value", false, infinite, "",
      "Attribute 'x1' has the infinite value Infinity in instance 3; replace it with a finite number or mark it "
        + "missing ('?')."));
    Instances negativeInfinite = data("negative infinite", false, 12);
    negativeInfinite.instance(7).setValue(1, Double.NEGATIVE_INFINITY);
    cases.add(new Case("a negative infinite value (regressor)", true, negativeInfinite, "",
      "Attribute 'x2' has the infinite value -Infinity in instance 8; replace it with a finite number or mark "
        + "it missing ('?')."));
    Instances huge = data("huge", true, 30);
    for (Instance instance : huge) {
      instance.setValue(0, instance.value(0) * 1e300);
    }
    cases.add(new Case("values of 1e300", false, huge, "", null));
    Instances hugeTarget = data("huge target", false, 30);
    for (Instance instance : hugeTarget) {
      instance.setClassValue(instance.classValue() * 1e300);
    }
    cases.add(new Case("targets of 1e300 (regressor)", true, hugeTarget, "", null));
    Instances infiniteTarget = data("infinite target", false, 10);
    infiniteTarget.instance(1).setClassValue(Double.POSITIVE_INFINITY);
    cases.add(new Case("an infinite target (regressor)", true, infiniteTarget, "",
      "Class attribute 'y' has the infinite value Infinity in instance 2."));
    Instances zeroWeights = data("zero weights", true, 10);
    for (Instance instance : zeroWeights) {
      instance.setWeight(0.0);
    }
    cases.add(new Case("all instance weights zero", false, zeroWeights, "",
      "The training rows have a total instance weight of 0.0: at least one instance needs a positive weight."));
    Instances negativeWeight = data("negative weight", true, 10);
    negativeWeight.instance(3).setWeight(-1.0);
    cases.add(new Case("a negative instance weight", false, negativeWeight, "",
      "Instance 4 has the weight -1.0; instance weights must be finite and >= 0."));
    cases.add(new Case("mini-batch size larger than the data", false, data("small", true, 10),
      "-mini-batch-size 500", null));
    cases.add(new Case("early stopping on a data set too small to split", false, data("tiny", true, 1),
      "-early-stopping", "-early-stopping needs at least 2 training instances to hold out a validation split of "
        + "-validation-fraction 0.1; got 1. Turn early stopping off or use more data."));
    cases.add(new Case("early stopping on a small data set", false, data("small", true, 8), "-early-stopping", null));
    cases.add(new Case("a network too large for the heap", false, data("small", true, 10),
      "-hidden-layer-sizes 100000,100000", "Training needs about "));
    String[][] invalidOptions = {
      {"-hidden-layer-sizes 0", "Invalid -hidden-layer-sizes \"0\": entry 1 is '0'; give comma-separated positive "
        + "integers such as \"100\" or \"64,32\", or an empty value for no hidden layer."},
      {"-hidden-layer-sizes -5", "Invalid -hidden-layer-sizes \"-5\": entry 1 is '-5'; give comma-separated "
        + "positive integers such as \"100\" or \"64,32\", or an empty value for no hidden layer."},
      {"-hidden-layer-sizes 10,,5", "Invalid -hidden-layer-sizes \"10,,5\": entry 2 is ''; give comma-separated "
        + "positive integers such as \"100\" or \"64,32\", or an empty value for no hidden layer."},
      {"-hidden-layer-sizes abc", "Invalid -hidden-layer-sizes \"abc\": entry 1 is 'abc'; give comma-separated "
        + "positive integers such as \"100\" or \"64,32\", or an empty value for no hidden layer."},
      {"-alpha -0.5", "Invalid -alpha -0.5: must be a finite number >= 0."},
      {"-alpha NaN", "Invalid -alpha NaN: must be a finite number >= 0."},
      {"-learning-rate-init 0", "Invalid -learning-rate-init 0.0: must be a finite number greater than 0."},
      {"-learning-rate-init -1", "Invalid -learning-rate-init -1.0: must be a finite number greater than 0."},
      {"-max-iter 0", "Invalid -max-iter 0: must be at least 1."},
      {"-max-iter -10", "Invalid -max-iter -10: must be at least 1."},
      {"-validation-fraction 0", "Invalid -validation-fraction 0.0: must be strictly between 0 and 1."},
      {"-validation-fraction 1.5", "Invalid -validation-fraction 1.5: must be strictly between 0 and 1."},
      {"-solver newton", "Unknown solver 'newton' (option -solver): allowed values are adam, sgd, lbfgs."},
      {"-activation softplus", "Unknown activation 'softplus' (option -activation): allowed values are relu, tanh, "
        + "logistic, identity."}};
    for (String[] invalid : invalidOptions) {
      cases.add(new Case("option " + invalid[0], false, data("options", true, 10), invalid[0], invalid[1]));
    }
    return cases;
  }

  private static Instances withStringAttribute() {
    Instances base = data("strings", true, 6);
    base.insertAttributeAt(new Attribute("note", (List<String>) null), 0);
    for (Instance instance : base) {
      instance.setValue(0, "text");
    }
    return base;
  }

  private static Instances withRelationalAttribute() {
    Instances base = data("relational", true, 6);
    ArrayList<Attribute> inner = new ArrayList<>();
    inner.add(new Attribute("v"));
    base.insertAttributeAt(new Attribute("bag", new Instances("bag", inner, 0)), 0);
    return base;
  }

  @TestFactory
  List<DynamicTest> everyCaseGivesACorrectModelOrItsDocumentedMessage() {
    List<DynamicTest> tests = new ArrayList<>();
    List<Case> cases = cases();
    assertTrue(cases.size() >= 30, "the catalogue has " + cases.size() + " cases");
    for (Case c : cases) {
      tests.add(DynamicTest.dynamicTest(c.name, () -> run(c)));
    }
    return tests;
  }

  private static void run(Case c) throws Exception {
    String before = c.data.toString();
    double[] weights = new double[c.data.numInstances()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = c.data.instance(i).weight();
    }
    AbstractMultilayerPerceptron mlp = c.regressor ? new MultilayerPerceptronRegressor()
      : new MultilayerPerceptronClassifier();
    Exception failure = null;
    try {
      mlp.setOptions(c.options.clone());
      mlp.setMaxIterations(Math.min(mlp.getMaxIterations(), 30));
      mlp.buildClassifier(c.data);
    } catch (Exception e) {
      failure = e;
    }
    assertEquals(before, c.data.toString(), "the training data changed");
    for (int i = 0; i < weights.length; i++) {
      assertEquals(weights[i], c.data.instance(i).weight(), 0.0, "weight of instance " + i + " changed");
    }
    if (c.message == null) {
      if (failure != null) {
        fail("expected a model, got: " + failure);
      }
      for (Instance instance : c.data) {
        double[] p = mlp.distributionForInstance(instance);
        double sum = 0;
        for (double v : p) {
          assertTrue(Double.isFinite(v), Arrays.toString(p));
          sum += v;
        }
        if (!c.regressor) {
          assertEquals(1.0, sum, 1e-9, Arrays.toString(p));
        }
      }
    } else {
      assertNotNull(failure, "expected the error: " + c.message);
      // a refused build leaves no model behind (nothing half-built that would predict)
      Exception noModel = assertThrows(IllegalStateException.class, () -> mlp.distributionForInstance(
        new DenseInstance(c.data.numAttributes())), c.name);
      assertEquals("No model built yet: call buildClassifier first.", noModel.getMessage());
      if (c.message.endsWith(" ")) {
        assertTrue(failure.getMessage().startsWith(c.message), failure.getMessage());
      } else {
        assertEquals(c.message, failure.getMessage());
      }
    }
  }

  /**
   * The path of {@code weka.Run}: Weka hands the arguments to the classifier's {@code run(Object, String[])}.
   * A data error ends with the one line {@code Error: <message>} on stderr and nothing on stdout; an invalid
   * option keeps Weka's usual message followed by the option help.
   */
  @TestFactory
  List<DynamicTest> everyErrorThroughWekaRunIsOneLineOrWekasOptionHelp() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      if (c.message != null) {
        tests.add(DynamicTest.dynamicTest(c.name, () -> runThroughWekaRun(c)));
      }
    }
    return tests;
  }

  private static void runThroughWekaRun(Case c) throws Exception {
    Path arff = Files.createTempFile(arffFolder, "case", ".arff");
    Files.writeString(arff, c.data.toString() + "\n", StandardCharsets.UTF_8);
    List<String> arguments = new ArrayList<>(Arrays.asList("-t", arff.toString(), "-no-cv"));
    arguments.addAll(Arrays.asList(c.options));
    if (!arguments.contains("-max-iter")) {
      arguments.addAll(Arrays.asList("-max-iter", "30"));
    }
    AbstractMultilayerPerceptron mlp = c.regressor ? new MultilayerPerceptronRegressor()
      : new MultilayerPerceptronClassifier();
    String[] output = captureOutput(() -> mlp.run(mlp, arguments.toArray(new String[0])));
    String stdout = output[0];
    String stderr = output[1];
    assertTrue(!STACK_FRAME.matcher(stderr).find() && !stderr.contains("Exception in"), stderr);
    assertEquals("", stdout.trim(), "nothing is evaluated");
    if (c.name.startsWith("option ")) {
      assertTrue(stderr.trim().startsWith("Weka exception: " + c.message + "\n"), stderr);
      assertTrue(stderr.contains("General options:"), "Weka's option help follows: " + stderr);
      return;
    }
    List<String> lines = withoutLibraryLogging(stderr);
    assertEquals(1, lines.size(), stderr);
    if (c.message.endsWith(" ")) {
      assertTrue(lines.get(0).startsWith("Error: " + c.message), lines.get(0));
    } else {
      assertEquals("Error: " + c.message, lines.get(0));
    }
  }

  /** Something to run with System.out and System.err captured. */
  interface Action {

    void run() throws Exception;
  }

  /** @return {stdout, stderr} of the action */
  static String[] captureOutput(Action action) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8.name()));
      System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8.name()));
      action.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {capturedOut.toString(StandardCharsets.UTF_8.name()),
      capturedErr.toString(StandardCharsets.UTF_8.name())};
  }

  /** The lines of a stream without the warnings Weka's matrix library logs about optional native code. */
  static List<String> withoutLibraryLogging(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.contains("com.github.fommil") && !line.startsWith("WARNING: Failed to load")) {
        lines.add(line);
      }
    }
    return lines;
  }
}
