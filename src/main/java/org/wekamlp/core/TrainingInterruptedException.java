package org.wekamlp.core;

/** Thrown when the training thread is interrupted (for example by the Weka Explorer's Stop button). */
public final class TrainingInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 2853320580453322079L;

  /** Creates the exception with a fixed message. */
  public TrainingInterruptedException() {
    super("Training was interrupted.");
  }
}
