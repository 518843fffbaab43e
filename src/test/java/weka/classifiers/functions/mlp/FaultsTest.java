package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/** Faults: divergence, interruption, concurrent use, copies, unseen values and the command line. */
class FaultsTest {

  /** A synthetic classification set large enough that training takes a while. */
  private static Instances large(int rows, int attributes) {
    ArrayList<Attribute> list = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      list.add(new Attribute("x" + a));
    }
    list.add(new Attribute("class", Arrays.asList("a", "b", "c")));
    Instances data = new Instances("large", list, rows);
    data.setClassIndex(attributes);
    Random random = new Random(5);
    for (int i = 0; i < rows; i++) {
      double[] values = new double[attributes + 1];
      for (int a = 0; a < attributes; a++) {
        values[a] = random.nextGaussian();
      }
      values[attributes] = random.nextInt(3);
      data.add(new DenseInstance(1.0, values));
    }
    return data;
  }

  private static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
      .filter(t -> t.getName().startsWith("mlp-worker") && t.isAlive()).count();
  }

  @Test
  void divergenceEndsWithAnErrorThatSaysWhatToChangeAndLeavesNoModel() throws Exception {
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.setOptions(new String[] {"-solver", "sgd", "-learning-rate-init", "10"});
    Exception e = assertThrows(Exception.class, () -> mlp.buildClassifier(TestDatasets.load("cpu.arff")));
    assertTrue(e.getMessage().startsWith("Training diverged in epoch "), e.getMessage());
    assertTrue(e.getMessage().contains("Use a smaller -learning-rate-init (now 10.0)"), e.getMessage());
    assertEquals("MultilayerPerceptronRegressor: No model built yet.", mlp.toString());
    Exception predict = assertThrows(IllegalStateException.class,
      () -> mlp.distributionForInstance(TestDatasets.load("cpu.arff").instance(0)));
    assertEquals("No model built yet: call buildClassifier first.", predict.getMessage());
  }

  @Test
  void interruptingTheTrainingThreadStopsItPromptlyAndLeavesNoThreadRunning() throws Exception {
    Instances data = large(20000, 50);
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "200", "-num-threads", "2", "-max-iter", "1000"});
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread trainer = new Thread(() -> {
      try {
        mlp.buildClassifier(data);
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "trainer");
    trainer.start();
    while (mlp.getTrainingHistory() == null || mlp.getTrainingHistory().epochs() < 1) {
      Thread.sleep(10);
      assertTrue(trainer.isAlive(), "training ended before it could be interrupted");
    }
    long interruptedAt = System.nanoTime();
    trainer.interrupt();
    trainer.join(5000);
    double seconds = (System.nanoTime() - interruptedAt) * 1e-9;
    assertTrue(!trainer.isAlive(), "training still running after the interrupt");
    assertTrue(seconds < 1.0, "took " + seconds + " s to stop");
    assertEquals("Training was interrupted.", outcome.get().getMessage());
    Thread.sleep(100); // shutdownNow has been called; give the pool threads a moment to exit
    assertEquals(0, workerThreads(), "worker threads left running");
  }

  @Test
  void oneModelUsedFromEightThreadsGivesTheSerialResults() throws Exception {
    Instances digits = TestDatasets.load("digits.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(5);
    mlp.buildClassifier(digits);
    double[][] serialBatch = mlp.distributionsForInstances(digits);
    double[][] serialSingle = new double[digits.numInstances()][];
    for (int i = 0; i < serialSingle.length; i++) {
      serialSingle[i] = mlp.distributionForInstance(digits.instance(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int offset = t;
        results.add(pool.submit(() -> {
          for (int repeat = 0; repeat < 3; repeat++) {
            double[][] batch = mlp.distributionsForInstances(digits);
            for (int i = 0; i < batch.length; i++) {
              assertArrayEquals(serialBatch[i], batch[i], 0.0);
            }
            for (int i = offset; i < digits.numInstances(); i += 8) {
              assertArrayEquals(serialSingle[i], mlp.distributionForInstance(digits.instance(i)), 0.0);
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theExplorersCopyTrainsIndependentlyOfTheOriginal() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier original = new MultilayerPerceptronClassifier();
    original.setMaxIterations(10);
    original.buildClassifier(iris);
    double[] before = original.distributionForInstance(iris.instance(0));
    String summary = original.toString();
    MultilayerPerceptronClassifier copy = (MultilayerPerceptronClassifier) AbstractClassifier.makeCopy(original);
    copy.setMaxIterations(50);
    copy.setHiddenLayerSizes("7");
    copy.buildClassifier(iris);
    assertArrayEquals(before, original.distributionForInstance(iris.instance(0)), 0.0);
    assertEquals(summary, original.toString());
    assertEquals(10, original.getMaxIterations());
    assertNotEquals(before[0], copy.distributionForInstance(iris.instance(0))[0]);
  }

  @Test
  void serialVersionUidsAreFixed() throws Exception {
    for (Class<?> c : new Class<?>[] {MultilayerPerceptronClassifier.class, MultilayerPerceptronRegressor.class,
      AbstractMultilayerPerceptron.class, InstancesEncoder.class, org.wekamlp.core.Network.class,
      org.wekamlp.core.TrainingHistory.class, org.wekamlp.core.TrainingConfig.class}) {
      java.lang.reflect.Field field = c.getDeclaredField("serialVersionUID");
      assertTrue(java.lang.reflect.Modifier.isFinal(field.getModifiers()), c.getName());
    }
  }

  @Test
  void aNominalValueThatTrainingNeverSawStillGivesAProbabilityDistribution() throws Exception {
    Instances train = BadInputCatalogueTest.data("train", true, 20);
    for (int i = 0; i < train.numInstances(); i++) {
      train.instance(i).setValue(2, i % 2); // red or green, never blue
    }
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.buildClassifier(train);
    DenseInstance blue = new DenseInstance(1.0, new double[] {0.5, -0.2, 2, 0});
    blue.setDataset(train);
    double[] p = mlp.distributionForInstance(blue);
    assertEquals(1.0, p[0] + p[1], 1e-12);
    assertTrue(Double.isFinite(p[0]));
  }

  @Test
  void aModelFileOfAnotherClassIsRefusedInOneLine(@TempDir Path folder) throws Exception {
    File model = folder.resolve("j48.model").toFile();
    J48 j48 = new J48();
    j48.buildClassifier(TestDatasets.load("iris.arff"));
    SerializationHelper.write(model.getPath(), j48);
    Exception e = assertThrows(Exception.class, () -> Evaluation.evaluateModel(new MultilayerPerceptronClassifier(),
      new String[] {"-l", model.getPath(), "-T", "datasets/iris.arff"}));
    assertEquals("Error: Loaded classifier is weka.classifiers.trees.J48, not "
      + "weka.classifiers.functions.MultilayerPerceptronClassifier!", AbstractMultilayerPerceptron.commandLineMessage(
        e));
  }

  @Test
  void anOptionErrorOnTheCommandLineIsOneLineWithoutTheOptionList() throws Exception {
    Exception e = assertThrows(Exception.class, () -> Evaluation.evaluateModel(new MultilayerPerceptronClassifier(),
      new String[] {"-t", "datasets/iris.arff", "-alpha", "-1"}));
    assertEquals("Error: Invalid -alpha -1.0: must be a finite number >= 0.",
      AbstractMultilayerPerceptron.commandLineMessage(e));
  }

  /** The real command line in a separate JVM: one line on stderr, exit code 1, no stack trace. */
  @Test
  void theCommandLinePrintsNoStackTrace() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
      "weka.classifiers.functions.MultilayerPerceptronClassifier", "-t", "datasets/cpu.arff");
    builder.redirectErrorStream(false);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue(), stdout + stderr);
    List<String> lines = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      // Weka's matrix library may log warnings about optional native code through java.util.logging
      if (!line.contains("com.github.fommil") && !line.startsWith("WARNING: Failed to load implementation")) {
        lines.add(line);
      }
    }
    assertEquals(Arrays.asList("Error: weka.classifiers.functions.MultilayerPerceptronClassifier: Cannot handle "
      + "numeric class! MultilayerPerceptronClassifier predicts a nominal class; use MultilayerPerceptronRegressor "
      + "for a numeric class."), lines, stderr);
    assertTrue(!stderr.contains("\tat "), stderr);
  }

  @Test
  void theMemoryEstimateCountsDataAndModel() {
    MemoryEstimate estimate = mnistEstimate(org.wekamlp.core.backend.Precision.FLOAT64);
    // 60,000 x (784 + 10 + 1.5) doubles of data = 381.8 MB, plus (78,500 + 1,010) parameters x 6 copies and
    // two minibatch workspaces of 200 x 894: 3.8 MB + 2.9 MB
    assertEquals(381.8e6 + 3.8e6 + 2.9e6, estimate.total(), 0.2e6);
    assertTrue(Files.exists(Path.of("datasets")), "run from the project root");
  }

  @Test
  void theMemoryEstimateCountsFourBytesPerInputInFloat32() {
    MemoryEstimate estimate = mnistEstimate(org.wekamlp.core.backend.Precision.FLOAT32);
    // 60,000 x 784 floats of inputs = 188.2 MB, plus 60,000 x (10 + 1.5) doubles of targets, weights and labels
    // = 5.5 MB; the model's part as in float64
    assertEquals(188.2e6 + 5.5e6, estimate.dataBytes(), 0.1e6);
    assertEquals(188.2e6 + 5.5e6 + 3.8e6 + 2.9e6, estimate.total(), 0.2e6);
  }

  /** The estimate for MNIST's 60,000 training rows, 784-100-10, two threads. */
  private static MemoryEstimate mnistEstimate(org.wekamlp.core.backend.Precision precision) {
    org.wekamlp.core.TrainingConfig config = new org.wekamlp.core.TrainingConfig();
    config.numThreads = 2;
    return MemoryEstimate.of(60000, new int[] {784, 100, 10}, config, precision);
  }
}
