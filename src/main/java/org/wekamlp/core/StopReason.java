package org.wekamlp.core;

import java.util.function.UnaryOperator;

import org.wekamlp.core.optim.Lbfgs;

/** Why training ended. */
public enum StopReason {

  /** The epoch (or lbfgs iteration) limit maxIterations was reached; more iterations might still help. */
  MAX_ITERATIONS("reached the iteration limit ({maxIterations}) before converging"),
  /** The training loss improved by less than tolerance for more than nIterNoChange epochs. */
  TRAINING_LOSS_CONVERGED("training loss improved by less than {tolerance} for more than {nIterNoChange} epochs"),
  /** The validation score improved by less than tolerance for more than nIterNoChange epochs. */
  VALIDATION_SCORE_CONVERGED("validation score improved by less than {tolerance} for more than {nIterNoChange} "
    + "epochs"),
  /** The adaptive schedule lowered the learning rate to its floor of 1e-6. */
  LEARNING_RATE_TOO_SMALL("the adaptive learning rate fell below 1e-6"),
  /** lbfgs: every gradient component is within tolerance of zero. */
  GRADIENT_CONVERGED("largest gradient component fell below {tolerance}"),
  /** lbfgs: the relative decrease of the loss became negligible. */
  LOSS_CONVERGED("relative decrease of the loss became negligible"),
  /** lbfgs: the budget maxFun of loss evaluations was spent. */
  MAX_FUNCTION_EVALUATIONS("spent the loss-evaluation budget ({maxFun})"),
  /** lbfgs: no step decreased the loss further (usually at the limits of double precision). */
  LINE_SEARCH_FAILED("the line search found no further decrease of the loss");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  /**
   * @param status the outcome of an lbfgs iteration
   * @return why lbfgs stops after it, or null when it goes on
   */
  public static StopReason of(Lbfgs.Status status) {
    switch (status) {
      case CONVERGED_GRADIENT:
        return GRADIENT_CONVERGED;
      case CONVERGED_LOSS:
        return LOSS_CONVERGED;
      case MAX_FUNCTION_EVALUATIONS:
        return MAX_FUNCTION_EVALUATIONS;
      case LINE_SEARCH_FAILED:
        return LINE_SEARCH_FAILED;
      default:
        return null;
    }
  }

  /**
   * @param nameOfSetting gives a front end's name of a setting (a {@link TrainingConfig} field)
   * @return a sentence fragment for model summaries, naming settings that way
   */
  public String description(UnaryOperator<String> nameOfSetting) {
    return SettingText.render(description, nameOfSetting);
  }
}
