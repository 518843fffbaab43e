package weka.classifiers.functions.mlp;

import org.wekamlp.core.OptionName;

/** How numeric (and date) attributes are scaled before they enter the network. */
public enum InputScaling implements OptionName {

  /** z-score: subtract the mean, divide by the standard deviation (scikit-learn's StandardScaler). */
  STANDARDIZE("standardize", "standardize: z-score"),
  /** Map the training range [min, max] to [0, 1] (MinMaxScaler). */
  NORMALIZE("normalize", "normalize: [0, 1]"),
  /** Map the training range [min, max] to [-1, 1]. */
  SYMMETRIC("symmetric", "symmetric: [-1, 1]"),
  /** Use the values as they are (missing values still imputed). */
  NONE("none", "none");

  private final String optionName;
  private final String description;

  InputScaling(String optionName, String description) {
    this.optionName = optionName;
    this.description = description;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  @Override
  public String description() {
    return description;
  }

}
