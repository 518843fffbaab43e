package org.wekamlp.core;

import java.util.function.UnaryOperator;

/**
 * A training setting (a field of {@link TrainingConfig}) that is invalid, or invalid for the data at hand.
 * The message names settings by their {@link TrainingConfig} field in braces, e.g. {@code {alpha}}; a front
 * end renders it with its own names for them (the command line's {@code -alpha}) through
 * {@link #messageNaming}, so that the core never needs to know a front end's flags ({@link SettingText}).
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 4213570914655286771L;

  private final String template;

  /**
   * @param template the message, each setting named by its field in braces, e.g.
   *     {@code "Invalid {alpha} -1.0: must be a finite number >= 0."}
   */
  public InvalidSettingException(String template) {
    super(SettingText.render(template, UnaryOperator.identity()));
    this.template = template;
  }

  /**
   * @param nameOfSetting gives the front end's name of a setting (its field name in {@link TrainingConfig})
   * @return the message with every setting named that way
   */
  public String messageNaming(UnaryOperator<String> nameOfSetting) {
    return SettingText.render(template, nameOfSetting);
  }
}
