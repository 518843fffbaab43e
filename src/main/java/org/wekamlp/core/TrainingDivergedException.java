package org.wekamlp.core;

/**
 * Thrown when the loss or the parameters stop being finite numbers: the settings do not work for this data. The
 * message says which settings to change.
 */
public final class TrainingDivergedException extends SettingsException {

  private static final long serialVersionUID = -6127021706447412370L;

  /**
   * @param template what happened and what to change, each setting named by its field in braces
   */
  public TrainingDivergedException(String template) {
    super(template);
  }
}
