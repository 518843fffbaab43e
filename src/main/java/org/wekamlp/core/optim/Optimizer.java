package org.wekamlp.core.optim;

/**
 * A first-order minibatch optimizer. It only knows parameter arrays and gradient arrays of the same
 * shapes, in the same order. Lifecycle: construct for one set of parameter shapes (the state is
 * allocated there, once), then {@link #update} once per minibatch and {@link #endEpoch} once per epoch.
 * One instance serves one training run.
 */
public interface Optimizer {

  /**
   * One step: moves every parameter against its gradient. The same as {@link #beginStep()} followed by
   * {@link #updateRange} over every whole array.
   *
   * @param parameters parameter arrays. Modified.
   * @param gradients gradient arrays, same shapes. Not modified.
   */
  default void update(double[][] parameters, double[][] gradients) {
    beginStep();
    for (int k = 0; k < parameters.length; k++) {
      updateRange(parameters, gradients, k, 0, parameters[k].length);
    }
  }

  /**
   * Starts a step: advances the step count and fixes the rate that the following {@link #updateRange}
   * calls use. Each parameter must then be updated exactly once before the next step.
   */
  void beginStep();

  /**
   * Updates {@code parameters[array][from..to)} for the current step. Calls on disjoint ranges may run
   * concurrently (each element's update depends only on that element's state), which is how the training
   * loop spreads a step over its threads.
   *
   * @param parameters parameter arrays. Modified in the given range.
   * @param gradients gradient arrays, same shapes. Not modified.
   * @param array which array
   * @param from first index
   * @param to one past the last index
   */
  void updateRange(double[][] parameters, double[][] gradients, int array, int from, int to);

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
