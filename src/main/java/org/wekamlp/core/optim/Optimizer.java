package org.wekamlp.core.optim;

/**
 * A first-order minibatch optimizer. It only knows parameter arrays and gradient arrays of the same
 * shapes, in the same order. Lifecycle: construct for one set of parameter shapes (the state is
 * allocated there, once), then {@link #update} once per minibatch and {@link #endEpoch} once per epoch.
 * One instance serves one training run.
 */
public interface Optimizer {

  /**
   * One step: moves every parameter against its gradient.
   *
   * @param parameters parameter arrays. Modified.
   * @param gradients gradient arrays, same shapes. Not modified.
   */
  void update(double[][] parameters, double[][] gradients);

  /**
   * Called after each epoch, for learning-rate schedules.
   *
   * @param samplesSeen training rows processed since training began
   */
  void endEpoch(long samplesSeen);

  /**
   * Called when the loss (or validation score) has not improved for too many epochs.
   *
   * @return true to stop training, false when the optimizer adapted (e.g. lowered the learning rate)
   */
  boolean onNoImprovement();

  /** @return the learning rate used by the next update */
  double learningRate();

  /** @return a one-line description for model summaries */
  String describe();
}
