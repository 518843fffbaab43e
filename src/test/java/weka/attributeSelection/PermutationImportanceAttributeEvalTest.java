package weka.attributeSelection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.ExplainableData;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Permutation importance as a Weka attribute evaluator: on data where only known attributes matter those rank first
 * (with the MLP, the regressor for a numeric class, and J48), ranks are reproducible for a seed, groups of attributes
 * can be shuffled together, it runs under Weka's AttributeSelection with Ranker, and bad input gets clear errors.
 */
class PermutationImportanceAttributeEvalTest {

  /** A small, quick MLP: 10 hidden units trained by lbfgs. */
  private static PermutationImportanceAttributeEval quickMlp() throws Exception {
    PermutationImportanceAttributeEval eval = new PermutationImportanceAttributeEval();
    eval.setOptions(new String[] {"-F", "3", "-N", "3", "-S", "7", "--", "-hidden-layer-sizes", "10", "-solver",
      "lbfgs"});
    return eval;
  }

  private static Set<Integer> topRanked(Instances data, ASEvaluation eval, int k) throws Exception {
    double[][] ranked = rank(data, eval);
    Set<Integer> top = new HashSet<>();
    for (int i = 0; i < k; i++) {
      top.add((int) ranked[i][0]);
    }
    return top;
  }

  private static double[][] rank(Instances data, ASEvaluation eval) throws Exception {
    AttributeSelection selection = new AttributeSelection();
    selection.setEvaluator(eval);
    selection.setSearch(new Ranker());
    selection.SelectAttributes(data);
    return selection.rankedAttributes();
  }

  private static Set<Integer> relevant() {
    Set<Integer> relevant = new HashSet<>();
    for (int a : ExplainableData.RELEVANT) {
      relevant.add(a);
    }
    return relevant;
  }

  @Test
  void theAttributesThatMatterRankFirstWithTheMlp() throws Exception {
    Instances data = ExplainableData.generate(300, 1, false);
    PermutationImportanceAttributeEval eval = quickMlp();
    assertEquals(relevant(), topRanked(data, eval, 3), eval.toString());
    for (int noise : new int[] {1, 3, 5}) {
      assertTrue(eval.evaluateAttribute(noise) < 0.03, noise + ": " + eval);
    }
    assertTrue(eval.evaluateAttribute(0) > 0.15, eval.toString());
    assertTrue(eval.standardDeviationOf(0) > 0.0, eval.toString());
    String text = eval.toString();
    assertTrue(text.contains("drop in accuracy on held-out rows, 3 folds x 3 shuffles per attribute, seed 7"), text);
    assertTrue(text.matches("(?s).*\\n\\s+1\\s+0\\.\\d+\\s+± 0\\.\\d+\\s+1 x0\\n.*"), text);
  }

  @Test
  void aNumericClassUsesTheRegressorAndRmseOrMae() throws Exception {
    Instances data = ExplainableData.generate(300, 2, true);
    PermutationImportanceAttributeEval eval = quickMlp();
    assertEquals(relevant(), topRanked(data, eval, 3), eval.toString());
    assertTrue(eval.toString().contains("Classifier: weka.classifiers.functions.MultilayerPerceptronRegressor "
      + "-hidden-layer-sizes 10"), eval.toString());
    assertTrue(eval.toString().contains("increase in rmse"), eval.toString());
    eval.setOptions(new String[] {"-F", "3", "-N", "2", "-E", "mae", "--", "-hidden-layer-sizes", "10", "-solver",
      "lbfgs"});
    assertEquals(relevant(), topRanked(data, eval, 3), eval.toString());
    assertTrue(eval.toString().contains("increase in mae"), eval.toString());
  }

  @Test
  void j48AndLogLossWork() throws Exception {
    Instances data = ExplainableData.generate(300, 3, false);
    PermutationImportanceAttributeEval eval = new PermutationImportanceAttributeEval();
    eval.setOptions(new String[] {"-W", "weka.classifiers.trees.J48", "-F", "4", "-E", "log-loss", "--", "-M",
      "5"});
    assertTrue(eval.getClassifier() instanceof J48);
    assertEquals(5, ((J48) eval.getClassifier()).getMinNumObj());
    assertEquals(relevant(), topRanked(data, eval, 3), eval.toString());
    assertTrue(eval.toString().contains("Classifier: weka.classifiers.trees.J48 -C 0.25 -M 5"), eval.toString());
    assertTrue(eval.toString().contains("increase in log-loss"), eval.toString());
  }

  @Test
  void ranksAndImportancesAreReproducibleForASeed() throws Exception {
    Instances data = ExplainableData.generate(200, 4, false);
    double[][] first = rank(data, quickMlp());
    double[][] second = rank(data, quickMlp());
    for (int i = 0; i < first.length; i++) {
      assertArrayEquals(first[i], second[i], 0.0);
    }
    PermutationImportanceAttributeEval otherSeed = quickMlp();
    otherSeed.setSeed(8);
    double[][] third = rank(data, otherSeed);
    boolean differs = false;
    for (int i = 0; i < first.length; i++) {
      differs |= first[i][1] != third[i][1];
    }
    assertTrue(differs, "another seed shuffles otherwise");
  }

