package weka.classifiers.functions.mlp;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.wekamlp.core.OptionName;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * One command-line option of the classifiers, written once: its flag, synopsis, bean property, parser,
 * default and description. The table of these ({@link AbstractMultilayerPerceptron#optionSpecs()}) drives
 * {@code listOptions}, {@code setOptions}, {@code getOptions} and the tip texts, whose stated default is
 * the spec's default.
 *
 * @param <C> the classifier type whose state the option reads and writes
 * @param <T> the type of the option's value
 */
public final class OptionSpec<C, T> {

  /** Turns the command-line text of a value into the value; throws naming the flag when it cannot. */
  private interface Parser<T> {

    T parse(String flag, String text);
  }

  private final String flag;
  private final String argument;
  private final String property;
  private final String description;
  private final String scikitLearn;
  private final T defaultValue;
  private final Function<? super C, T> getter;
  private final BiConsumer<? super C, T> setter;
  private final Parser<T> parser;
  private final Function<T, String> formatter;

  private OptionSpec(String flag, String argument, String property, String description, String scikitLearn,
    T defaultValue, Function<? super C, T> getter, BiConsumer<? super C, T> setter, Parser<T> parser,
    Function<T, String> formatter) {
    this.flag = flag;
    this.argument = argument;
    this.property = property;
    this.description = description;
    this.scikitLearn = scikitLearn;
    this.defaultValue = defaultValue;
    this.getter = getter;
    this.setter = setter;
    this.parser = parser;
    this.formatter = formatter;
  }

  /**
   * A floating-point option, {@code -flag <argument>}.
   *
   * @param <C> the classifier type
   * @param flag the flag without its dash
   * @param argument the synopsis of the value, e.g. {@code <value>}
   * @param property the bean property (the GUI's name of the option)
   * @param description what the option does and when it applies, without the default
   * @param scikitLearn scikit-learn's name of the parameter, or null
   * @param defaultValue the default
   * @param getter reads the value
   * @param setter writes the value
   * @return the spec
   */
  public static <C> OptionSpec<C, Double> real(String flag, String argument, String property, String description,
    String scikitLearn, double defaultValue, Function<? super C, Double> getter, BiConsumer<? super C, Double> setter) {
    return new OptionSpec<>(flag, argument, property, description, scikitLearn, defaultValue, getter, setter,
      OptionSpec::parseReal, String::valueOf);
  }

  /**
   * A whole-number option, {@code -flag <argument>}; parameters as in {@link #real}.
   *
   * @param <C> the classifier type
   * @param flag the flag without its dash
   * @param argument the synopsis of the value
   * @param property the bean property
   * @param description what the option does, without the default
   * @param scikitLearn scikit-learn's name, or null
   * @param defaultValue the default
   * @param getter reads the value
   * @param setter writes the value
   * @return the spec
   */
  public static <C> OptionSpec<C, Integer> integer(String flag, String argument, String property,
    String description, String scikitLearn, int defaultValue, Function<? super C, Integer> getter,
    BiConsumer<? super C, Integer> setter) {
    return new OptionSpec<>(flag, argument, property, description, scikitLearn, defaultValue, getter, setter,
      OptionSpec::parseInteger, String::valueOf);
  }

  /**
   * A text option whose empty value is meaningful, {@code -flag <argument>}.
   *
   * @param <C> the classifier type
   * @param flag the flag without its dash
   * @param argument the synopsis of the value
   * @param property the bean property
   * @param description what the option does, without the default
   * @param scikitLearn scikit-learn's name, or null
   * @param defaultValue the default
   * @param getter reads the value
   * @param setter writes the value
   * @param check throws an exception naming the flag when a value given on the command line is invalid
   * @return the spec
   */
  public static <C> OptionSpec<C, String> text(String flag, String argument, String property, String description,
    String scikitLearn, String defaultValue, Function<? super C, String> getter, BiConsumer<? super C, String> setter,
    Consumer<String> check) {
    return new OptionSpec<>(flag, argument, property, description, scikitLearn, defaultValue, getter, setter,
      (f, value) -> {
        check.accept(value);
        return value.trim();
      }, value -> value);
  }

  /**
   * A choice among the constants of an enum, {@code -flag <a|b|c>}, named by {@link OptionName#optionName()}.
   *
   * @param <C> the classifier type
   * @param <E> the enum
   * @param flag the flag without its dash
   * @param what what is chosen, for the error message (e.g. {@code solver})
   * @param listed the choices in the order the synopsis and error messages list them. Not modified.
   * @param property the bean property
   * @param description what the option does, without the default
   * @param scikitLearn scikit-learn's name, or null
   * @param defaultValue the default
   * @param getter reads the value
   * @param setter writes the value
   * @return the spec
   */
  public static <C, E extends Enum<E> & OptionName> OptionSpec<C, E> choice(String flag, String what, E[] listed,
    String property, String description, String scikitLearn, E defaultValue, Function<? super C, E> getter,
    BiConsumer<? super C, E> setter) {
    String names = OptionName.names(listed);
    Parser<E> parser = (f, value) -> {
      E found = OptionName.find(listed, value);
      if (found == null) {
        throw new IllegalArgumentException("Unknown " + what + " '" + value + "' (option -" + f
          + "): allowed values are " + names + ".");
      }
      return found;
    };
    return new OptionSpec<>(flag, "<" + names.replace(", ", "|") + ">", property, description, scikitLearn,
      defaultValue, getter, setter, parser, OptionName::optionName);
  }

  /**
   * A switch without a value: giving {@code -flag} sets the property to the opposite of its default
   * (e.g. {@code -no-shuffle} sets shuffle to false, {@code -early-stopping} sets earlyStopping to true).
   *
   * @param <C> the classifier type
   * @param flag the flag without its dash
   * @param property the bean property
   * @param description what the option does, without the default
   * @param scikitLearn scikit-learn's name, or null
   * @param defaultValue the default of the property
   * @param getter reads the property
   * @param setter writes the property
   * @return the spec
   */
  public static <C> OptionSpec<C, Boolean> toggle(String flag, String property, String description,
    String scikitLearn, boolean defaultValue, Function<? super C, Boolean> getter,
    BiConsumer<? super C, Boolean> setter) {
    return new OptionSpec<>(flag, null, property, description, scikitLearn, defaultValue, getter, setter, null,
      String::valueOf);
  }

  /**
   * The drop-down entries of an enum property, one per constant in declaration order (the tag's ID is the
   * ordinal), labelled with {@link OptionName#description()}.
   *
   * @param values the enum's constants, {@code E.values()}. Not modified.
   * @return the tags
   */
  public static Tag[] tags(OptionName[] values) {
    Tag[] tags = new Tag[values.length];
    for (int i = 0; i < values.length; i++) {
      tags[i] = new Tag(i, values[i].optionName(), values[i].description(), false);
    }
    return tags;
  }

  /**
   * @param <E> the enum
   * @param tag the tag chosen in the GUI
   * @param tags the property's tags, made by {@link #tags}
   * @param values the enum's constants
   * @return the chosen constant, or null when the tag belongs to another property
   */
  public static <E> E fromTag(SelectedTag tag, Tag[] tags, E[] values) {
    return tag.getTags() == tags ? values[tag.getSelectedTag().getID()] : null;
  }

  /** @return the flag without its dash */
  public String flag() {
    return flag;
  }

  /** @return the bean property */
  public String property() {
    return property;
  }

  /** @return the default value */
  public T defaultValue() {
    return defaultValue;
  }

  /** @return the tip text: the description, the default, and scikit-learn's name */
  public String tipText() {
    String stated = formatter.apply(defaultValue);
    if (parser == null) {
      stated += Boolean.TRUE.equals(defaultValue) ? "; -" + flag + " turns it off" : "; -" + flag + " turns it on";
    } else if (stated.isEmpty()) {
      stated = "\"\"";
    }
    return description + " Default " + stated + "." + (scikitLearn == null ? "" : " scikit-learn: " + scikitLearn
      + ".");
  }

  /** @return the option for Weka's {@code listOptions} */
  public Option option() {
    return new Option("\t" + tipText(), flag, parser == null ? 0 : 1, "-" + flag + (parser == null ? "" : " "
      + argument));
  }

  /**
   * Reads this option from the command line and sets it, or sets the default when it is absent.
   *
   * @param target the classifier. Modified.
   * @param options the command line; this option's flag and value are removed. Modified.
   * @throws Exception for a missing value (Weka's message) or an invalid one (naming the flag)
   */
  public void parse(C target, String[] options) throws Exception {
    if (parser == null) {
      boolean given = Utils.getFlag(flag, options);
      @SuppressWarnings("unchecked") // a switch is always an OptionSpec<C, Boolean> (see toggle)
      T value = (T) Boolean.valueOf(given != (Boolean) defaultValue);
      setter.accept(target, value);
      return;
    }
    // an empty text value is valid (e.g. no hidden layer): look for the flag before Utils.getOption removes it
    boolean given = Utils.getOptionPos(flag, options) >= 0;
    String value = Utils.getOption(flag, options);
    boolean emptyAllowed = defaultValue instanceof String;
    setter.accept(target, value.isEmpty() && !(given && emptyAllowed) ? defaultValue : parser.parse(flag, value));
  }

  /**
   * Writes this option's current value for Weka's {@code getOptions}: a switch only when it differs from its
   * default, every other option always.
   *
   * @param source the classifier. Not modified.
   * @param options receives the flag and its value. Modified.
   */
  public void write(C source, List<String> options) {
    T value = getter.apply(source);
    if (parser == null) {
      if (!Objects.equals(value, defaultValue)) {
        options.add("-" + flag);
      }
      return;
    }
    String text = formatter.apply(value);
    options.add("-" + flag);
    // Utils.joinOptions drops an empty argument but quotes a blank one, which parses back as empty
    options.add(text.isEmpty() ? " " : text);
  }

  private static Double parseReal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid -" + flag + " '" + value + "': not a number.");
    }
  }

  private static Integer parseInteger(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid -" + flag + " '" + value + "': not a whole number.");
    }
  }
}
