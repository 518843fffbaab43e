package org.wekamlp.core;

/** Receives one call per epoch (or lbfgs iteration), for progress output. */
public interface EpochListener {

  /**
   * @param epoch 1-based epoch number
   * @param loss training loss of the epoch, L2 penalty included
   * @param validationScore validation accuracy or R^2, or NaN without early stopping
   * @param seconds wall time of the epoch
   */
  void epochEnded(int epoch, double loss, double validationScore, double seconds);
}
