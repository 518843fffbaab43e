package org.wekamlp.core;

/**
 * A closed set of choices that the command line names in lower case (an enum constant per choice).
 */
public interface OptionName {

  /** @return the lower-case command-line name, e.g. {@code relu} */
  String optionName();

  /**
   * Finds the choice with the given name.
   *
   * @param <E> the enum of choices
   * @param choices all choices, in the order they are listed in the message
   * @param name the name given by the user (case-insensitive, surrounding blanks ignored)
   * @param what what is chosen, for the message (e.g. {@code solver})
   * @param flag the option, for the message (e.g. {@code -solver})
   * @return the matching choice
   * @throws IllegalArgumentException naming the option and its allowed values when none matches
   */
  static <E extends OptionName> E lookup(E[] choices, String name, String what, String flag) {
    StringBuilder allowed = new StringBuilder();
    for (E choice : choices) {
      if (choice.optionName().equalsIgnoreCase(name.trim())) {
        return choice;
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(choice.optionName());
    }
    throw new IllegalArgumentException("Unknown " + what + " '" + name + "' (option " + flag
      + "): allowed values are " + allowed + ".");
  }
}
