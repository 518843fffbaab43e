package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wekamlp.integration.WekaProcesses.CLASSIFIER;
import static org.wekamlp.integration.WekaProcesses.PACKAGE_NAME;
import static org.wekamlp.integration.WekaProcesses.PACKAGE_ZIP;
import static org.wekamlp.integration.WekaProcesses.PROJECT_VERSION;
import static org.wekamlp.integration.WekaProcesses.REGRESSOR;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import weka.core.Instances;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The Weka package a user installs: the zip's layout and Description.props, an offline installation
 * with Weka's package manager, both classifiers trained, saved, reloaded and applied through weka.Run,
 * and both listed by the Explorer's classifier chooser.
 */
class PackageInstallIT {

  private static Path output;
  private static Path wekaHome;

  @BeforeAll
  static void install() throws Exception {
    output = WekaProcesses.outputDir("package-install");
    wekaHome = WekaProcesses.installPackage(output.resolve("weka-home"));
  }

  @Test
  void zipHasWekaPackageLayout() throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(PACKAGE_ZIP.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
      for (String name : names) {
        // No top-level folder: only Description.props and our jar at the root, third-party jars in lib/
        boolean allowed = name.equals("Description.props") || name.equals("PluginManager.props")
          || name.equals(PACKAGE_NAME + ".jar") || name.startsWith("lib/") || name.startsWith("doc/");
        assertTrue(allowed, "unexpected entry in the package zip: " + name);
      }
      assertTrue(names.stream().anyMatch(n -> n.matches("lib/ejml-ddense-.*\\.jar")), "EJML in lib/: " + names);
      assertTrue(names.stream().anyMatch(n -> n.matches("lib/ejml-core-.*\\.jar")), "EJML core in lib/: " + names);

      List<String> ourClasses = jarEntries(zip, PACKAGE_NAME + ".jar");
      assertTrue(ourClasses.contains("weka/classifiers/functions/MultilayerPerceptronClassifier.class"));
      assertTrue(ourClasses.contains("weka/classifiers/functions/MultilayerPerceptronRegressor.class"));
      for (String entry : ourClasses) {
        assertFalse(entry.startsWith("org/ejml/") || entry.startsWith("weka/core/") || entry.startsWith("weka/gui/"),
          "the package jar must hold only our own classes, found " + entry);
        // the Spark job has its own jar (target/*-spark.jar) and Spark never enters the package
        assertFalse(entry.startsWith("org/wekamlp/spark/") || entry.startsWith("org/apache/spark/"),
          "the package jar must not hold the Spark job or Spark, found " + entry);
      }
      for (String name : names) {
        assertFalse(name.toLowerCase().matches("lib/(spark|scala|hadoop).*"), "Spark inside the package: " + name);
      }
      // No Weka anywhere: neither a weka jar nor Weka's classes inside a third-party jar
      for (String name : names) {
        if (name.endsWith(".jar")) {
          assertFalse(name.toLowerCase().contains("weka-stable") || name.toLowerCase().contains("weka-dev"),
            "Weka jar inside the package: " + name);
          assertFalse(jarEntries(zip, name).contains("weka/core/Instances.class"), name + " contains Weka");
        }
      }

      Properties description = new Properties();
      try (InputStream in = zip.getInputStream(zip.getEntry("Description.props"))) {
        description.load(in);
      }
      assertEquals(PACKAGE_NAME, description.getProperty("PackageName"));
      assertEquals(PROJECT_VERSION, description.getProperty("Version"),
        "Description.props Version must equal the Maven project version");
      assertTrue(description.getProperty("Depends", "").matches("weka \\(>=3\\.8\\.\\d+\\).*"),
        "Depends: " + description.getProperty("Depends"));
      assertNotNull(description.getProperty("JVMVersion"), "JVMVersion (EJML needs Java 11)");
      // the ECE evaluation metric, registered with Weka's PluginManager when packages load
      Properties plugins = new Properties();
      try (InputStream in = zip.getInputStream(zip.getEntry("PluginManager.props"))) {
        plugins.load(in);
      }
      assertEquals("weka.classifiers.evaluation.ExpectedCalibrationError",
        plugins.getProperty("weka.classifiers.evaluation.AbstractEvaluationMetric"));
      assertTrue(ourClasses.contains("weka/classifiers/evaluation/ExpectedCalibrationError.class"));
      for (String key : List.of("Date", "Title", "Category", "Author", "Maintainer", "License", "Description",
        "PackageURL", "URL")) {
        assertFalse(description.getProperty(key, "").isBlank(), "Description.props lacks " + key);
      }
    }
  }

  private static List<String> jarEntries(ZipFile zip, String jarName) throws Exception {
    List<String> entries = new ArrayList<>();
    byte[] jar = zip.getInputStream(zip.getEntry(jarName)).readAllBytes();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    return entries;
  }

  @Test
  void packageManagerListsTheInstalledPackage() throws Exception {
    WekaProcesses.Result list = WekaProcesses.run(output.resolve("list-packages"),
      Map.of("WEKA_HOME", wekaHome.toString()), Duration.ofMinutes(2), WekaProcesses.java(), "-cp",
      WekaProcesses.wekaClasspath(), "weka.core.WekaPackageManager", "-offline", "-list-packages", "installed");
    list.assertSuccess();
    assertTrue(list.stdout.contains(PACKAGE_NAME) && list.stdout.contains(PROJECT_VERSION), list.output());
  }

  /** Train with -t and save with -d, then reload with -l: the predictions on -T must be identical. */
  @ParameterizedTest
  @CsvSource({
    CLASSIFIER + ", datasets/iris.arff",
    REGRESSOR + ", datasets/cpu.arff"})
  void trainSaveReloadPredictIdentically(String scheme, String dataset) throws Exception {
    String name = scheme.substring(scheme.lastIndexOf('.') + 1);
    Path dir = Files.createDirectories(output.resolve(name));
    Path train = dir.resolve("train.arff");
    Path test = dir.resolve("test.arff");
    split(dataset, train, test);
    Path model = dir.resolve(name + ".model");
    Map<String, String> env = Map.of("WEKA_HOME", wekaHome.toString());

    String csv = "weka.classifiers.evaluation.output.prediction.CSV -p first-last -decimals 10 -suppress -file ";
    WekaProcesses.run(dir.resolve("train"), env, Duration.ofMinutes(3),
      WekaProcesses.wekaRun("-no-scan", scheme, "-t", train.toString(), "-T", test.toString(), "-d",
        model.toString(), "-hidden-layer-sizes", "16", "-solver", "lbfgs",
        "-classifications", csv + dir.resolve("trained-predictions.csv")))
      .assertSuccess();
    assertTrue(Files.size(model) > 1000, "model file " + model);

    WekaProcesses.run(dir.resolve("reload"), env, Duration.ofMinutes(3),
      WekaProcesses.wekaRun("-no-scan", scheme, "-l", model.toString(), "-T", test.toString(),
        "-classifications", csv + dir.resolve("reloaded-predictions.csv")))
      .assertSuccess();

    List<String> before = nonBlankLines(dir.resolve("trained-predictions.csv"));
    List<String> after = nonBlankLines(dir.resolve("reloaded-predictions.csv"));
    Instances testSet = DataSource.read(test.toString());
    assertEquals(testSet.numInstances() + 1, before.size(), "one CSV line per test instance plus the header");
    assertEquals(before, after, "predictions of the reloaded model differ from the trained model's");

    // The reloaded model evaluated on the test set, as Weka prints it
    WekaProcesses.Result evaluated = WekaProcesses.run(dir.resolve("evaluate"), env, Duration.ofMinutes(3),
      WekaProcesses.wekaRun("-no-scan", scheme, "-l", model.toString(), "-T", test.toString())).assertSuccess();
    assertTrue(evaluated.stdout.contains("=== Error on test data ==="), evaluated.output());
    assertTrue(evaluated.stdout.contains(scheme.equals(CLASSIFIER) ? "Correctly Classified Instances"
      : "Correlation coefficient"), evaluated.output());
  }

  private static List<String> nonBlankLines(Path file) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.removeIf(String::isBlank);
    return lines;
  }

  /** Every third row (after a seeded shuffle) becomes the test set. */
  private static void split(String dataset, Path train, Path test) throws Exception {
    Instances all = DataSource.read(dataset);
    all.setClassIndex(all.numAttributes() - 1);
    all.randomize(new java.util.Random(42));
    Instances trainSet = new Instances(all, 0);
    Instances testSet = new Instances(all, 0);
    for (int i = 0; i < all.numInstances(); i++) {
      (i % 3 == 0 ? testSet : trainSet).add(all.instance(i));
    }
    save(trainSet, train);
    save(testSet, test);
  }

  private static void save(Instances data, Path file) throws Exception {
    ArffSaver saver = new ArffSaver();
    saver.setInstances(data);
    saver.setFile(file.toFile());
    saver.writeBatch();
  }

  /**
   * The installed package's ECE metric is in the evaluation of any classifier that weka.Run runs (Weka's Logistic
   * here), and of ours with -calibrate, whose summary reports the temperature; with -no-load (packages not loaded, as
   * on a plain class path) the line is absent.
   */
  @Test
  void eceMetricIsInEveryClassifiersEvaluation() throws Exception {
    Map<String, String> env = Map.of("WEKA_HOME", wekaHome.toString());
    String ece = "Calibration error (ECE, 15 bins)";
    WekaProcesses.Result logistic = WekaProcesses.run(output.resolve("ece-logistic"), env, Duration.ofMinutes(2),
      WekaProcesses.wekaRun("-no-scan", "weka.classifiers.functions.Logistic", "-t", "datasets/iris.arff", "-x", "3"))
      .assertSuccess();
    assertTrue(Pattern.compile("(?m)^" + Pattern.quote(ece) + " +0\\.\\d{4}$").matcher(logistic.stdout).find(),
      logistic.output());
    WekaProcesses.Result ours = WekaProcesses.run(output.resolve("ece-calibrated"), env, Duration.ofMinutes(3),
      WekaProcesses.wekaRun("-no-scan", CLASSIFIER, "-t", "datasets/iris.arff", "-x", "3", "-solver", "lbfgs",
        "-calibrate")).assertSuccess();
    assertTrue(ours.stdout.contains("Calibration:  temperature "), ours.output());
    assertTrue(ours.stdout.contains(ece), ours.output());
    WekaProcesses.Result unloaded = WekaProcesses.run(output.resolve("ece-no-load"), env, Duration.ofMinutes(2),
      WekaProcesses.wekaRun("-no-load", "-no-scan", "weka.classifiers.functions.Logistic", "-t", "datasets/iris.arff",
        "-x", "3")).assertSuccess();
    assertTrue(unloaded.stdout.contains("Mean absolute error"), unloaded.output());
    assertFalse(unloaded.stdout.contains(ece), unloaded.output());
  }

  @Test
  void explorerChooserListsBothClassesUnderFunctions() throws Exception {
    List<String> tree = chooserTree(wekaHome, "chooser-installed");
    assertTrue(tree.contains("weka/classifiers/functions/MultilayerPerceptronClassifier"), String.join("\n", tree));
    assertTrue(tree.contains("weka/classifiers/functions/MultilayerPerceptronRegressor"), String.join("\n", tree));
    assertTrue(tree.contains("weka/classifiers/functions/SMO"), "Weka's own classes are listed as well");

    // Control: the same probe with no package installed does not list them, so the classes above came
    // from the installed package and not from the probe's class path.
    List<String> bare = chooserTree(output.resolve("weka-home-empty"), "chooser-empty");
    assertTrue(bare.contains("weka/classifiers/functions/SMO"), String.join("\n", bare));
    assertFalse(bare.stream().anyMatch(s -> s.contains("MultilayerPerceptronClassifier")), String.join("\n", bare));
  }

  private static List<String> chooserTree(Path home, String log) throws Exception {
    Files.createDirectories(home);
    WekaProcesses.Result result = WekaProcesses.run(output.resolve(log), Map.of("WEKA_HOME", home.toString()),
      Duration.ofMinutes(2), WekaProcesses.java(), "-Djava.awt.headless=true", "-Dweka.packageManager.offline=true",
      "-cp", WekaProcesses.joinClasspath(WekaProcesses.wekaClasspath(), WekaProcesses.toolsJar().toString()),
      "org.wekamlp.integration.tools.ChooserTree").assertSuccess();
    return result.stdout.lines().map(String::trim).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors
      .toList());
  }
}
