package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import weka.classifiers.CheckClassifier;
import weka.classifiers.Classifier;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;

/**
 * Weka's three checkers, run on both classes as {@code java weka.classifiers.CheckClassifier -W ...},
 * {@code weka.core.CheckOptionHandler -W ...} and {@code weka.core.CheckGOE -W ...} run them, with their
 * printed report captured and read line by line: no check may answer with a warning or a wrong answer.
 */
class WekaChecksTest {

  /** One answered check of a report: "name...answer". */
  private static final Pattern CHECK = Pattern.compile("^(.+?)\\.\\.\\.(.+)$");

  /** Interface checks, where "no" only says which optional interfaces a classifier does not implement. */
  private static final Set<String> OPTIONAL_INTERFACES = Set.of("updateable classifier", "multi-instance classifier");

  /**
   * Checks of the regressor on data whose predictors {@code weka.core.TestInstances} draws independently of the
   * class: date attributes are random years whatever the class, and for a date class the nominal attributes
   * depend on {@code (int) classValue}, which is the same for every date. No model fitted to such data can be
   * expected to beat the training mean on new rows (Weka's LinearRegression, GaussianProcesses, IBk and
   * MultilayerPerceptron warn on checks of this kind too), so these, and only these, may warn.
   */
  private static final Set<String> PURE_NOISE_CHECKS = Set.of(
    "basic predict (numeric class, date predictors)",
    "basic predict (date class, nominal predictors)",
    "basic predict (date class, date predictors)");

  /** CheckClassifier with its report kept instead of printed. */
  private static final class CapturedCheckClassifier extends CheckClassifier {

    final StringBuilder report = new StringBuilder();

    @Override
    protected void print(Object message) {
      report.append(message);
    }
  }

  /** CheckOptionHandler with its report kept instead of printed. */
  private static final class CapturedCheckOptionHandler extends CheckOptionHandler {

    final StringBuilder report = new StringBuilder();

    @Override
    protected void print(Object message) {
      report.append(message);
    }
  }

  /** CheckGOE with its report kept instead of printed. */
  private static final class CapturedCheckGoe extends CheckGOE {

    final StringBuilder report = new StringBuilder();

    @Override
    protected void print(Object message) {
      report.append(message);
    }
  }

  /** @return the answered checks of a report, as {name, answer} */
  static List<String[]> answers(String report) {
    List<String[]> answers = new ArrayList<>();
    for (String line : report.split("\n")) {
      Matcher m = CHECK.matcher(line.trim());
      if (m.matches()) {
        answers.add(new String[] {m.group(1).trim(), m.group(2).trim()});
      }
    }
    return answers;
  }

  /**
   * @param report a CheckClassifier report
   * @param mayWarn checks allowed to warn
   * @return every answer that is a warning or a wrong answer, one per line
   */
  static String problems(String report, Set<String> mayWarn) {
    StringBuilder problems = new StringBuilder();
    for (String[] answer : answers(report)) {
      String name = answer[0];
      String result = answer[1];
      boolean right = result.equals("yes") || result.equals("no (OK error message)")
        || (result.equals("no") && OPTIONAL_INTERFACES.contains(name))
        || (result.equals("warning: performs worse than ZeroR") && mayWarn.contains(name));
      if (!right) {
        problems.append(name).append("...").append(result).append('\n');
      }
    }
    return problems.toString();
  }

  static void checkClassifier(Classifier classifier, Set<String> mayWarn) {
    CapturedCheckClassifier check = new CapturedCheckClassifier();
    check.setClassifier(classifier);
    check.doTests();
    String report = check.report.toString();
    // a report that stopped early, or that this parser misreads, has fewer answered checks than Weka runs
    assertTrue(answers(report).size() >= 40, "checks answered: " + answers(report).size() + "\n" + report);
    assertEquals("", problems(report, mayWarn), report);
  }

  @Test
  void checkClassifierFindsNoWarningAndNoWrongAnswerForTheClassifier() {
    checkClassifier(new MultilayerPerceptronClassifier(), Set.of());
  }

  @Test
  void checkClassifierFindsNoWarningAndNoWrongAnswerForTheRegressor() {
    checkClassifier(new MultilayerPerceptronRegressor(), PURE_NOISE_CHECKS);
  }

  @Test
  void theReportReaderSeesWarningsAndWrongAnswers() {
    String report = "--> Checking for interfaces\noptions...yes\nupdateable classifier...no\n"
      + "basic predict (nominal class, string predictors)...no (OK error message)\n"
      + "100% missing predictor values (nominal class, numeric & nominal & date predictors)...warning: performs "
      + "worse than ZeroR\nmissing class values (nominal class, numeric predictors)...no\n";
    assertEquals(Arrays.asList("100% missing predictor values (nominal class, numeric & nominal & date "
      + "predictors)...warning: performs worse than ZeroR", "missing class values (nominal class, numeric "
        + "predictors)...no"), Arrays.asList(problems(report, PURE_NOISE_CHECKS).split("\n")));
  }

  @Test
  void checkOptionHandlerAndCheckGoeAnswerYesToEveryCheck() {
    MultilayerPerceptronClassifier tuned = new MultilayerPerceptronClassifier();
    tuned.setTune(true);
    tuned.setAlphaGrid("0.01,1");
    for (Classifier classifier : new Classifier[] {new MultilayerPerceptronClassifier(),
      new MultilayerPerceptronRegressor(), tuned}) {
      CapturedCheckOptionHandler options = new CapturedCheckOptionHandler();
      options.setOptionHandler((weka.core.OptionHandler) classifier);
      options.doTests();
      CapturedCheckGoe goe = new CapturedCheckGoe();
      goe.setObject(classifier);
      goe.doTests();
      for (String report : new String[] {options.report.toString(), goe.report.toString()}) {
        List<String[]> answers = answers(report);
        assertTrue(answers.size() >= 2, report);
        for (String[] answer : answers) {
          assertEquals("yes", answer[1], answer[0] + " in\n" + report);
        }
      }
      assertTrue(options.getSuccess(), options.report.toString());
      assertTrue(goe.getSuccess(), goe.report.toString());
    }
  }
}