  @Test
  void groupsAreShuffledTogether() throws Exception {
    Instances data = ExplainableData.generate(300, 5, false);
    PermutationImportanceAttributeEval eval = quickMlp();
    PermutationImportance.Result result = eval.evaluateGroups(data, new int[][] {{0, 2}, {1, 3}, {4}});
    double[] mean = result.mean();
    assertEquals(3, mean.length);
    assertTrue(mean[0] > 0.2 && mean[0] > mean[2] && mean[2] > mean[1] + 0.05, Arrays.toString(mean));
    assertTrue(result.baselineScore() > 0.85, "held-out accuracy " + result.baselineScore());
    assertEquals(3, result.standardDeviation().length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval.evaluateGroups(data,
      new int[][] {{0, 6}}));
    assertEquals("Group 0 names attribute index 6, which is the class or not an attribute of 'explainable'.", e
      .getMessage());
  }

  @Test
  void itRunsAsWekasAttributeSelectionWithRanker() throws Exception {
    String output = AttributeSelection.SelectAttributes(new PermutationImportanceAttributeEval(), new String[] {"-i",
      "datasets/iris.arff", "-s", "weka.attributeSelection.Ranker", "-W", "weka.classifiers.trees.J48"});
    assertTrue(output.contains("Permutation importance"), output);
    assertTrue(output.contains("Held-out accuracy without shuffling: 0.9600"), output);
    assertTrue(output.matches("(?s).*Ranked attributes:\\s+0\\.\\d+\\s+4 petalwidth\\n.*"), output);
  }

  @Test
  void optionsRoundTrip() throws Exception {
    PermutationImportanceAttributeEval eval = new PermutationImportanceAttributeEval();
    eval.setOptions(new String[] {"-F", "4", "-N", "2", "-S", "3", "-E", "log-loss", "-W",
      "weka.classifiers.trees.J48", "--", "-M", "7"});
    String[] options = eval.getOptions();
    PermutationImportanceAttributeEval copy = new PermutationImportanceAttributeEval();
    copy.setOptions(options.clone());
    assertArrayEquals(options, copy.getOptions());
    assertEquals("-F 4 -N 2 -S 3 -E log-loss -W weka.classifiers.trees.J48 -- -C 0.25 -M 7", weka.core.Utils
      .joinOptions(options));
    PermutationImportanceAttributeEval defaults = new PermutationImportanceAttributeEval();
    defaults.setOptions(new String[0]);
    assertTrue(defaults.getClassifier() instanceof MultilayerPerceptronClassifier);
    assertEquals(5, defaults.getFolds());
    assertEquals(5, defaults.getShuffles());
    assertEquals("auto", defaults.getMetric().getSelectedTag().getIDStr());
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    Instances data = ExplainableData.generate(50, 6, false);
    Instances noClass = new Instances(data);
    noClass.setClassIndex(-1);
    assertMessage("PermutationImportanceAttributeEval needs a class attribute: none is set (on the command line, -c "
      + "sets it).", () -> quickMlp().buildEvaluator(noClass));
    assertMessage("Attribute 'text' is a string attribute, which permutation importance cannot shuffle: remove it or "
      + "convert it (StringToNominal, StringToWordVector).", () -> quickMlp().buildEvaluator(withString()));
    assertMessage("Invalid -E rmse for the nominal class 'class': use accuracy or log-loss.", () -> {
      PermutationImportanceAttributeEval eval = quickMlp();
      eval.setOptions(new String[] {"-E", "rmse"});
      eval.buildEvaluator(data);
    });
    assertMessage("Invalid -F 1: the number of folds must be at least 2.", () -> quickMlp().setOptions(new String[] {
      "-F", "1"}));
    assertMessage("Invalid -N 0: the number of shuffles must be at least 1.", () -> quickMlp().setOptions(
      new String[] {"-N", "0"}));
    assertMessage("Invalid -S 'x': must be a whole number.", () -> quickMlp().setOptions(new String[] {"-S", "x"}));
    assertMessage("Unknown metric 'auc': use accuracy or log-loss (nominal class), rmse or mae (numeric class).",
      () -> quickMlp().setOptions(new String[] {"-E", "auc"}));
    assertMessage("The evaluator has not been built: call buildEvaluator first.", () -> quickMlp().evaluateAttribute(
      0));
    Exception numericForJ48 = assertThrows(Exception.class, () -> {
      PermutationImportanceAttributeEval eval = new PermutationImportanceAttributeEval();
      eval.setClassifier(new J48());
      eval.buildEvaluator(ExplainableData.generate(50, 6, true));
    });
    assertTrue(numericForJ48.getMessage().contains("Cannot handle numeric class"), numericForJ48.getMessage());
    Instances tiny = new Instances(data, 0);
    tiny.add(data.instance(0));
    tiny.add(data.instance(1));
    assertMessage("Only 2 instances with a known class, fewer than 3 folds: lower the number of folds.",
      () -> quickMlp().buildEvaluator(tiny));
  }

  private static Instances withString() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("text", (java.util.List<String>) null));
    attributes.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances data = new Instances("strings", attributes, 0);
    data.setClassIndex(2);
    for (int i = 0; i < 10; i++) {
      double[] v = {i, data.attribute(1).addStringValue("s" + i), i % 2};
      data.add(new DenseInstance(1.0, v));
    }
    return data;
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
    Exception e = assertThrows(Exception.class, action);
    assertEquals(expected, e.getMessage());
  }
}
