package weka.classifiers.functions.mlp;

/** How numeric (and date) attributes are scaled before they enter the network. */
public enum InputScaling {
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

  /** @return the lower-case command-line name */
  public String optionName() {
    return optionName;
  }

  /**
   * @param name command-line name (case-insensitive)
   * @return the scaling
   * @throws IllegalArgumentException naming the allowed values
   */
  public static InputScaling fromOptionName(String name) {
    for (InputScaling s : values()) {
      if (s.optionName.equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown input scaling '" + name
      + "' (option -input-scaling): allowed values are standardize, normalize, symmetric, none.");
  }
}
