package org.wekamlp.core;

import java.util.function.UnaryOperator;

/**
 * A problem whose message names training settings: each setting appears as its {@link TrainingConfig} field in
 * braces, e.g. {@code {alpha}}, and a front end renders the message with its own names for them (the command
 * line's {@code -alpha}) through {@link #messageNaming}, so that the core never needs to know a front end's flags
 * ({@link SettingText}). {@link #getMessage()} names the fields themselves.
 */
public abstract class SettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = -2740150623994377261L;

  private final String template;

  /**
   * @param template the message, each setting named by its field in braces
   */
  protected SettingsException(String template) {
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
