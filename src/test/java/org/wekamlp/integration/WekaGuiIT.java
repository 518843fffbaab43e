package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wekamlp.integration.tools.ExperimentSetups;

/**
 * Weka's GUIs in real windows under Xvfb, driven by AssertJ Swing in a separate JVM that gets the
 * multilayer perceptrons from the installed package:
 * <ul>
 * <li>the Explorer ({@link org.wekamlp.integration.tools.ExplorerDriver}): open iris.arff, choose
 * MultilayerPerceptronClassifier, set hiddenLayerSizes to 20 in its property dialog, Start, and read the
 * evaluation from the output panel;</li>
 * <li>the Experimenter ({@link org.wekamlp.integration.tools.ExperimenterDriver}): open both setups of
 * experiments/ with Setup &gt; Open... and read what the Setup panel shows.</li>
 * </ul>
 * Screenshots stay in target/it-output/gui/.
 *
 * <p>Needs the Xvfb binary (Debian package xvfb; .ci/run installs it). The test starts its own Xvfb on a
 * free display, so it never draws on a developer's desktop.
 */
class WekaGuiIT {

  private static Path dir;
  private static Path wekaHome;
  private static Process xvfb;
  private static String display;

  @BeforeAll
  static void installPackageAndStartXvfb() throws Exception {
    dir = WekaProcesses.outputDir("gui");
    wekaHome = WekaProcesses.installPackage(dir.resolve("weka-home"));
    xvfb = startXvfb(dir);
    display = ":" + awaitDisplayNumber(xvfb, dir.resolve("xvfb"));
  }

  @AfterAll
  static void stopXvfb() throws InterruptedException {
    WekaProcesses.stop(xvfb);
  }

  private static WekaProcesses.Result drive(String log, String driver, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(WekaProcesses.java(), "-Dweka.packageManager.offline=true", "-cp",
        WekaProcesses.joinClasspath(WekaProcesses.wekaClasspath(), WekaProcesses.assertjSwingClasspath(),
            WekaProcesses.toolsJar().toString()),
        "org.wekamlp.integration.tools." + driver));
    command.addAll(List.of(arguments));
    return WekaProcesses.run(dir.resolve(log), Map.of("DISPLAY", display, "WEKA_HOME", wekaHome.toString()),
        Duration.ofMinutes(6), command).assertSuccess();
  }

  @Test
  void chooseConfigureAndRunTheClassifierInTheExplorer() throws Exception {
    WekaProcesses.Result run = drive("explorer", "ExplorerDriver", "datasets/iris.arff", dir.toString(),
        "hiddenLayerSizes", "20");
    String output = run.stdout;
    assertTrue(output.contains("Scheme:       weka.classifiers.functions.MultilayerPerceptronClassifier "
        + "-hidden-layer-sizes 20 "), "the option set in the property dialog reached the classifier:\n" + output);
    assertTrue(output.contains("Relation:     iris"), output);
    assertTrue(output.contains("Architecture: 4 inputs -> 20 (relu) -> 3 (softmax over 3 classes)"), output);
    assertTrue(output.contains("=== Stratified cross-validation ==="), output);
    Matcher accuracy = Pattern.compile("Correctly Classified Instances\\s+\\d+\\s+([\\d.]+) %").matcher(output);
    assertTrue(accuracy.find(), output);
    assertTrue(Double.parseDouble(accuracy.group(1)) >= 80, "Explorer's 10-fold CV accuracy " + accuracy.group(1));

    assertScreenshot(dir.resolve("explorer-property-dialog.png"));
    assertScreenshot(dir.resolve("explorer-result.png"));
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

  /** Starts Xvfb on a display it picks itself (-displayfd writes the number to stdout). */
  private static Process startXvfb(Path dir) throws Exception {
    String xvfb = findOnPath("Xvfb");
    if (xvfb == null) {
      fail("WekaGuiIT needs Xvfb to open the Explorer's window: install it (Debian/Ubuntu: "
          + "'apt-get install xvfb'; .ci/run does this), then run 'mvn -B verify' again.");
    }
    return WekaProcesses.start(dir.resolve("xvfb"), Map.of(),
        List.of(xvfb, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"));
  }

  private static String awaitDisplayNumber(Process xvfb, Path log) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      String out = WekaProcesses.read(log, ".out").trim();
      if (out.matches("\\d+")) {
        return out;
      }
      if (!xvfb.isAlive()) {
        fail("Xvfb ended: " + WekaProcesses.read(log, ".err"));
      }
      Thread.sleep(100);
    }
    fail("Xvfb did not report its display within 30 s: " + WekaProcesses.read(log, ".err"));
    return null;
  }

  private static String findOnPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(folder, program);
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }

  /** A real picture of a window: large enough and not a blank or single-colour area. */
  private static void assertScreenshot(Path png) throws Exception {
    assertTrue(Files.isRegularFile(png), "missing screenshot " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() >= 300 && image.getHeight() >= 300, png + ": " + image.getWidth() + "x" + image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, png + " has only " + colours.size() + " colours");
  }
}
