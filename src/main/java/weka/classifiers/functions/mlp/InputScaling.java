package weka.classifiers.functions.mlp;

import org.wekamlp.core.OptionName;

/** How numeric (and date) attributes are scaled before they enter the network. */
public enum InputScaling implements OptionName {
  /** z-score: subtract the mean, divide by the standard deviation (scikit-learn's StandardScaler). */
  STANDARDIZE("standardize"),
  /** Map the training range [min, max] to [0, 1] (MinMaxScaler). */
  NORMALIZE("normalize"),
  /** Map the training range [min, max] to [-1, 1]. */
  SYMMETRIC("symmetric"),
  /** Use the values as they are (missing values still imputed). */
  NONE("none");

  private final String optionName;

  InputScaling(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * @param name command-line name (case-insensitive)
   * @return the scaling
   * @throws IllegalArgumentException naming the allowed values
   */
  public static InputScaling fromOptionName(String name) {
    return OptionName.lookup(values(), name, "input scaling", "-input-scaling");
  }

}
