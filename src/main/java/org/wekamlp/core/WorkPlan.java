package org.wekamlp.core;

import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;

/**
 * How the work of a pass over many rows is cut up and spread over threads: the one place for these
 * heuristics. A round of rows (a minibatch, or a slice of a full pass) is cut into <em>units</em> of
 * {@link #rowsPerUnit()} consecutive rows, and the parameters into <em>shards</em> of consecutive elements. Both
 * follow from the problem alone (the network's size and the rows of a round), never from the number of threads:
 * threads only pick up whole units and shards, and every sum over units or shards is taken in their order. The
 * same seed therefore gives the same model, bit for bit, on any number of threads and any machine with the same
 * backend.
 *
 * <p>Units and shards are counted in powers of two, so that 2 or 4 threads get equal shares.
 */
public final class WorkPlan {

  /**
   * Multiply-adds of the forward pass that a unit must reach before a round is cut into more units: below it (a
   * few hundred rows of a small network) handing work to a second thread costs about as much as the work.
   */
  static final long MIN_MULTIPLY_ADDS_PER_UNIT = 1L << 17;
  /** Below this many rows per unit, more units cost more than they save. */
  static final int MIN_ROWS_PER_UNIT = 16;
  /**
   * The most units per round, hence the most threads a round can keep busy. More units mean products on fewer
   * rows, which run less efficiently: measured on MNIST 784-256-128-10 with minibatches of 200 rows on 2 threads,
   * 8 units of 25 rows took 10-25 % longer per minibatch than 4 units of 50.
   */
  static final int MAX_UNITS = 4;
  /** Rows of one round of a pass over all training rows (lbfgs). */
  static final int FULL_PASS_ROWS = 512;
  /** Parameters per shard below which the parameters are not cut further. */
  static final int MIN_PARAMETERS_PER_SHARD = 8192;
  /** The most parameter shards. */
  static final int MAX_SHARDS = 16;
  /** Rows per forward pass in prediction: large enough for full-speed products, small enough for the cache. */
  static final int PREDICTION_BLOCK_ROWS = 512;
  /**
   * Multiply-adds of a whole prediction below which the products run on the heap with EJML: a backend with its
   * own memory first copies all weights there, which for a few rows costs more than the products. Measured after
   * JIT warm-up: one MNIST row of 784-100-10 (72,700 multiply-adds) 45-53 us through OpenBLAS, 25-39 us on the
   * heap; 89 rows of 10-100-1 (98,000) about 79 and 68 us; above a few hundred thousand multiply-adds OpenBLAS's
   * speed outweighs the copy.
   */
  static final long MIN_MULTIPLY_ADDS_OFF_HEAP = 1L << 17;

  /**
   * The share of a prediction block's sampled rows ({@link #COLUMN_SAMPLE_ROWS}) that must be non-zero in a column for
   * the column to go into the first layer's dense product ({@link SparseFirstLayer}); the other columns' non-zero
   * values are added one weight row at a time, which costs about 30 times a dense product's multiply-add per
   * multiply-add (measured on MNIST: the weight rows of rare columns are cold in the cache), hence 1/32.
   */
  static final double DENSE_COLUMN_SHARE = 1.0 / 32;
  /** The rows of a prediction block whose non-zero values choose the block's dense columns. */
  static final int COLUMN_SAMPLE_ROWS = 64;
  /**
   * What it costs {@link SparseFirstLayer} to leave columns out of the first layer's dense product, in multiply-adds
   * of that product per input value of a row (each value is gathered into the product's operand or looked at for a
   * non-zero to add on its own): a block is multiplied whole unless its left-out columns save more multiply-adds per
   * row than the row's inputs times this. Measured on MNIST's test digits (41 % of the 717 columns left out per
   * block of 512 rows), one model at a time, the settings alternating in one JVM: with 256 units in the first layer,
   * leaving columns out took 13 % (float64) and 10 % (float32) less time than multiplying whole; with 100 units it
   * took as long in float64 and 1-8 % longer in float32. 64 puts the line between the two.
   */
  static final long COMPACTION_COST = 64;

