package org.wekamlp.core;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;
import org.wekamlp.core.optim.Adam;

/**
 * The forward and backward pass of one minibatch of 200 rows with MNIST's shapes (717 encoded inputs, 10
 * classes, relu), per backend, architecture and thread count: {@code lossAndGradient} alone, and
 * {@code trainingStep} with adam's update as the training loop runs it. {@code benchmarks/run_benchmarks.py
 * --jmh} turns the times into GFLOP/s and sets them next to the matrix-product ceiling measured in the same
 * run ({@code benchmarks/numpy_ceiling.py}).
 *
 * <p>It lives in the core's package (in the benchmark sources, never in the jar) because the evaluator and the
 * gradient it times are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MinibatchBenchmark {

  /** MNIST's 784 pixels minus the 67 that are constant in the training set, as the encoder drops them. */
  static final int INPUTS = 717;
  static final int OUTPUTS = 10;
  static final int ROWS = 200;

  @Param({"openblas", "ejml"})
  public String backend;

  @Param({"100", "256,128"})
  public String hidden;

  @Param({"1", "2"})
  public int threads;

  private GradientEvaluator evaluator;
  private TrainingData data;
  private int[] rows;
  private Gradient gradient;
  private Adam adam;
  private Network network;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    network = new Network(layerSizes(hidden), Activation.RELU, OutputLayer.SOFTMAX_CROSS_ENTROPY);
    network.initialize(random);
    DMatrixRMaj x = new DMatrixRMaj(ROWS, INPUTS);
    DMatrixRMaj y = new DMatrixRMaj(ROWS, OUTPUTS);
    int[] labels = new int[ROWS];
    double[] weights = new double[ROWS];
    rows = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < INPUTS; j++) {
        x.data[i * INPUTS + j] = random.nextGaussian();
      }
      labels[i] = random.nextInt(OUTPUTS);
      y.data[i * OUTPUTS + labels[i]] = 1.0;
      weights[i] = 1.0;
      rows[i] = i;
    }
    data = new TrainingData(x, y, weights, labels);
    Backend products;
    switch (backend) {
      case "ejml":
        products = Backends.ejml();
        break;
      case "openblas":
        products = Backends.select("openblas", Precision.FLOAT64);
        break;
      case "openblas-float32":
        products = Backends.select("openblas", Precision.FLOAT32);
        break;
      default:
        throw new IllegalArgumentException(backend);
    }
    // the plan a training run uses for minibatches of 200 rows
    evaluator = new GradientEvaluator(network, WorkPlan.forTraining(network, ROWS), threads, products);
    gradient = new Gradient(network);
    // a tiny rate keeps the weights (and so the work) the same over millions of steps
    adam = new Adam(network.parameterArrays(), 1e-12, 0.9, 0.999, 1e-8);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    evaluator.close();
  }

  /** @return inputs, the hidden layers of {@code hidden} ("256,128"), outputs */
  static int[] layerSizes(String hidden) {
    String[] parts = hidden.split(",");
    int[] sizes = new int[parts.length + 2];
    sizes[0] = INPUTS;
    for (int i = 0; i < parts.length; i++) {
      sizes[i + 1] = Integer.parseInt(parts[i].trim());
    }
    sizes[sizes.length - 1] = OUTPUTS;
    return sizes;
  }

  /** @return floating-point operations of one forward and backward pass (matrix products only) */
  public static double flops(String hidden) {
    int[] sizes = layerSizes(hidden);
    double total = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      double product = 2.0 * ROWS * sizes[l] * sizes[l + 1];
      total += 2 * product; // forward A W, weight gradient A^T D
      if (l > 0) {
        total += product; // delta of the layer below, D W^T
      }
    }
    return total;
  }

  @Benchmark
  public double lossAndGradient() {
    return evaluator.lossAndGradient(data, rows, 0, ROWS, ROWS, 1e-4, gradient);
  }

  @Benchmark
  public double trainingStep() {
    return evaluator.lossAndStep(data, rows, 0, ROWS, ROWS, 1e-4, gradient, adam);
  }
}
