package org.wekamlp.core.optim;

import org.wekamlp.core.OptionName;

/** Learning-rate schedules of {@link Sgd}, named as in scikit-learn. */
public enum LearningRateSchedule implements OptionName {
  /** The rate stays at its initial value. */
  CONSTANT("constant"),
  /** {@code rate = initial / (t + 1)^powerT}, t the number of training rows seen, set after each epoch. */
  INVSCALING("invscaling"),
  /** The rate is divided by 5 each time the loss stops improving; training stops below 1e-6. */
  ADAPTIVE("adaptive");

  private final String optionName;

  LearningRateSchedule(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * @param name a command-line name (case-insensitive)
   * @return the schedule
   * @throws IllegalArgumentException naming the allowed values
   */
  public static LearningRateSchedule fromOptionName(String name) {
    return OptionName.lookup(values(), name, "learning-rate schedule", "-learning-rate-schedule");
  }

}
