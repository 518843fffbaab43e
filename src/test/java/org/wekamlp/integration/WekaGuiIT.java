package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wekamlp.integration.tools.ExperimentSetups;

/**
 * Weka's GUIs in real windows, driven by AssertJ Swing in a separate JVM that gets the multilayer perceptrons
 * from the installed package:
 * <ul>
 * <li>the Explorer ({@link org.wekamlp.integration.tools.ExplorerDriver}): open iris.arff, choose
 * MultilayerPerceptronClassifier, set hiddenLayerSizes to 20 in its property dialog, Start, and read the
 * evaluation from the output panel;</li>
 * <li>the Explorer's Select attributes tab ({@link org.wekamlp.integration.tools.AttributeSelectionDriver}):
 * choose PermutationImportanceAttributeEval, accept Ranker, Start, and read the ranking;</li>
 * <li>the Experimenter ({@link org.wekamlp.integration.tools.ExperimenterDriver}): open both setups of
 * experiments/ with Setup &gt; Open... and read what the Setup panel shows.</li>
 * </ul>
 * Screenshots stay in target/it-output/gui/.
 *
 * <p>The windows open under Caciocavallo, a pure-Java AWT toolkit that paints them into a screen in memory
 * (1280 x 1024), so the test needs no X server and no system package: only the JDK and the jars Maven fetched
 * (target/it-classpath/cacio.txt). Mouse clicks, key strokes and screen captures go through java.awt.Robot as
 * on a real screen. It never draws on a developer's desktop.
 */
class WekaGuiIT {

  /**
   * What a JVM needs to run AWT under Caciocavallo on Java 17: access to the JDK's AWT internals that its toolkit
   * implements, not headless, and its toolkit and graphics environment named (WindowInspection puts them in place).
   */
  static final List<String> PURE_JAVA_TOOLKIT = List.of(
    "--add-exports=java.desktop/java.awt=ALL-UNNAMED", "--add-exports=java.desktop/java.awt.peer=ALL-UNNAMED",
    "--add-exports=java.desktop/sun.awt.image=ALL-UNNAMED", "--add-exports=java.desktop/sun.java2d=ALL-UNNAMED",
    "--add-exports=java.desktop/java.awt.dnd.peer=ALL-UNNAMED", "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
    "--add-exports=java.desktop/sun.awt.event=ALL-UNNAMED",
    "--add-exports=java.desktop/sun.awt.datatransfer=ALL-UNNAMED",
    "--add-exports=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.desktop/java.awt=ALL-UNNAMED", "--add-opens=java.desktop/sun.java2d=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "-Djava.awt.headless=false",
    "-Dawt.toolkit=com.github.caciocavallosilano.cacio.ctc.CTCToolkit",
    "-Djava.awt.graphicsenv=com.github.caciocavallosilano.cacio.ctc.CTCGraphicsEnvironment",
    "-Dcacio.managed.screensize=1280x1024");

  private static Path dir;
  private static Path wekaHome;

  @BeforeAll
  static void installPackage() throws Exception {
    dir = WekaProcesses.outputDir("gui");
    wekaHome = WekaProcesses.installPackage(dir.resolve("weka-home"));
  }

