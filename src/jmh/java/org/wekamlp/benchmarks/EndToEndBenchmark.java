package org.wekamlp.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.functions.mlp.AbstractMultilayerPerceptron;
import weka.classifiers.functions.mlp.InputScaling;
import weka.classifiers.functions.mlp.InstancesEncoder;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

import org.ejml.data.DMatrixRMaj;

import org.wekamlp.core.Network;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;

/**
 * One timed run of one Weka classifier on one workload, in a fresh JVM, printed as one JSON object on
 * standard output. {@code benchmarks/run_benchmarks.py} starts it once per implementation, architecture
 * and repetition, next to the scikit-learn peer ({@code benchmarks/sklearn_peer.py}).
 *
 * <p>Implementations: {@code mlp} (this package's MultilayerPerceptronClassifier or ...Regressor, trained
 * one epoch per {@link IterativeClassifier#next()} so that every epoch is timed), {@code weka-mlp}
 * (Weka's core {@code MultilayerPerceptron}) and {@code mlpclassifier} (the {@code multiLayerPerceptrons}
 * package's {@code MLPClassifier}, full-batch BFGS to convergence). The last two are trained on the first
 * {@code --subset} rows only; the driver extrapolates and marks their figures.
 *
 * <p>Memory: after loading the data and a full GC, the peak resident set (VmHWM) is reset through
 * {@code /proc/self/clear_refs}; training then reports the peak resident set and the peak Java heap in use
 * (sampled every 2 ms) above that baseline, and the bytes allocated by all threads during epochs 2 and later.
 *
 * <p>Usage: {@code EndToEndBenchmark <mlp|weka-mlp|mlpclassifier> --train <arff> --test <arff>
 * [--hidden 100] [--epochs 10] [--threads 2] [--subset rows] [--predict-repetitions 5] [--seed 1]
 * [--precision float64|float32]}
 */
public final class EndToEndBenchmark {

