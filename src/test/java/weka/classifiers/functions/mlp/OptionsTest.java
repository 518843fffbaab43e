package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Option;
import weka.core.Utils;

/** The command-line interface: the exact flags, their defaults, round trips and invalid values. */
class OptionsTest {

  private static final String[] FLAGS = {"hidden-layer-sizes", "activation", "solver", "alpha", "mini-batch-size",
    "learning-rate-init", "learning-rate-schedule", "power-t", "momentum", "no-nesterov", "beta1", "beta2",
    "epsilon", "max-iter", "tol", "n-iter-no-change", "max-fun", "early-stopping", "validation-fraction",
    "no-shuffle", "S", "input-scaling", "num-threads", "precision"};

  @Test
  void everyDocumentedFlagIsListed() {
    List<String> listed = new ArrayList<>();
    for (Option option : Collections.list(new MultilayerPerceptronRegressor().listOptions())) {
      listed.add(option.name());
    }
    for (String flag : FLAGS) {
      assertTrue(listed.contains(flag), "missing -" + flag);
    }
    assertTrue(listed.contains("no-target-scaling"));
    assertFalse(containsName(new MultilayerPerceptronClassifier().listOptions(), "no-target-scaling"));
  }

  private static boolean containsName(java.util.Enumeration<Option> options, String name) {
    for (Option option : Collections.list(options)) {
      if (option.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The option table is the one source: each default a tip text states is the value a fresh classifier writes
   * for that flag (or, for a switch, leaves out), and each property's tip text is its table entry's.
   */
  @Test
  void tipTextsStateTheDefaultsThatGetOptionsWrites() throws Exception {
    MultilayerPerceptronRegressor fresh = new MultilayerPerceptronRegressor();
    List<String> written = java.util.Arrays.asList(fresh.getOptions());
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : ((AbstractMultilayerPerceptron) fresh).optionSpecs()) {
      String tip = (String) fresh.getClass().getMethod(spec.property() + "TipText").invoke(fresh);
      assertEquals(spec.tipText(), tip, spec.property());
      int at = written.indexOf("-" + spec.flag());
      if (spec.defaultValue() instanceof Boolean) {
        assertEquals(-1, at, "a switch at its default is not written: -" + spec.flag());
        assertTrue(tip.contains(" Default " + spec.defaultValue() + "; -" + spec.flag() + " turns it "), tip);
      } else {
        assertTrue(at >= 0, "-" + spec.flag() + " missing from " + written);
        assertTrue(tip.contains(" Default " + written.get(at + 1).trim() + "."), spec.flag() + ": " + tip);
      }
    }
  }

  @Test
  void defaultsMatchScikitLearn() {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    String options = Utils.joinOptions(mlp.getOptions());
    assertTrue(options.startsWith("-hidden-layer-sizes 100 -activation relu -solver adam -alpha 1.0E-4 "
      + "-mini-batch-size 0 -learning-rate-init 0.001 -learning-rate-schedule constant -power-t 0.5 "
      + "-momentum 0.9 -beta1 0.9 -beta2 0.999 -epsilon 1.0E-8 -max-iter 200 -tol 1.0E-4 "
      + "-n-iter-no-change 10 -max-fun 15000 -validation-fraction 0.1 -input-scaling standardize "
      + "-num-threads 0"), options);
    assertTrue(options.contains("-S 1"), options);
    assertTrue(mlp.getNesterov());
    assertTrue(mlp.getShuffle());
    assertFalse(mlp.getEarlyStopping());
  }

  @Test
  void nonDefaultOptionsSurviveARoundTrip() throws Exception {
    MultilayerPerceptronRegressor a = new MultilayerPerceptronRegressor();
    String[] given = Utils.splitOptions("-hidden-layer-sizes 64,32 -activation tanh -solver sgd -alpha 0.5 "
      + "-mini-batch-size 32 -learning-rate-init 0.01 -learning-rate-schedule invscaling -power-t 0.25 "
      + "-momentum 0.5 -no-nesterov -beta1 0.8 -beta2 0.99 -epsilon 1e-6 -max-iter 50 -tol 0.001 "
      + "-n-iter-no-change 3 -max-fun 99 -early-stopping -validation-fraction 0.2 -no-shuffle -S 7 "
      + "-input-scaling symmetric -num-threads 1 -no-target-scaling");
    a.setOptions(given);
    assertEquals("64,32", a.getHiddenLayerSizes());
    assertEquals("tanh", a.getActivation().getSelectedTag().getIDStr());
    assertEquals("sgd", a.getSolver().getSelectedTag().getIDStr());
    assertEquals("invscaling", a.getLearningRateSchedule().getSelectedTag().getIDStr());
    assertEquals("symmetric", a.getInputScaling().getSelectedTag().getIDStr());
    assertFalse(a.getNesterov());
    assertFalse(a.getShuffle());
    assertTrue(a.getEarlyStopping());
    assertFalse(a.getTargetScaling());
    assertEquals(7, a.getSeed());
    assertEquals(3, a.getnIterNoChange());
    MultilayerPerceptronRegressor b = new MultilayerPerceptronRegressor();
    b.setOptions(a.getOptions());
    assertArrayEquals(a.getOptions(), b.getOptions());
  }

  @Test
  void precisionIsAnOptionWithADropDownAndATipText() throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    assertEquals("float64", mlp.getPrecision().getSelectedTag().getIDStr());
    assertTrue(Utils.joinOptions(mlp.getOptions()).contains("-precision float64"));
    mlp.setOptions(new String[] {"-precision", "float32"});
    assertEquals("float32", mlp.getPrecision().getSelectedTag().getIDStr());
    MultilayerPerceptronClassifier copy = new MultilayerPerceptronClassifier();
    copy.setOptions(mlp.getOptions());
    assertEquals("float32", copy.getPrecision().getSelectedTag().getIDStr());
    // the GUI's drop-down: one entry per precision, described
    assertEquals(2, AbstractMultilayerPerceptron.TAGS_PRECISION.length);
    assertTrue(AbstractMultilayerPerceptron.TAGS_PRECISION[1].getReadable().startsWith("float32: single-precision"));
    copy.setPrecision(new weka.core.SelectedTag(0, AbstractMultilayerPerceptron.TAGS_PRECISION));
    assertEquals("float64", copy.getPrecision().getSelectedTag().getIDStr());
    String tip = mlp.precisionTipText();
    for (String said : new String[] {"sgemm", "about 7 significant digits", "half the memory", "needs the OpenBLAS "
      + "backend", "falls back to float64 products on EJML", "model summary and -output-debug-info say so",
      "Default float64."}) {
      assertTrue(tip.contains(said), "'" + said + "' missing from: " + tip);
    }
  }

  @Test
  void anEmptyHiddenLayerListMeansNoHiddenLayerAndSurvivesQuoting() throws Exception {
    MultilayerPerceptronClassifier a = new MultilayerPerceptronClassifier();
    a.setOptions(new String[] {"-hidden-layer-sizes", ""});
    assertEquals("", a.getHiddenLayerSizes());
    String line = Utils.joinOptions(a.getOptions());
    MultilayerPerceptronClassifier b = new MultilayerPerceptronClassifier();
    b.setOptions(Utils.splitOptions(line));
    assertEquals("", b.getHiddenLayerSizes(), line);
    assertArrayEquals(new int[0], AbstractMultilayerPerceptron.parseHiddenLayerSizes(" "));
    assertArrayEquals(new int[] {64, 32}, AbstractMultilayerPerceptron.parseHiddenLayerSizes(" 64 , 32 "));
  }

  @Test
  void absentOptionsReturnToTheirDefaults() throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-alpha", "3", "-no-shuffle", "-hidden-layer-sizes", "7"});
    mlp.setOptions(new String[0]);
    assertArrayEquals(new MultilayerPerceptronClassifier().getOptions(), mlp.getOptions());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "-hidden-layer-sizes|10,x|Invalid -hidden-layer-sizes \"10,x\": entry 2 is 'x'",
    "-hidden-layer-sizes|0|Invalid -hidden-layer-sizes \"0\": entry 1 is '0'",
    "-hidden-layer-sizes|-5|Invalid -hidden-layer-sizes \"-5\": entry 1 is '-5'",
    "-hidden-layer-sizes|10,,5|Invalid -hidden-layer-sizes \"10,,5\": entry 2 is ''",
    "-hidden-layer-sizes|abc|Invalid -hidden-layer-sizes \"abc\": entry 1 is 'abc'",
    "-alpha|-1|Invalid -alpha -1.0: must be a finite number >= 0.",
    "-alpha|NaN|Invalid -alpha NaN: must be a finite number >= 0.",
    "-alpha|abc|Invalid -alpha 'abc': not a number.",
    "-learning-rate-init|0|Invalid -learning-rate-init 0.0: must be a finite number greater than 0.",
    "-learning-rate-init|-0.1|Invalid -learning-rate-init -0.1: must be a finite number greater than 0.",
    "-max-iter|0|Invalid -max-iter 0: must be at least 1.",
    "-max-iter|-3|Invalid -max-iter -3: must be at least 1.",
    "-max-iter|2.5|Invalid -max-iter '2.5': not a whole number.",
    "-validation-fraction|0|Invalid -validation-fraction 0.0: must be strictly between 0 and 1.",
    "-validation-fraction|1|Invalid -validation-fraction 1.0: must be strictly between 0 and 1.",
    "-solver|newton|Unknown solver 'newton' (option -solver): allowed values are adam, sgd, lbfgs.",
    "-activation|softplus|Unknown activation 'softplus' (option -activation): allowed values are relu, tanh, logistic, identity.",
    "-learning-rate-schedule|cosine|Unknown learning-rate schedule 'cosine' (option -learning-rate-schedule): allowed values are constant, invscaling, adaptive.",
    "-input-scaling|robust|Unknown input scaling 'robust' (option -input-scaling): allowed values are standardize, normalize, symmetric, none.",
    "-momentum|1.5|Invalid -momentum 1.5: must be in [0, 1].",
    "-beta1|1|Invalid -beta1 1.0: must be in [0, 1).",
    "-beta2|-0.1|Invalid -beta2 -0.1: must be in [0, 1).",
    "-epsilon|0|Invalid -epsilon 0.0: must be a finite number greater than 0.",
    "-tol|-1|Invalid -tol -1.0: must be a finite number >= 0.",
    "-n-iter-no-change|0|Invalid -n-iter-no-change 0: must be at least 1.",
    "-max-fun|0|Invalid -max-fun 0: must be at least 1.",
    "-mini-batch-size|-1|Invalid -mini-batch-size -1: use a positive number of rows, or 0 for min(200, rows).",
    "-num-threads|-2|Invalid -num-threads -2: use a positive number of threads, or 0 for all available processors.",
    "-power-t|-1|Invalid -power-t -1.0: must be a finite number >= 0.",
    "-precision|float16|Unknown precision 'float16' (option -precision): allowed values are float64, float32."})
  void invalidValuesFailInSetOptionsNamingTheOption(String flag, String value, String message) {
    Exception e = assertThrows(IllegalArgumentException.class,
      () -> new MultilayerPerceptronClassifier().setOptions(new String[] {flag, value}));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void invalidValuesSetThroughTheGuiFailWhenTrainingStarts() throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setAlpha(-2);
    Exception e = assertThrows(IllegalArgumentException.class,
      () -> mlp.buildClassifier(TestDatasets.load("iris.arff")));
    assertEquals("Invalid -alpha -2.0: must be a finite number >= 0.", e.getMessage());
    mlp.setAlpha(0.1);
    mlp.setHiddenLayerSizes("5;5");
    e = assertThrows(IllegalArgumentException.class,
      () -> mlp.buildClassifier(TestDatasets.load("iris.arff")));
    assertTrue(e.getMessage().startsWith("Invalid -hidden-layer-sizes \"5;5\""), e.getMessage());
  }

  @Test
  void everyPropertyHasATipTextThatStatesItsDefault() throws Exception {
    for (java.beans.PropertyDescriptor p : java.beans.Introspector.getBeanInfo(MultilayerPerceptronRegressor.class)
      .getPropertyDescriptors()) {
      if (p.getReadMethod() == null || p.getWriteMethod() == null) {
        continue;
      }
      String name = p.getName();
      if (name.equals("options") || name.equals("debug") || name.equals("doNotCheckCapabilities")
        || name.equals("numDecimalPlaces") || name.equals("batchSize") || name.equals("resume")) {
        continue; // Weka's own properties and resume, documented by Weka
      }
      String tip = (String) MultilayerPerceptronRegressor.class.getMethod(name + "TipText")
        .invoke(new MultilayerPerceptronRegressor());
      assertTrue(tip.contains("Default"), name + ": " + tip);
    }
  }
}
