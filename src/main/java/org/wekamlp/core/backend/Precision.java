package org.wekamlp.core.backend;

/**
 * The number type in which a backend multiplies matrices. Activations, gradients, their sums and the
 * optimizer always stay in float64; float32 rounds only the operands and results of the matrix products
 * (about 7 significant digits instead of 16), at about twice the product rate.
 */
public enum Precision {

  /** Products in float64, as the rest of the computation. */
  FLOAT64("float64"),

  /** Products in float32 (OpenBLAS {@code sgemm}); everything else in float64. */
  FLOAT32("float32");

  private final String optionName;

  Precision(String optionName) {
    this.optionName = optionName;
  }

  /** @return "float64" or "float32" */
  public String optionName() {
    return optionName;
  }
}
