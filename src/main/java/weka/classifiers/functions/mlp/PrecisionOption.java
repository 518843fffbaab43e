package weka.classifiers.functions.mlp;

import java.util.Locale;

import org.wekamlp.core.OptionName;
import org.wekamlp.core.backend.Backend;
import org.wekamlp.core.backend.Backends;
import org.wekamlp.core.backend.Precision;
import weka.core.SelectedTag;

/**
 * The choices of the option {@code -precision}: the core's {@link Precision} of the matrix products, named and
 * described for the command line and the GUI's drop-down (the backend package, which defines the precision,
 * knows nothing of options).
 */
public enum PrecisionOption implements OptionName {

  /** float64 products, as the rest of the computation. */
  FLOAT64(Precision.FLOAT64, "float64: double precision"),
  /** float32 products (OpenBLAS sgemm) and a float32 copy of the encoded training data. */
  FLOAT32(Precision.FLOAT32, "float32: single-precision products, half the memory for the training data");

  private final Precision precision;
  private final String description;

  PrecisionOption(Precision precision, String description) {
    this.precision = precision;
    this.description = description;
  }

  /** @return the core's precision */
  public Precision precision() {
    return precision;
  }

  @Override
  public String optionName() {
    return precision.optionName();
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * @param tag a tag of {@link AbstractMultilayerPerceptron#TAGS_PRECISION}, as the classifier's getPrecision() gives
   * @return the option the tag selects; FLOAT64 for a tag of another list
   */
  public static PrecisionOption of(SelectedTag tag) {
    PrecisionOption chosen = OptionSpec.fromTag(tag, AbstractMultilayerPerceptron.TAGS_PRECISION, values());
    return chosen == null ? FLOAT64 : chosen;
  }

  /**
   * What the model summary and the debug output say about the precision: the one the products used and, where
   * that is not this option's, why.
   *
   * @param used the backend chosen for this option ({@link Backends#selected(Precision)})
   * @return e.g. {@code float32 (-precision float32): products in single precision, training data in float32}
   */
  public String describe(Backend used) {
    Precision products = used.precision();
    if (products == precision) {
      return products == Precision.FLOAT64 ? "float64"
        : "float32 (-precision float32): products in single precision, training data in float32";
    }
    if (products == Precision.FLOAT32) {
      return "float32: products in single precision, training data in float32, as -D" + Backends.PROPERTY
        + "=openblas-float32 asks for (-precision is " + optionName() + ")";
    }
    String property = System.getProperty(Backends.PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    String why = property.equals("ejml") ? "-D" + Backends.PROPERTY + "=ejml chooses EJML"
      : "OpenBLAS is unavailable (" + Backends.openBlasProblem() + ")";
    return "float64: -precision " + optionName() + " asks for " + optionName() + " products, which need OpenBLAS; "
      + why + ", so the products ran on EJML in float64";
  }
}
