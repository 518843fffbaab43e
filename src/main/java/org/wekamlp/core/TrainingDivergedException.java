package org.wekamlp.core;

/**
 * Thrown when the loss or the parameters stop being finite numbers. The message says what to change.
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = -6127021706447412370L;

  /**
   * @param message what happened and what to change
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