  private EndToEndBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String implementation = args[0];
    String hidden = options.getOrDefault("hidden", "100");
    int epochs = Integer.parseInt(options.getOrDefault("epochs", "10"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
    int predictRepetitions = Integer.parseInt(options.getOrDefault("predict-repetitions", "5"));
    int seed = Integer.parseInt(options.getOrDefault("seed", "1"));
    String precision = options.getOrDefault("precision", "float64");

    Instances train = load(options.get("train"));
    Instances test = load(options.get("test"));
    if (options.containsKey("subset")) {
      int rows = Math.min(train.numInstances(), Integer.parseInt(options.get("subset")));
      train = new Instances(train, 0, rows);
    }
    if (options.containsKey("test-subset")) {
      int rows = Math.min(test.numInstances(), Integer.parseInt(options.get("test-subset")));
      test = new Instances(test, 0, rows);
    }
    boolean classification = train.classAttribute().isNominal();

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("implementation", implementation);
    result.put("hidden", hidden);
    result.put("epochs", epochs);
    result.put("threads", threads);
    result.put("precision", precision);
    result.put("train_rows", train.numInstances());
    result.put("test_rows", test.numInstances());
    result.put("attributes", train.numAttributes() - 1);
    result.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    MemoryProbe memory = new MemoryProbe();
    memory.start();
    List<Double> epochSeconds = new ArrayList<>();
    double trainingSeconds;
    Classifier classifier;
    long allocatedLaterEpochs = -1;
    long start = System.nanoTime();
    switch (implementation) {
      case "mlp": {
        AbstractClassifier mlp = classification
          ? new weka.classifiers.functions.MultilayerPerceptronClassifier()
          : new weka.classifiers.functions.MultilayerPerceptronRegressor();
        // a fixed number of epochs: the stopping rule never fires (n-iter-no-change above the epoch count)
        mlp.setOptions(new String[] {"-hidden-layer-sizes", hidden, "-max-iter", Integer.toString(epochs),
          "-n-iter-no-change", Integer.toString(epochs + 1), "-num-threads", Integer.toString(threads), "-S",
          Integer.toString(seed), "-precision", precision});
        IterativeClassifier iterative = (IterativeClassifier) mlp;
        long initStart = System.nanoTime();
        iterative.initializeClassifier(train);
        result.put("initialize_seconds", (System.nanoTime() - initStart) * 1e-9);
        long allocatedBefore = 0;
        for (int e = 1; e <= epochs; e++) {
          if (e == 2) {
            allocatedBefore = memory.allocatedBytes();
          }
          long epochStart = System.nanoTime();
          boolean more = iterative.next();
          epochSeconds.add((System.nanoTime() - epochStart) * 1e-9);
          if (!more && e < epochs) {
            throw new IllegalStateException("Training stopped after epoch " + e + " of " + epochs);
          }
        }
        if (epochs >= 2) {
          allocatedLaterEpochs = memory.allocatedBytes() - allocatedBefore;
        }
        iterative.done();
        classifier = mlp;
        result.put("backend", Backends.selected(products(precision)).name());
        break;
      }
      case "weka-mlp": {
        weka.classifiers.functions.MultilayerPerceptron old = new weka.classifiers.functions.MultilayerPerceptron();
        old.setHiddenLayers(hidden);
        old.setTrainingTime(epochs);
        old.setSeed(seed);
        old.buildClassifier(train);
        classifier = old;
        break;
      }
      case "mlpclassifier": {
        if (hidden.contains(",")) {
          throw new IllegalArgumentException("MLPClassifier has exactly one hidden layer");
        }
        AbstractClassifier frank = (AbstractClassifier) Class.forName("weka.classifiers.functions.MLPClassifier")
          .getDeclaredConstructor().newInstance();
        // -G: conjugate gradients; its default BFGS keeps a dense Hessian of all 78,500 weights (49 GB).
        // The debug output names every loss evaluation ("obj. function"), which gives the time per pass.
        frank.setOptions(new String[] {"-G", "-N", hidden, "-P", Integer.toString(threads), "-E",
          Integer.toString(threads), "-S", Integer.toString(seed), "-output-debug-info"});
        LineCounter counter = new LineCounter("obj. function");
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        System.setOut(new java.io.PrintStream(counter, true));
        System.setErr(new java.io.PrintStream(counter, true));
        try {
          frank.buildClassifier(train);
        } finally {
          System.setOut(out);
          System.setErr(err);
        }
        result.put("loss_evaluations", counter.count());
        classifier = frank;
        break;
      }
      default:
        throw new IllegalArgumentException("Unknown implementation " + implementation);
    }
    trainingSeconds = (System.nanoTime() - start) * 1e-9;
    memory.stop();
    result.put("training_seconds", trainingSeconds);
    result.put("epoch_seconds", epochSeconds);
    result.put("allocated_bytes_epochs_2_on", allocatedLaterEpochs);
    result.put("minibatches_per_epoch", (train.numInstances() + 199) / 200);
    memory.report(result);

    // prediction: Weka's batch prediction of the whole test set, timed several times after a warm-up (the
    // same rule as benchmarks/sklearn_peer.py: calls until WARM_UP_SECONDS have passed, at least one)
    final Instances testSet = test;
    final Classifier trained = classifier;
    warmUp(() -> predictAll(trained, testSet));
    double[][] distributions = null;
    List<Double> predictSeconds = new ArrayList<>();
    for (int r = 0; r < predictRepetitions; r++) {
      long predictStart = System.nanoTime();
      distributions = predictAll(classifier, test);
      predictSeconds.add((System.nanoTime() - predictStart) * 1e-9);
    }
    result.put("predict_seconds", predictSeconds);
    if (classifier instanceof AbstractMultilayerPerceptron) {
      try {
        corePrediction((AbstractMultilayerPerceptron) classifier, train, test, threads, predictRepetitions,
          Backends.selected(products(precision)), result);
      } catch (LinkageError e) {
        // measuring a build from before Network.predict(rows, source, ...) existed
        result.put("core_predict_missing", e.toString());
      }
    }
    if (classification) {
      int correct = 0;
      for (int i = 0; i < test.numInstances(); i++) {
        int best = 0;
        for (int c = 1; c < distributions[i].length; c++) {
          if (distributions[i][c] > distributions[i][best]) {
            best = c;
          }
        }
        if (best == (int) test.instance(i).classValue()) {
          correct++;
        }
      }
      result.put("test_accuracy", correct / (double) test.numInstances());
    } else {
      double mean = 0;
      for (int i = 0; i < test.numInstances(); i++) {
        mean += test.instance(i).classValue();
      }
      mean /= test.numInstances();
      double residual = 0;
      double total = 0;
      for (int i = 0; i < test.numInstances(); i++) {
        double y = test.instance(i).classValue();
        residual += (y - distributions[i][0]) * (y - distributions[i][0]);
        total += (y - mean) * (y - mean);
      }
      result.put("test_r2", 1 - residual / total);
    }
    System.out.println(Json.write(result));
    // MLPClassifier leaves the non-daemon threads of its pool running
    System.exit(0);
  }

  /**
   * This package's forward pass below the Weka face, on the same network: rows encoded inside the worker
   * threads ({@code Network.predict} with a row source, what batch prediction in the face can call), and
   * rows already encoded into a matrix (what scikit-learn's predict_proba gets).
   */
  private static void corePrediction(AbstractMultilayerPerceptron mlp, Instances train, Instances test, int threads,
    int repetitions, Backend backend, Map<String, Object> result) {
    Network network = mlp.getNetwork();
    InstancesEncoder encoder = InstancesEncoder.fit(train, InputScaling.STANDARDIZE);
    DMatrixRMaj encoded = encoder.encode(test);
    DMatrixRMaj outputs = new DMatrixRMaj(1, 1);
    List<Double> fromInstances = new ArrayList<>();
    List<Double> fromMatrix = new ArrayList<>();
    Network.RowSource source = (row, destination, offset) -> encoder.encode(test.instance(row), destination, offset);
    try {
      warmUp(() -> {
        network.predict(test.numInstances(), source, outputs, backend, threads);
        network.predict(encoded, outputs, backend, threads);
        return null;
      });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (int r = 0; r < repetitions; r++) {
      long start = System.nanoTime();
      network.predict(test.numInstances(), source, outputs, backend, threads);
      long middle = System.nanoTime();
      network.predict(encoded, outputs, backend, threads);
      long end = System.nanoTime();
      fromInstances.add((middle - start) * 1e-9);
      fromMatrix.add((end - middle) * 1e-9);
    }
    result.put("core_predict_instances_seconds", fromInstances);
    result.put("core_predict_encoded_seconds", fromMatrix);
  }

  /** @return the precision named by {@code --precision} (float64 or float32) */
  private static Precision products(String precision) {
    for (Precision p : Precision.values()) {
      if (p.optionName().equals(precision)) {
        return p;
      }
    }
    throw new IllegalArgumentException("Unknown --precision " + precision + ": use float64 or float32");
  }

  /** Seconds of untimed prediction calls before the timed ones, so that the JIT has compiled the path. */
  private static final double WARM_UP_SECONDS = 1.0;

  /** Calls the prediction until {@link #WARM_UP_SECONDS} have passed, at least once. */
  private static void warmUp(java.util.concurrent.Callable<?> prediction) throws Exception {
    long end = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
    do {
      prediction.call();
    } while (System.nanoTime() < end);
  }

  private static double[][] predictAll(Classifier classifier, Instances test) throws Exception {
    if (classifier instanceof AbstractClassifier
      && ((AbstractClassifier) classifier).implementsMoreEfficientBatchPrediction()) {
      return ((AbstractClassifier) classifier).distributionsForInstances(test);
    }
    double[][] result = new double[test.numInstances()][];
    for (int i = 0; i < result.length; i++) {
      result[i] = classifier.distributionForInstance(test.instance(i));
    }
    return result;
  }

  static Instances load(String file) throws Exception {
    Instances data = DataSource.read(file);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /**
   * Peak resident set and Java heap above the state after loading the data, and bytes allocated by all
   * threads (but the probe's own).
   */
  static final class MemoryProbe {

    private final MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.ThreadMXBean threadBean = (com.sun.management.ThreadMXBean) ManagementFactory
      .getThreadMXBean();
    private volatile boolean running;
    private volatile long peakHeap;
    private long baselineHeap;
    private long baselineResident;
    private boolean peakReset;
    private Thread sampler;

    void start() throws InterruptedException, IOException {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      baselineHeap = heap.getHeapMemoryUsage().getUsed();
      baselineResident = ProcStatus.residentBytes();
      peakReset = ProcStatus.resetPeakResident();
      peakHeap = baselineHeap;
      running = true;
      sampler = new Thread(() -> {
        while (running) {
          long used = heap.getHeapMemoryUsage().getUsed();
          if (used > peakHeap) {
            peakHeap = used;
          }
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "memory-probe");
      sampler.setDaemon(true);
      sampler.start();
    }

    long allocatedBytes() {
      long[] ids = threadBean.getAllThreadIds();
      long total = 0;
      for (long id : ids) {
        if (id == sampler.getId()) {
          continue;
        }
        long bytes = threadBean.getThreadAllocatedBytes(id);
        if (bytes > 0) {
          total += bytes;
        }
      }
      return total;
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
    }

    void report(Map<String, Object> result) throws IOException {
      result.put("baseline_heap_bytes", baselineHeap);
      result.put("peak_heap_bytes", peakHeap);
      result.put("baseline_rss_bytes", baselineResident);
      result.put("peak_rss_bytes", peakReset ? ProcStatus.peakResidentBytes() : -1L);
      result.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    }
  }

  /** Counts the lines written to it that start with a given text; keeps nothing else. */
  static final class LineCounter extends java.io.OutputStream {

    private final byte[] prefix;
    private int position;
    private boolean matching = true;
    private long count;

    LineCounter(String prefix) {
      this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        position = 0;
        matching = true;
        return;
      }
      if (matching && position < prefix.length) {
        matching = prefix[position] == (byte) b;
        position++;
        if (matching && position == prefix.length) {
          count++;
        }
      }
    }

    long count() {
      return count;
    }
  }

  /** Linux's view of this process's memory. */
  static final class ProcStatus {

    private ProcStatus() {
    }

    static long residentBytes() throws IOException {
      return field("VmRSS:");
    }

    static long peakResidentBytes() throws IOException {
      return field("VmHWM:");
    }

    /** Resets VmHWM to the current resident set (Linux 4.0 and later). */
    static boolean resetPeakResident() {
      try {
        Files.write(Paths.get("/proc/self/clear_refs"), "5".getBytes(StandardCharsets.US_ASCII));
        return true;
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    private static long field(String name) throws IOException {
      Path status = Paths.get("/proc/self/status");
      if (!Files.exists(status)) {
        return -1;
      }
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
      return -1;
    }
  }

  /** Just enough JSON for flat maps of numbers, strings and lists of numbers. */
  static final class Json {

    private Json() {
    }

    static String write(Map<String, Object> map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, Object> e : map.entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append('"').append(e.getKey()).append("\": ");
        value(sb, e.getValue());
      }
      return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v) {
      if (v instanceof List) {
        sb.append('[');
        boolean first = true;
        for (Object item : (List<?>) v) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          value(sb, item);
        }
        sb.append(']');
      } else if (v instanceof Double) {
        sb.append(String.format(Locale.ROOT, "%.6g", (Double) v));
      } else if (v instanceof Number) {
        sb.append(v);
      } else {
        sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
  }
}