  private final int rowsPerUnit;
  private final int unitsPerRound;
  /** Per shard, triples (array, from, to) over the arrays of {@link Network#parameterArrays()}. */
  private final int[][] shards;

  private WorkPlan(Network network, int rowsPerRound, long mostUnits) {
    int rows = Math.max(1, rowsPerRound);
    int units = powerOfTwoAtMost(Math.min(MAX_UNITS, mostUnits));
    rowsPerUnit = (rows + units - 1) / units;
    unitsPerRound = (rows + rowsPerUnit - 1) / rowsPerUnit;
    shards = shards(network);
  }

  /**
   * The plan of a training run, cut by rows and by work: a small network on few rows gets one unit (and so one
   * thread).
   *
   * @param network the network. Not modified.
   * @param rowsPerRound the rows of one round ({@link #rowsPerRound(Solver, int, int)})
   * @return the plan
   */
  static WorkPlan forTraining(Network network, int rowsPerRound) {
    long byWork = rowsPerRound * network.multiplyAddsPerRow() / MIN_MULTIPLY_ADDS_PER_UNIT;
    return new WorkPlan(network, rowsPerRound, Math.min(byWork, rowsPerRound / MIN_ROWS_PER_UNIT));
  }

  /**
   * A plan cut by rows alone (at least {@value #MIN_ROWS_PER_UNIT} per unit), whatever the work per row.
   *
   * @param network the network. Not modified.
   * @param rowsPerRound the rows of one round
   * @return the plan
   */
  static WorkPlan forRows(Network network, int rowsPerRound) {
    return new WorkPlan(network, rowsPerRound, rowsPerRound / MIN_ROWS_PER_UNIT);
  }

  /**
   * @param solver the solver
   * @param miniBatchSize the rows per minibatch actually used
   * @param trainingRows the training rows
   * @return the rows of one round: a minibatch, or a fixed slice of a pass over all training rows (lbfgs)
   */
  public static int rowsPerRound(Solver solver, int miniBatchSize, int trainingRows) {
    return solver.isStochastic() ? miniBatchSize : Math.max(1, Math.min(trainingRows, FULL_PASS_ROWS));
  }

  /**
   * @param numThreads the {@code -num-threads} setting, 0 for all processors
   * @return the most threads that setting allows
   */
  public static int maxThreads(int numThreads) {
    return numThreads == 0 ? Runtime.getRuntime().availableProcessors() : numThreads;
  }

  /**
   * @param numThreads the {@code -num-threads} setting, 0 for all processors
   * @return the threads this plan keeps busy: at most one per unit
   */
  int threads(int numThreads) {
    return Math.max(1, Math.min(maxThreads(numThreads), unitsPerRound));
  }

  /** @return the most rows of a unit */
  int rowsPerUnit() {
    return rowsPerUnit;
  }

  /** @return the most units of a round */
  int unitsPerRound() {
    return unitsPerRound;
  }

  /** @return the most rows of a round */
  int rowsPerRound() {
    return rowsPerUnit * unitsPerRound;
  }

  /**
   * Cuts positions {@code [start, end)} (at most {@link #rowsPerRound()} of them) into units of
   * {@link #rowsPerUnit()} consecutive positions, the last one possibly shorter.
   *
   * @param start first position of the round
   * @param end one past the last position
   * @param from receives each unit's first position. Modified.
   * @param to receives each unit's end. Modified.
   * @return the number of units
   */
  int units(int start, int end, int[] from, int[] to) {
    int count = 0;
    for (int position = start; position < end; position += rowsPerUnit) {
      from[count] = position;
      to[count] = Math.min(end, position + rowsPerUnit);
      count++;
    }
    return count;
  }

  /** @return the number of parameter shards */
  int shardCount() {
    return shards.length;
  }

  /**
   * @param shard 0 to {@link #shardCount()} - 1
   * @return triples (array, from, to) over {@link Network#parameterArrays()}; within a weight matrix the bounds
   *     are whole rows
   */
  int[] shard(int shard) {
    return shards[shard];
  }

