package org.wekamlp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The classification comparison distributed over two {@code weka.experiment.RemoteEngine} hosts on this
 * machine (loopback, different ports), each with its own Weka home holding the installed package, started
 * with {@code experiments/remote/start-engine.sh} under the Java security policy
 * {@code experiments/remote/remote.policy}; the rows go to an HSQLDB server, Weka's results database.
 * The distributed results must equal those of the same experiment run locally.
 */
class RemoteEngineIT {

  private static Path dir;
  private static final List<Process> SERVICES = new ArrayList<>();
  private static final List<Path> ENGINE_LOGS = new ArrayList<>();
  private static String hosts;
  private static String database;

  @BeforeAll
  static void startDatabaseAndEngines() throws Exception {
    dir = WekaProcesses.outputDir("remote-engines");
    // Every name this test resolves is this machine's loopback address, whatever the host's DNS says
    Path hostsFile = dir.resolve("hosts");
    Files.writeString(hostsFile, "127.0.0.1 localhost " + hostName() + "\n");

    int databasePort = freePort();
    database = "jdbc:hsqldb:hsql://127.0.0.1:" + databasePort + "/experiments";
    Process db = WekaProcesses.start(dir.resolve("hsqldb"), Map.of(), List.of(WekaProcesses.java(), "-cp",
      WekaProcesses.hsqldbClasspath(), "org.hsqldb.server.Server", "--database.0", "mem:experiments",
      "--dbname.0", "experiments", "--address", "127.0.0.1", "--port", Integer.toString(databasePort)));
    SERVICES.add(db);
    awaitLine(db, dir.resolve("hsqldb"), ".out", "is online");

    List<String> engines = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Path home = dir.resolve("engine" + i + "-weka-home");
      WekaProcesses.installPackage(home);
      Files.createDirectories(home.resolve("props"));
      Files.copy(WekaProcesses.REPOSITORY.resolve("experiments/remote/DatabaseUtils.props"),
        home.resolve("props/DatabaseUtils.props"));
      int port = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("WEKA_HOME", home.toString());
      env.put("ENGINE_JAVA_OPTS", "-Djdk.net.hosts.file=" + hostsFile);
      Path log = dir.resolve("engine" + i);
      Process engine = WekaProcesses.start(log, env, List.of("bash", "experiments/remote/start-engine.sh", "--port",
        Integer.toString(port), "--hostname", "127.0.0.1"));
      SERVICES.add(engine);
      ENGINE_LOGS.add(log);
      awaitLine(engine, log, ".out", "RemoteEngine bound in RMI registry");
      engines.add("127.0.0.1:" + port);
    }
    hosts = String.join(",", engines);
  }

  @AfterAll
  static void stopServices() throws InterruptedException {
    for (Process p : SERVICES) {
      WekaProcesses.stop(p);
    }
  }

  /** The name RemoteEngine looks up for itself: the kernel's host name (Linux), else Java's. */
  private static String hostName() throws IOException {
    Path kernel = Paths.get("/proc/sys/kernel/hostname");
    return Files.isReadable(kernel) ? Files.readString(kernel).trim() : InetAddress.getLocalHost().getHostName();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitLine(Process process, Path log, String suffix, String text) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (WekaProcesses.read(log, suffix).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        fail(log + " ended before printing '" + text + "':\n" + WekaProcesses.read(log, ".out")
          + WekaProcesses.read(log, ".err"));
      }
      Thread.sleep(200);
    }
    fail("no '" + text + "' from " + log + " within 90 s:\n" + WekaProcesses.read(log, ".err"));
  }

  @Test
  void distributedRunEqualsLocalRun() throws Exception {
    Path local = dir.resolve("local.arff");
    Path remote = dir.resolve("distributed.arff");
    String[] scaledDown = {"--runs", "2", "--folds", "2", "--dataset", "datasets/iris.arff"};

    List<String> localArgs = new ArrayList<>(List.of("classification", "--results", local.toString()));
    localArgs.addAll(List.of(scaledDown));
    ExperimenterIT.runScript(dir.resolve("local"), localArgs.toArray(new String[0]));

    List<String> remoteArgs = new ArrayList<>(List.of("classification", "--results", remote.toString(), "--hosts",
      hosts, "--database", database));
    remoteArgs.addAll(List.of(scaledDown));
    WekaProcesses.Result run = ExperimenterIT.runScript(dir.resolve("distributed"), remoteArgs.toArray(new String[0]));
    assertTrue(run.stderr.contains("2 runs completed successfully. 0 failures"), run.output());
    assertTrue(run.stdout.contains("=== Percent_correct") && run.stdout.contains("=== Weighted_avg_area_under_ROC"),
      run.output());

    // Each engine ran one of the two runs
    for (Path log : ENGINE_LOGS) {
      String engineLog = WekaProcesses.read(log, ".err");
      assertTrue(engineLog.contains("Iterating (exp run #"), log + " ran no sub-experiment:\n" + engineLog);
      assertTrue(!engineLog.contains("access denied"), log + ": the security policy denied something:\n" + engineLog);
    }

    Instances localRows = DataSource.read(local.toString());
    Instances remoteRows = DataSource.read(remote.toString());
    assertEquals(20, localRows.numInstances());
    assertEquals(localRows.numInstances(), remoteRows.numInstances());
    for (String metric : List.of("Percent_correct", "Weighted_avg_area_under_ROC")) {
      Map<String, Double> expected = byKey(localRows, metric);
      Map<String, Double> actual = byKey(remoteRows, metric);
      assertEquals(expected, actual, metric + " per run, fold and scheme: distributed vs local");
    }
  }

  /** Metric values keyed by run, fold and scheme. */
  private static Map<String, Double> byKey(Instances rows, String metric) {
    int run = ExperimenterIT.columnIndex(rows, "Key_Run");
    int fold = ExperimenterIT.columnIndex(rows, "Key_Fold");
    int scheme = ExperimenterIT.columnIndex(rows, "Key_Scheme");
    int value = ExperimenterIT.columnIndex(rows, metric);
    Map<String, Double> values = new HashMap<>();
    for (Instance row : rows) {
      values.put(key(row, run) + "/" + key(row, fold) + "/" + row.stringValue(scheme), row.value(value));
    }
    return values;
  }

  /** Run and fold numbers are nominal in an ARFF written by the Experimenter and may be numeric from a database. */
  private static String key(Instance row, int column) {
    return row.attribute(column).isNumeric() ? Integer.toString((int) row.value(column)) : row.stringValue(column);
  }
}
