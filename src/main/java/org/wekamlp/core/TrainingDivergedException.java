package org.wekamlp.core;

import java.util.function.UnaryOperator;

/**
 * Thrown when the loss or the parameters stop being finite numbers. The message says what to change, naming
 * settings by their {@link TrainingConfig} field in braces; a front end renders them with its own names
 * through {@link #messageNaming} ({@link SettingText}).
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = -6127021706447412370L;

  private final String template;

  /**
   * @param template what happened and what to change, settings named by their field in braces
   */
  public TrainingDivergedException(String template) {
    super(SettingText.render(template, UnaryOperator.identity()));
    this.template = template;
  }

  /**
   * @param nameOfSetting gives the front end's name of a setting
   * @return the message with every setting named that way
   */
  public String messageNaming(UnaryOperator<String> nameOfSetting) {
    return SettingText.render(template, nameOfSetting);
  }
}