  /**
   * @param network the network. Not modified.
   * @param rows rows to predict
   * @return whether the products should run on the heap whatever the backend
   */
  static boolean predictsOnHeap(Network network, int rows) {
    return rows * network.multiplyAddsPerRow() < MIN_MULTIPLY_ADDS_OFF_HEAP;
  }

  /**
   * Whether a prediction should read raw inputs through a network with the input scaling folded into its first
   * layer ({@link Network#foldInputs}): where the products run off the heap on a native backend. EJML stays the
   * plain path, which every accelerated one is tested against (and small calls run on it).
   *
   * @param network the network. Not modified.
   * @param rows rows to predict
   * @param backend the backend the caller would predict with
   * @return whether to fold
   */
  public static boolean foldsInputScaling(Network network, int rows, Backend backend) {
    return backend != Backends.ejml() && !predictsOnHeap(network, rows);
  }

  /**
   * @param rows rows to predict
   * @param numThreads threads allowed, at least 1
   * @return the threads a prediction keeps busy: at most one per block of {@value #PREDICTION_BLOCK_ROWS} rows
   */
  static int predictionThreads(int rows, int numThreads) {
    int blocks = (rows + PREDICTION_BLOCK_ROWS - 1) / PREDICTION_BLOCK_ROWS;
    return Math.max(1, Math.min(numThreads, blocks));
  }

  /** @return the largest power of two at most {@code limit}, and at least 1 */
  private static int powerOfTwoAtMost(long limit) {
    return limit < 1 ? 1 : Integer.highestOneBit((int) Math.min(limit, 1 << 30));
  }

  /**
   * Cuts the concatenated parameter arrays into a power of two of near-equal shards, at least
   * {@value #MIN_PARAMETERS_PER_SHARD} parameters each and at most {@value #MAX_SHARDS}; a cut inside a weight
   * matrix moves to the nearest row boundary, so that a shard's weight gradient is whole rows.
   */
  static int[][] shards(Network network) {
    double[][] arrays = network.parameterArrays();
    long total = 0;
    for (double[] a : arrays) {
      total += a.length;
    }
    int count = powerOfTwoAtMost(Math.min(MAX_SHARDS, total / MIN_PARAMETERS_PER_SHARD));
    long[] bounds = new long[count + 1];
    bounds[count] = total;
    for (int s = 1; s < count; s++) {
      bounds[s] = Math.max(bounds[s - 1], rowBoundary(network, arrays, total * s / count));
    }
    int[][] shards = new int[count][];
    for (int s = 0; s < count; s++) {
      shards[s] = triples(arrays, bounds[s], bounds[s + 1]);
    }
    return shards;
  }

  /** @return the position, moved to the nearest row boundary when it falls inside a weight matrix */
  private static long rowBoundary(Network network, double[][] arrays, long position) {
    long offset = 0;
    for (int k = 0; k < arrays.length; k++) {
      if (position < offset + arrays[k].length) {
        if (k % 2 != 0) {
          return position; // a bias row: any cut will do
        }
        int rowLength = network.weights(k / 2).numCols;
        long rows = Math.round((double) (position - offset) / rowLength);
        return offset + rows * rowLength;
      }
      offset += arrays[k].length;
    }
    return position;
  }

  /** @return the triples (array, from, to) of positions {@code [start, end)} of the concatenated arrays */
  private static int[] triples(double[][] arrays, long start, long end) {
    int[] triples = new int[3 * arrays.length];
    int count = 0;
    long offset = 0;
    for (int k = 0; k < arrays.length; k++) {
      long from = Math.max(start, offset);
      long to = Math.min(end, offset + arrays[k].length);
      if (from < to) {
        triples[count++] = k;
        triples[count++] = (int) (from - offset);
        triples[count++] = (int) (to - offset);
      }
      offset += arrays[k].length;
    }
    return java.util.Arrays.copyOf(triples, count);
  }
}
