/**
 * Speed benchmarks (issue 5, BENCHMARKS.md), compiled only by the Maven profile {@code benchmarks} and
 * never part of the Weka package: {@link org.wekamlp.benchmarks.EndToEndBenchmark} (one timed training and
 * prediction run of a Weka classifier in a fresh JVM), {@link org.wekamlp.benchmarks.ExportEncoded} (the
 * encoded inputs for the scikit-learn peer), {@link org.wekamlp.benchmarks.OffCostRun} (one timed run of
 * {@code benchmarks/off-cost.sh}: issue 12's features switched off against the build before them); the JMH
 * benchmark {@code org.wekamlp.core.MinibatchBenchmark} (one minibatch's forward and backward pass) sits in the
 * core's package, next to the package-private types it times.
 */
package org.wekamlp.benchmarks;
