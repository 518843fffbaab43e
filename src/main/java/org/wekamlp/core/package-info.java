/**
 * The numerical core of the multilayer perceptron: it knows matrices, not Weka instances (nothing here
 * imports {@code weka.*}).
 *
 * <ul>
 *   <li>{@link org.wekamlp.core.Activation} and {@link org.wekamlp.core.OutputLayer}: the element-wise
 *       functions and the output/loss pairs (softmax with cross-entropy, identity with squared error), each with
 *       the validation score early stopping maximises (accuracy, R^2);</li>
 *   <li>{@link org.wekamlp.core.Network}: architecture and parameters;</li>
 *   <li>{@link org.wekamlp.core.GradientEvaluator}: loss and gradient of whole minibatches, one matrix
 *       product per layer and direction, split over threads as the {@link org.wekamlp.core.WorkPlan} says
 *       (units of rows and shards of parameters that depend on the problem alone, never on the thread
 *       count);</li>
 *   <li>{@link org.wekamlp.core.TrainingRun}: one run, with its {@link org.wekamlp.core.TrainingConfig} and
 *       {@link org.wekamlp.core.TrainingHistory}: it chooses the solver's driver and keeps what all solvers share
 *       (history, listener, divergence check, iteration limit, pause and finish);</li>
 *   <li>{@link org.wekamlp.core.SolverDriver}: {@link org.wekamlp.core.MinibatchDriver} (sgd and adam: shuffled
 *       minibatches, tolerance and patience on the training loss or a validation score, early stopping with the
 *       best weights restored) and {@link org.wekamlp.core.LbfgsDriver} (iterations on the full-batch
 *       objective);</li>
 *   <li>{@link org.wekamlp.core.optim}: the optimizers;</li>
 *   <li>{@link org.wekamlp.core.backend}: the matrix-product backends (EJML, OpenBLAS float64 and float32),
 *       the only code that knows native memory.</li>
 * </ul>
 */
package org.wekamlp.core;
