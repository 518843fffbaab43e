package org.wekamlp.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.BatchPredictor;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * One timed run for {@code benchmarks/off-cost.sh} (issue 12: do {@code -tune}, {@code -calibrate} and the
 * explainers cost anything when they are off?). The script runs this class once per build and repetition, in a
 * fresh JVM, on the class path of the build before issue 12 and on that of the current build, alternately.
 *
 * <p>It uses only Weka's API and options both builds know, and names the classifiers by class name, so that the
 * one compiled class runs on either build's class path (it uses no other class of this source tree either). Each run
 * trains its own models (no model crosses builds, so the serialized formats never meet) and prints one JSON line: the
 * wall-clock seconds of
 * <ul>
 * <li>{@code classifier_train}: {@code MultilayerPerceptronClassifier} with default options and a fixed number of
 * epochs ({@code -max-iter}) on the MNIST training data;</li>
 * <li>{@code classifier_batch}: {@code distributionsForInstances} over the MNIST test set (the median of several
 * passes), and {@code classifier_rows}: {@code distributionForInstance} row by row over it (the path of Weka's
 * {@code Evaluation} for a classifier without batch prediction; the first pass), and {@code classifier_rows_later}:
 * the median of the row-by-row passes after it (one fewer than the batch passes);</li>
 * <li>{@code regressor_train} and {@code regressor_batch}: the same for {@code MultilayerPerceptronRegressor} on the
 * same data with the digit as a numeric target;</li>
 * </ul>
 * each also as {@code ..._cpu}, the CPU seconds of the whole process meanwhile (all threads; less sensitive to other
 * jobs on the machine than the wall-clock seconds), and a 64-bit hash of the bits of every predicted value of each
 * model, so that the two builds' models can be compared bit for bit.
 *
 * <p>Usage: {@code OffCostRun --train <arff> --test <arff> [--epochs 5] [--seed 1] [--predict-repetitions 3]}
 */
public final class OffCostRun {

  private static final String CLASSIFIER = "weka.classifiers.functions.MultilayerPerceptronClassifier";
  private static final String REGRESSOR = "weka.classifiers.functions.MultilayerPerceptronRegressor";

  private OffCostRun() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int epochs = Integer.parseInt(options.getOrDefault("epochs", "5"));
    String seed = options.getOrDefault("seed", "1");
    int repetitions = Integer.parseInt(options.getOrDefault("predict-repetitions", "3"));
    Instances train = load(options.get("train"));
    Instances test = load(options.get("test"));
    String[] settings = {"-max-iter", Integer.toString(epochs), "-S", seed};

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("epochs", epochs);
    result.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    timeModel("classifier", CLASSIFIER, settings, train, test, repetitions, result);
    timeModel("regressor", REGRESSOR, settings, numericTarget(train), numericTarget(test), repetitions, result);
    System.out.println(json(result));
  }

  /** {@code --name value} pairs. */
  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Expected an option --name, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (!options.containsKey("train") || !options.containsKey("test")) {
      throw new IllegalArgumentException("Usage: OffCostRun --train <arff> --test <arff> [--epochs 5] [--seed 1]");
    }
    return options;
  }

  private static Instances load(String file) throws Exception {
    Instances data = DataSource.read(file);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** Trains one model and times its predictions; puts the seconds and the hashes into {@code result} (modified). */
  private static void timeModel(String name, String className, String[] settings, Instances train, Instances test,
    int repetitions, Map<String, Object> result) throws Exception {
    Classifier model = AbstractClassifier.forName(className, settings.clone());
    Clock clock = new Clock();
    model.buildClassifier(train);
    clock.put(result, name + "_train");
    double[] batchSeconds = new double[repetitions];
    double[] batchCpu = new double[repetitions];
    double[][] batch = null;
    for (int r = 0; r < repetitions; r++) {
      clock = new Clock();
      batch = ((BatchPredictor) model).distributionsForInstances(test);
      batchSeconds[r] = clock.wall();
      batchCpu[r] = clock.cpu();
    }
    result.put(name + "_batch", median(batchSeconds));
    result.put(name + "_batch_cpu", median(batchCpu));
    result.put(name + "_batch_hash", hash(batch));
    clock = new Clock();
    double[][] rows = new double[test.numInstances()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = model.distributionForInstance(test.instance(i));
    }
    clock.put(result, name + "_rows");
    result.put(name + "_rows_hash", hash(rows));
    result.put(name + "_rows_equal_batch", Arrays.deepEquals(rows, batch));
    if (repetitions > 1) {
      timeLaterRowPasses(name, model, test, repetitions - 1, result);
    }
  }

  /** Row-by-row passes after the first (the JIT has compiled the path by then): the median seconds of each kind. */
  private static void timeLaterRowPasses(String name, Classifier model, Instances test, int passes,
    Map<String, Object> result) throws Exception {
    double[] wall = new double[passes];
    double[] cpu = new double[passes];
    for (int r = 0; r < passes; r++) {
      Clock clock = new Clock();
      for (int i = 0; i < test.numInstances(); i++) {
        model.distributionForInstance(test.instance(i));
      }
      wall[r] = clock.wall();
      cpu[r] = clock.cpu();
    }
    result.put(name + "_rows_later", median(wall));
    result.put(name + "_rows_later_cpu", median(cpu));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * Wall-clock seconds and the CPU seconds of the whole process (all threads, JIT and GC included) since it was
   * created. The CPU time hardly depends on what else runs on the machine; the wall-clock time does.
   */
  private static final class Clock {

    private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
      .getOperatingSystemMXBean();
    private final long wallStart = System.nanoTime();
    private final long cpuStart = SYSTEM.getProcessCpuTime();

    double wall() {
      return (System.nanoTime() - wallStart) * 1e-9;
    }

    double cpu() {
      return (SYSTEM.getProcessCpuTime() - cpuStart) * 1e-9;
    }

    /** Puts the wall-clock seconds as {@code key} and the CPU seconds as {@code key_cpu}. */
    void put(Map<String, Object> result, String key) {
      double w = wall();
      double c = cpu();
      result.put(key, w);
      result.put(key + "_cpu", c);
    }
  }

  /** The same rows with the nominal class replaced by a numeric attribute holding the class index (the digit). */
  static Instances numericTarget(Instances data) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      attributes.add(a == data.classIndex() ? new Attribute("target") : data.attribute(a));
    }
    Instances numeric = new Instances(data.relationName() + "-numeric", attributes, data.numInstances());
    numeric.setClassIndex(data.classIndex());
    for (Instance row : data) {
      numeric.add(new DenseInstance(row.weight(), row.toDoubleArray()));
    }
    return numeric;
  }

  /** FNV-1a over the bits of every value, row by row: equal hashes for bit-identical predictions. */
  static String hash(double[][] values) {
    long h = 0xcbf29ce484222325L;
    for (double[] row : values) {
      for (double v : row) {
        long bits = Double.doubleToLongBits(v);
        for (int b = 0; b < 64; b += 8) {
          h ^= (bits >>> b) & 0xff;
          h *= 0x100000001b3L;
        }
      }
    }
    return String.format(Locale.ROOT, "%016x", h);
  }

  private static String json(Map<String, Object> values) {
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      String text = v instanceof Double ? String.format(Locale.ROOT, "%.4f", (Double) v)
        : v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
      fields.add("\"" + e.getKey() + "\": " + text);
    }
    return "{" + String.join(", ", fields) + "}";
  }
}
