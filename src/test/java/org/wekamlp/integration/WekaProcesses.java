package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the integration tests share: the artefacts Maven built (the package zip, the class paths of
 * Weka, AssertJ Swing, Caciocavallo and HSQLDB, the integration tools jar), offline installation of the package
 * into a Weka home, and child processes whose output is kept under {@code target/it-output/}.
 *
 * <p>Every Weka process started here gets Weka's class path and, where needed, the tools jar, but never
 * {@code target/classes}: the multilayer perceptrons can only come from the installed package.
 */
final class WekaProcesses {

  static final Path REPOSITORY = Paths.get("").toAbsolutePath();
  static final Path PACKAGE_ZIP = Paths.get(property("it.package.zip"));
  static final String PACKAGE_NAME = property("it.package.name");
  static final String PROJECT_VERSION = property("it.project.version");
  static final Path CLASSPATH_DIR = Paths.get(property("it.classpath.dir"));
  static final Path OUTPUT_DIR = Paths.get(property("it.output.dir"));
  static final String CLASSIFIER = "weka.classifiers.functions.MultilayerPerceptronClassifier";
  static final String REGRESSOR = "weka.classifiers.functions.MultilayerPerceptronRegressor";

  private WekaProcesses() {
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("System property " + name + " is not set: run the integration tests with "
        + "'mvn verify' (maven-failsafe-plugin sets it)");
    }
    return value;
  }

  /** Weka 3.8.6 and its own dependencies, as a user's Weka installation has them. */
  static String wekaClasspath() throws IOException {
    return classpathFile("weka.txt");
  }

  static String assertjSwingClasspath() throws IOException {
    return classpathFile("assertj-swing.txt");
  }

  /** Caciocavallo, the pure-Java AWT toolkit the GUI tests open Weka's windows with, and what it loads. */
  static String cacioClasspath() throws IOException {
    return classpathFile("cacio.txt");
  }

  static String hsqldbClasspath() throws IOException {
    return classpathFile("hsqldb.txt");
  }

  /** The jar of org.wekamlp.integration.tools of this version, built from the test classes by 'mvn package'. */
  static Path toolsJar() throws IOException {
    String suffix = "-" + PROJECT_VERSION + "-integration-tools.jar";
    try (var files = Files.list(PACKAGE_ZIP.getParent())) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No *" + suffix + " in target/: run 'mvn verify'"));
    }
  }

  private static String classpathFile(String name) throws IOException {
    String classpath = Files.readString(CLASSPATH_DIR.resolve(name)).trim();
    assertTrue(!classpath.isEmpty(), "empty class path file " + name);
    return classpath;
  }

  static String joinClasspath(String... parts) {
    return String.join(File.pathSeparator, parts);
  }

  /** The java launcher of the JVM running the tests. */
  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A fresh output folder for one test, kept after the build for inspection. */
  static Path outputDir(String name) throws IOException {
    Path dir = OUTPUT_DIR.resolve(name);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * Installs the package zip into a new Weka home with the command a user types:
   * {@code java weka.core.WekaPackageManager -offline -install-package <zip>}.
   *
   * @param wekaHome the folder to use as WEKA_HOME (created)
   * @return wekaHome
   */
  static Path installPackage(Path wekaHome) throws Exception {
    Files.createDirectories(wekaHome);
    Result install = run(wekaHome.resolveSibling(wekaHome.getFileName() + "-install"), Map.of("WEKA_HOME", wekaHome
      .toString()), Duration.ofMinutes(2),
      java(), "-cp", wekaClasspath(), "weka.core.WekaPackageManager", "-offline", "-install-package",
      PACKAGE_ZIP.toString());
    install.assertSuccess();
    Path installed = wekaHome.resolve("packages").resolve(PACKAGE_NAME);
    assertTrue(Files.isRegularFile(installed.resolve("Description.props")),
      "the package manager did not install " + installed + ":\n" + install.output());
    return wekaHome;
  }

  /** The command line of a Weka class run through weka.Run, which loads the installed packages. */
  static List<String> wekaRun(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Dweka.packageManager.offline=true",
      "-Djava.awt.headless=true",
      "-cp", wekaClasspath(), "weka.Run"));
    command.addAll(Arrays.asList(arguments));
    return command;
  }

  /**
   * Runs a command to completion in the repository folder.
   *
   * @param logPrefix stdout and stderr go to logPrefix + ".out" / ".err"
   * @param environment variables added to this JVM's environment
   * @param timeout the process is killed after this time and the test fails
   */
  static Result run(Path logPrefix, Map<String, String> environment, Duration timeout, List<String> command)
    throws Exception {
    Process process = start(logPrefix, environment, command);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      fail("Timed out after " + timeout + ": " + String.join(" ", command) + "\n" + read(logPrefix, ".err"));
    }
    return new Result(command, process.exitValue(), read(logPrefix, ".out"), read(logPrefix, ".err"));
  }

  static Result run(Path logPrefix, Map<String, String> environment, Duration timeout, String... command)
    throws Exception {
    return run(logPrefix, environment, timeout, Arrays.asList(command));
  }

  /** Starts a command in the repository folder with its output going to logPrefix.out / .err. */
  static Process start(Path logPrefix, Map<String, String> environment, List<String> command) throws IOException {
    Files.createDirectories(logPrefix.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
      .redirectOutput(logFile(logPrefix, ".out").toFile()).redirectError(logFile(logPrefix, ".err").toFile())
      .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    return builder.start();
  }

  static Path logFile(Path logPrefix, String suffix) {
    return logPrefix.resolveSibling(logPrefix.getFileName() + suffix);
  }

  static String read(Path logPrefix, String suffix) throws IOException {
    Path file = logFile(logPrefix, suffix);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /** Stops a process started by a test and everything it started. */
  static void stop(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }

  /** A finished process. */
  static final class Result {

    final List<String> command;
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(List<String> command, int exitCode, String stdout, String stderr) {
      this.command = command;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String output() {
      // class paths are long and the same in every command: shortened
      String shown = command.stream().map(a -> a.length() > 300 && a.contains(File.pathSeparator) ? "<class path>" : a)
        .collect(java.util.stream.Collectors.joining(" "));
      return "$ " + shown + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }

    Result assertSuccess() {
      assertEquals(0, exitCode, () -> "exit code of\n" + output());
      return this;
    }
  }
}
