package org.wekamlp.core;

/** A training setting (a field of {@link TrainingConfig}) that is invalid, or invalid for the data at hand. */
public final class InvalidSettingException extends SettingsException {

  private static final long serialVersionUID = 4213570914655286771L;

  /**
   * @param template the message, each setting named by its field in braces, e.g.
   *     {@code "Invalid {alpha} -1.0: must be a finite number >= 0."}
   */
  public InvalidSettingException(String template) {
    super(template);
  }
}
