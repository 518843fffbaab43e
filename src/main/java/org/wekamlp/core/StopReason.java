package org.wekamlp.core;

/** Why training ended. */
public enum StopReason {
  /** The epoch (or lbfgs iteration) limit -max-iter was reached; more iterations might still help. */
  MAX_ITERATIONS("reached the iteration limit (-max-iter) before converging"),
  /** The training loss improved by less than -tol for more than -n-iter-no-change epochs. */
  TRAINING_LOSS_CONVERGED("training loss improved by less than -tol for more than -n-iter-no-change epochs"),
  /** The validation score improved by less than -tol for more than -n-iter-no-change epochs. */
  VALIDATION_SCORE_CONVERGED("validation score improved by less than -tol for more than -n-iter-no-change epochs"),
  /** The adaptive schedule lowered the learning rate to its floor of 1e-6. */
  LEARNING_RATE_TOO_SMALL("the adaptive learning rate fell below 1e-6"),
  /** lbfgs: every gradient component is within -tol of zero. */
  GRADIENT_CONVERGED("largest gradient component fell below -tol"),
  /** lbfgs: the relative decrease of the loss became negligible. */
  LOSS_CONVERGED("relative decrease of the loss became negligible"),
  /** lbfgs: the budget -max-fun of loss evaluations was spent. */
  MAX_FUNCTION_EVALUATIONS("spent the loss-evaluation budget (-max-fun)"),
  /** lbfgs: no step decreased the loss further (usually at the limits of double precision). */
  LINE_SEARCH_FAILED("the line search found no further decrease of the loss");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  /** @return a sentence fragment for model summaries */
  public String description() {
    return description;
  }
}
