package org.wekamlp.integration.tools;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.swing.DefaultListModel;

import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.WekaPackageManager;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.DatabaseResultListener;
import weka.experiment.Experiment;
import weka.experiment.InstanceQuery;
import weka.experiment.InstancesResultListener;
import weka.experiment.RegressionSplitEvaluator;
import weka.experiment.RemoteExperiment;
import weka.experiment.xml.XMLExperiment;

/**
 * Runs an Experimenter setup (XML) with Weka's experiment engine, locally or distributed over
 * {@code weka.experiment.RemoteEngine} hosts, then prints the significance tables: accuracy and ROC area
 * for classification, RMSE and correlation for regression. Called by {@code experiments/run-experiment.sh}
 * with Weka and this tool on the class path and the package installed in {@code WEKA_HOME}.
 *
 * <pre>
 * RunExperiment SETUP.xml [--runs N] [--folds K] [--dataset FILE]... [--results FILE] [--tables COLUMN,COLUMN...]
 *                         [--hosts HOST:PORT,HOST:PORT... --database JDBC-URL]
 * </pre>
 *
 * A distributed run sends one run (all data sets and schemes) to each free host, and the hosts write their
 * rows into the results database (Weka's DatabaseResultListener); the rows are then exported to the
 * results ARFF file. {@code --tables} names the result columns whose tables are printed (default: accuracy and
 * ROC area, or RMSE and correlation). The tool fails (exit 1) unless the results hold exactly runs x folds x data sets x
 * schemes rows.
 */
public final class RunExperiment {

  private RunExperiment() {
  }

  /**
   * @param args see the class comment
   * @throws Exception if the setup cannot be read or the experiment fails
   */
  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String runs = option(rest, "--runs");
    String folds = option(rest, "--folds");
    String resultsFile = option(rest, "--results");
    String hosts = option(rest, "--hosts");
    String database = option(rest, "--database");
    String tables = option(rest, "--tables");
    List<String> datasets = new ArrayList<>();
    for (String d = option(rest, "--dataset"); d != null; d = option(rest, "--dataset")) {
      datasets.add(d);
    }
    if (rest.size() != 1 || rest.get(0).startsWith("--") || (hosts == null) != (database == null)) {
      System.err.println("Usage: RunExperiment SETUP.xml [--runs N] [--folds K] [--dataset FILE]... [--results FILE]"
        + " [--tables COLUMN,...] [--hosts HOST:PORT,... --database JDBC-URL]");
      System.exit(2);
    }

    // As weka.experiment.Experiment.main does: the setup names classes of installed packages.
    WekaPackageManager.loadPackages(false, true, false);
    Experiment experiment = (Experiment) new XMLExperiment().read(rest.get(0));
    CrossValidationResultProducer producer = (CrossValidationResultProducer) experiment.getResultProducer();
    if (runs != null) {
      experiment.setRunLower(1);
      experiment.setRunUpper(Integer.parseInt(runs));
    }
    if (folds != null) {
      producer.setNumFolds(Integer.parseInt(folds));
    }
    if (!datasets.isEmpty()) {
      DefaultListModel<File> files = new DefaultListModel<>();
      datasets.forEach(d -> files.addElement(new File(d)));
      experiment.setDatasets(files);
    }
    InstancesResultListener arffListener = (InstancesResultListener) experiment.getResultListener();
    File results = resultsFile != null ? new File(resultsFile) : arffListener.getOutputFile();
    arffListener.setOutputFile(results);
    if (results.getParentFile() != null) {
      results.getParentFile().mkdirs();
    }

    int expectedRows = (experiment.getRunUpper() - experiment.getRunLower() + 1) * producer.getNumFolds()
      * experiment.getDatasets().size() * experiment.getPropertyArrayLength();
    System.err.println("Experiment " + rest.get(0) + ": " + (experiment.getRunUpper() - experiment.getRunLower() + 1)
      + " runs x " + producer.getNumFolds() + " folds x " + experiment.getDatasets().size() + " data sets x "
      + experiment.getPropertyArrayLength() + " schemes" + (hosts != null ? " on " + hosts : ""));
    long start = System.nanoTime();
    Instances rows;
    if (hosts == null) {
      rows = runLocally(experiment, results);
    } else {
      rows = runRemotely(experiment, hosts.split(","), database);
      ArffSaver saver = new ArffSaver();
      saver.setInstances(rows);
      saver.setFile(results);
      saver.writeBatch();
    }
    System.err.printf("Finished in %.1f s; %d result rows in %s%n", (System.nanoTime() - start) / 1e9,
      rows.numInstances(), results);
    if (rows.numInstances() != expectedRows) {
      System.err.println("ERROR: expected " + expectedRows + " result rows, got " + rows.numInstances());
      System.exit(1);
    }
    boolean regression = producer.getSplitEvaluator() instanceof RegressionSplitEvaluator;
    SignificanceTables.print(rows, tables != null ? Arrays.asList(tables.split(",")) : regression ? List.of(
      "Root_mean_squared_error", "Correlation_coefficient") : List.of("Percent_correct",
        "Weighted_avg_area_under_ROC"));
  }

  /** The loop of weka.experiment.Experiment.runExperiment, without swallowing its exceptions. */
  private static Instances runLocally(Experiment experiment, File results) throws Exception {
    experiment.initialize();
    String last = "";
    while (experiment.hasMoreIterations()) {
      String current = "  scheme " + (experiment.getCurrentPropertyNumber() + 1) + ", run "
        + experiment.getCurrentRunNumber() + ", "
        + ((File) experiment.getDatasets().get(experiment.getCurrentDatasetNumber())).getName();
      if (!current.equals(last)) {
        System.err.println(current);
        last = current;
      }
      experiment.nextIteration();
    }
    experiment.postProcess();
    return DataSource.read(results.getPath());
  }

  private static Instances runRemotely(Experiment base, String[] hosts, String database) throws Exception {
    DatabaseResultListener listener = new DatabaseResultListener();
    listener.setDatabaseURL(database);
    base.setResultListener(listener);
    // Weka's engines create the experiment index and the results table when their first run starts; two
    // engines starting together race for it and one run fails (RemoteExperiment then retries it elsewhere).
    // Initializing a copy of the experiment here creates both tables before any engine starts.
    Experiment tables = (Experiment) new SerializedObject(base).getObject();
    tables.initialize();
    tables.postProcess();
    RemoteExperiment remote = new RemoteExperiment(base);
    remote.setSplitByDataSet(false); // one sub-experiment per run: all hosts busy even with a single data set
    for (String host : hosts) {
      remote.addRemoteHost(host.trim());
    }
    CountDownLatch finished = new CountDownLatch(1);
    remote.addRemoteExperimentListener(event -> {
      if (event.m_messageString != null) {
        System.err.println("  " + event.m_messageString);
      }
      if (event.m_experimentFinished) {
        finished.countDown();
      }
    });
    remote.initialize();
    remote.runExperiment();
    finished.await();

    InstanceQuery query = new InstanceQuery();
    query.setDatabaseURL(database);
    query.connectToDatabase();
    String table = query.getResultsTableName(base.getResultProducer());
    if (table == null) {
      throw new IllegalStateException("The database " + database + " holds no results of this experiment");
    }
    query.setQuery("SELECT * FROM " + table);
    Instances rows = query.retrieveInstances();
    query.disconnectFromDatabase();
    return rows;
  }

  /** Removes {@code name value} from the list and returns the value, or null when absent. */
  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return null;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    String value = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return value;
  }
}
