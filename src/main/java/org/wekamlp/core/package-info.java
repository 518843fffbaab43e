/**
 * The numerical core of the multilayer perceptron: it knows matrices, not Weka instances (nothing here
 * imports {@code weka.*}).
 *
 * <ul>
 *   <li>{@link org.wekamlp.core.Activation} and {@link org.wekamlp.core.OutputLayer}: the element-wise
 *       functions and the output/loss pairs (softmax with cross-entropy, identity with squared error);</li>
 *   <li>{@link org.wekamlp.core.Network}: architecture and parameters;</li>
 *   <li>{@link org.wekamlp.core.GradientEvaluator}: loss and gradient of whole minibatches, one matrix
 *       product per layer and direction, split over threads as the {@link org.wekamlp.core.WorkPlan} says
 *       (units of rows and shards of parameters that depend on the problem alone, never on the thread
 *       count);</li>
 *   <li>{@code BatchPrediction}: the forward pass over many rows, in blocks spread over threads; for rows with
 *       many zeros read raw through {@link org.wekamlp.core.Network#foldInputs} (the input scaling folded into
 *       the first layer), {@code SparseFirstLayer} multiplies only the columns in which a block has entries;</li>
 *   <li>{@link org.wekamlp.core.TrainingRun}: the epoch loop, stopping rules and early stopping, with its
 *       {@link org.wekamlp.core.TrainingConfig} and {@link org.wekamlp.core.TrainingHistory};</li>
 *   <li>{@link org.wekamlp.core.optim}: the optimizers;</li>
 *   <li>{@link org.wekamlp.core.backend}: the matrix-product backends (EJML, OpenBLAS float64 and float32),
 *       the only code that knows native memory.</li>
 * </ul>
 */
package org.wekamlp.core;
