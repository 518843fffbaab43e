package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Instances;

/**
 * Issue 11 through the classifier: {@code -num-threads} does not change the model, and a classifier kept for
 * resuming holds no worker threads between builds (the Explorer and Experimenter make copies and drop them).
 */
class ThreadsAndResumeTest {

  /** A width at which the digits' minibatches of 200 rows are cut into several units of work. */
  private static final String[] WIDE = {"-hidden-layer-sizes", "256", "-S", "3"};

  private static List<Thread> workerThreads() {
    List<Thread> workers = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("mlp-worker") && thread.isAlive()) {
        workers.add(thread);
      }
    }
    return workers;
  }

  /** Waits up to two seconds for closed teams' threads to finish. */
  private static List<Thread> workerThreadsAfterShutdown() throws InterruptedException {
    for (Thread thread : workerThreads()) {
      thread.join(2000);
    }
    return workerThreads();
  }

  private static MultilayerPerceptronClassifier classifier(int threads, int epochs) throws Exception {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(WIDE.clone());
    mlp.setNumThreads(threads);
    mlp.setMaxIterations(epochs);
    return mlp;
  }

  /** The summary's "Threads: n, matrix products: ..." line. */
  private static void assertThreadsUsed(int expected, MultilayerPerceptronClassifier mlp) {
    assertTrue(mlp.toString().contains("Threads:      " + expected + ","), mlp.toString());
  }

  private static void assertSameParameters(MultilayerPerceptronClassifier expected,
    MultilayerPerceptronClassifier actual, String what) {
    double[][] e = expected.getNetwork().parameterArrays();
    double[][] a = actual.getNetwork().parameterArrays();
    for (int k = 0; k < e.length; k++) {
      assertTrue(Arrays.equals(e[k], a[k]), what + ": parameter array " + k + " differs");
    }
  }

  @Test
  void theThreadCountDoesNotChangeTheModel() throws Exception {
    Instances digits = TestDatasets.load("digits.arff");
    MultilayerPerceptronClassifier one = classifier(1, 3);
    one.buildClassifier(digits);
    for (int threads : new int[] {2, 3, 5}) {
      MultilayerPerceptronClassifier several = classifier(threads, 3);
      several.buildClassifier(digits);
      assertThreadsUsed(Math.min(threads, 4), several); // one thread per unit, four units per minibatch
      assertSameParameters(one, several, "-num-threads 1 and " + threads);
    }
  }

  @Test
  void aClassifierKeptForResumingHoldsNoWorkerThreadsAndResumesToTheSameModel() throws Exception {
    Instances digits = TestDatasets.load("digits.arff");
    assertEquals(0, workerThreadsAfterShutdown().size(), "worker threads left by other tests");
    MultilayerPerceptronClassifier resumed = classifier(2, 2);
    resumed.setResume(true);
    resumed.buildClassifier(digits);
    assertThreadsUsed(2, resumed);
    assertEquals(0, workerThreadsAfterShutdown().size(), "worker threads alive after buildClassifier with resume");
    resumed.setMaxIterations(4);
    resumed.buildClassifier(digits);
    assertEquals(4, resumed.getTrainingHistory().epochs());
    assertEquals(0, workerThreadsAfterShutdown().size(), "worker threads alive after resuming");

    MultilayerPerceptronClassifier straight = classifier(2, 4);
    straight.buildClassifier(digits);
    assertSameParameters(straight, resumed, "2 + 2 epochs resumed and 4 epochs straight through");
    resumed.setResume(false);
    resumed.done();
  }
}