  private static WekaProcesses.Result drive(String log, String driver, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(WekaProcesses.java()));
    command.addAll(PURE_JAVA_TOOLKIT);
    command.addAll(List.of("-Dweka.packageManager.offline=true", "-cp",
      WekaProcesses.joinClasspath(WekaProcesses.wekaClasspath(), WekaProcesses.assertjSwingClasspath(),
        WekaProcesses.cacioClasspath(), WekaProcesses.toolsJar().toString()),
      "org.wekamlp.integration.tools." + driver));
    command.addAll(List.of(arguments));
    WekaProcesses.Result run = WekaProcesses.run(dir.resolve(log), Map.of("WEKA_HOME", wekaHome.toString()),
      Duration.ofMinutes(6), command).assertSuccess();
    assertTrue(run.stdout.startsWith("toolkit: com.github.caciocavallosilano.cacio.ctc.CTCToolkit\n"),
      "the windows opened under the pure-Java toolkit:\n" + run.output());
    return run;
  }

  @Test
  void chooseConfigureAndRunTheClassifierInTheExplorer() throws Exception {
    WekaProcesses.Result run = drive("explorer", "ExplorerDriver", "datasets/iris.arff", dir.toString(),
      "hiddenLayerSizes", "20", "calibrate", "True");
    String output = run.stdout;
    assertTrue(output.contains("Scheme:       weka.classifiers.functions.MultilayerPerceptronClassifier -calibrate "
      + "-hidden-layer-sizes 20 "), "the options set in the property dialog reached the classifier:\n" + output);
    // -calibrate's report in the model summary, and the installed package's ECE metric in the evaluation
    assertTrue(output.contains("Calibration:  temperature "), output);
    assertTrue(Pattern.compile("(?m)^Calibration error \\(ECE, 15 bins\\) +0\\.\\d{4}$").matcher(output).find(),
      output);
    assertTrue(output.contains("Relation:     iris"), output);
    assertTrue(output.contains("Architecture: 4 inputs -> 20 (relu) -> 3 (softmax over 3 classes, temperature "),
      output);
    assertTrue(output.contains("=== Stratified cross-validation ==="), output);
    assertAccuracyAtLeast(80, output);

    assertScreenshot(dir.resolve("explorer-property-dialog.png"));
    assertScreenshot(dir.resolve("explorer-result.png"));
  }

  /** -tune set in the property dialog (tune True, a two-alpha grid to keep the 11 tunings short) reaches the model. */
  @Test
  void tuneTheClassifierInTheExplorer() throws Exception {
    Path tuneDir = Files.createDirectories(dir.resolve("tune"));
    WekaProcesses.Result run = drive("explorer-tune", "ExplorerDriver", "datasets/iris.arff", tuneDir.toString(),
      "alphaGrid", "0.01,1", "tune", "True");
    String output = run.stdout;
    assertTrue(output.contains(
      "-alpha-grid 0.01,1 -solver-grid adam,lbfgs -tune-folds 5 -tune-max-rows 0 -tune-max-values 392000"),
      output);
    assertTrue(Pattern.compile("Scheme: .* -tune ").matcher(output).find(), "tune was switched on:\n" + output);
    assertTrue(output.contains("Tuning:       5-fold stratified cross-validation on 150 rows;"), output);
    assertTrue(Pattern.compile("Chosen:       solver (adam|lbfgs), alpha (0.01|1)\n").matcher(output).find(),
      output);
    assertTrue(output.contains("=== Stratified cross-validation ==="), output);
    assertAccuracyAtLeast(90, output);
    assertScreenshot(tuneDir.resolve("explorer-property-dialog.png"));
    assertScreenshot(tuneDir.resolve("explorer-result.png"));
  }

  @Test
  void rankAttributesByPermutationImportanceInTheExplorer() throws Exception {
    WekaProcesses.Result run = drive("select-attributes", "AttributeSelectionDriver", "datasets/iris.arff", dir
      .toString());
    String output = run.stdout;
    assertTrue(output.contains("dialog: ") && output.contains("Ranker"), "the Explorer offered Ranker:\n" + output);
    assertTrue(output.contains("Evaluator:    weka.attributeSelection.PermutationImportanceAttributeEval "), output);
    assertTrue(output.contains("Search:       weka.attributeSelection.Ranker "), output);
    assertTrue(output.contains("Classifier: weka.classifiers.functions.MultilayerPerceptronClassifier "), output);
    assertTrue(output.contains("drop in accuracy on held-out rows, 5 folds x 5 shuffles per attribute, seed 1"),
      output);
    Matcher first = Pattern.compile("Ranked attributes:\\s+(\\S+)\\s+\\d+ (\\S+)").matcher(output);
    assertTrue(first.find(), output);
    assertTrue(first.group(2).startsWith("petal") && Double.parseDouble(first.group(1)) > 0.05,
      "a petal measure ranks first, with a clear drop in accuracy:\n" + output);
    assertScreenshot(dir.resolve("explorer-select-attributes.png"));
  }

  @Test
  void experimenterOpensBothSetups() throws Exception {
    WekaProcesses.Result run = drive("experimenter", "ExperimenterDriver", dir.toString(),
      "experiments/classification.xml", "experiments/regression.xml");
    String[] setups = run.stdout.split("(?m)^setup: ");
    assertEquals(3, setups.length, run.output()); // text before the first setup, then one block per setup
    assertSetupShown(setups[1], "experiments/classification.xml", ExperimentSetups.CLASSIFIERS,
      ExperimentSetups.CLASSIFICATION_DATA);
    assertSetupShown(setups[2], "experiments/regression.xml", ExperimentSetups.REGRESSORS,
      ExperimentSetups.REGRESSION_DATA);
    assertScreenshot(dir.resolve("experimenter-classification.png"));
    assertScreenshot(dir.resolve("experimenter-regression.png"));
  }

  /** What the Experimenter's Setup panel shows for one setup, as ExperimenterDriver printed it. */
  private static void assertSetupShown(String shown, String setup, List<String> schemes, List<String> datasets) {
    assertTrue(shown.startsWith(setup), shown);
    List<String> lines = shown.lines().collect(Collectors.toList());
    assertTrue(lines.contains("choice: Simple"), "opened in the simple mode:\n" + shown);
    assertTrue(lines.contains("choice: Cross-validation"), shown);
    assertTrue(lines.contains("choice: ARFF file"), shown);
    assertTrue(lines.contains("folds: 10") && lines.contains("repetitions: 10"), shown);
    assertEquals(datasets.stream().map(d -> "data set: " + d).collect(Collectors.toList()),
      lines.stream().filter(l -> l.startsWith("data set: ")).collect(Collectors.toList()));
    List<String> algorithms = lines.stream().filter(l -> l.startsWith("algorithm: ")).collect(Collectors.toList());
    assertEquals(schemes.size(), algorithms.size(), shown);
    for (int i = 0; i < schemes.size(); i++) {
      assertTrue(algorithms.get(i).startsWith("algorithm: " + schemes.get(i).split(" ")[0] + " "),
        algorithms.get(i));
    }
  }

  /** The accuracy of the Explorer's cross-validation in its output is at least the floor (percent). */
  private static void assertAccuracyAtLeast(double floor, String output) {
    Matcher accuracy = Pattern.compile("Correctly Classified Instances\\s+\\d+\\s+([\\d.]+)\\s+%").matcher(output);
    assertTrue(accuracy.find(), output);
    assertTrue(Double.parseDouble(accuracy.group(1)) >= floor, "Explorer's 10-fold CV accuracy " + accuracy.group(1));
  }

  /** A real picture of a window: large enough and not a blank or single-colour area. */
  private static void assertScreenshot(Path png) throws Exception {
    assertTrue(Files.isRegularFile(png), "missing screenshot " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 300 && image.getHeight() >= 300, png + ": " + image.getWidth() + "x" + image
      .getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, png + " has only " + colours.size() + " colours");
  }
}
