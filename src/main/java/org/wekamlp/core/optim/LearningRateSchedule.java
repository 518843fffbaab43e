package org.wekamlp.core.optim;

import org.wekamlp.core.OptionName;

/** Learning-rate schedules of {@link Sgd}, named as in scikit-learn. */
public enum LearningRateSchedule implements OptionName {

  /** The rate stays at its initial value. */
  CONSTANT("constant", "constant"),
  /** {@code rate = initial / (t + 1)^powerT}, t the number of training rows seen, set after each epoch. */
  INVSCALING("invscaling", "invscaling: rate / (t + 1)^power_t"),
  /** The rate is divided by 5 each time the loss stops improving; training stops below 1e-6. */
  ADAPTIVE("adaptive", "adaptive: divide by 5 when the loss stalls");

  private final String optionName;
  private final String description;

  LearningRateSchedule(String optionName, String description) {
    this.optionName = optionName;
    this.description = description;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  @Override
  public String description() {
    return description;
  }

}
