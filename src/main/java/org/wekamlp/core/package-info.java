/**
 * The numerical core of the multilayer perceptron: it knows matrices, not Weka instances (nothing here
 * imports {@code weka.*}), and it names settings by their {@link org.wekamlp.core.TrainingConfig} fields, never
 * by a front end's flags.
 *
 * <ul>
 *   <li>What a network is: {@link org.wekamlp.core.Network} (architecture, parameters, Glorot initialisation),
 *       {@link org.wekamlp.core.Activation} (hidden-layer functions) and {@link org.wekamlp.core.OutputLayer} (the
 *       output/loss pairs, softmax with cross-entropy and identity with squared error, each with the validation
 *       score early stopping maximises, accuracy or R^2).</li>
 *   <li>One pass: {@link org.wekamlp.core.Backpropagation} (forward and backward through preallocated
 *       {@link org.wekamlp.core.Workspace}s, one matrix product per layer and direction),
 *       {@link org.wekamlp.core.GradientEvaluator} (loss and {@link org.wekamlp.core.Gradient} of whole
 *       minibatches, fused with the optimizer's step), {@link org.wekamlp.core.BatchPrediction} (block-wise
 *       parallel prediction; for rows with many zeros, read raw through a network whose first layer has the input
 *       scaling folded in, {@link org.wekamlp.core.Network#foldInputs}, {@link org.wekamlp.core.SparseFirstLayer}
 *       multiplies only the columns in which a block has entries); all split over threads as the {@link org.wekamlp.core.WorkPlan} says (units of rows
 *       and shards of parameters that depend on the problem alone, never on the thread count), run by a
 *       {@link org.wekamlp.core.WorkerTeam}.</li>
 *   <li>One run: {@link org.wekamlp.core.TrainingRun} on {@link org.wekamlp.core.TrainingData} with a
 *       {@link org.wekamlp.core.TrainingConfig} (every hyper-parameter and its default) chooses the solver's
 *       {@link org.wekamlp.core.SolverDriver}: {@link org.wekamlp.core.MinibatchDriver} (sgd and adam, shuffled
 *       by {@link org.wekamlp.core.Shuffle}, early stopping on a {@link org.wekamlp.core.ValidationSplit}) or
 *       {@link org.wekamlp.core.LbfgsDriver}; it records a {@link org.wekamlp.core.TrainingHistory}, tells an
 *       {@link org.wekamlp.core.EpochListener} and ends with a {@link org.wekamlp.core.StopReason}.</li>
 *   <li>Choices and problems: {@link org.wekamlp.core.Solver} and the other closed sets name themselves through
 *       {@link org.wekamlp.core.OptionName}; {@link org.wekamlp.core.SettingsException}
 *       ({@link org.wekamlp.core.InvalidSettingException}, {@link org.wekamlp.core.TrainingDivergedException})
 *       and {@link org.wekamlp.core.StopReason} name settings in {@link org.wekamlp.core.SettingText}'s braces
 *       for a front end to render; {@link org.wekamlp.core.TrainingInterruptedException} ends a run whose thread
 *       was interrupted.</li>
 *   <li>{@link org.wekamlp.core.optim}: the optimizers (sgd, adam, lbfgs), which know only parameter and gradient
 *       arrays.</li>
 *   <li>{@link org.wekamlp.core.backend}: the matrix-product backends (EJML; OpenBLAS float64 and float32), the
 *       only code that knows native memory.</li>
 * </ul>
 */
package org.wekamlp.core;
