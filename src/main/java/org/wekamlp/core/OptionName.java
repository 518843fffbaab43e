package org.wekamlp.core;

/**
 * A closed set of choices named in lower case (an enum constant per choice), as scikit-learn names them.
 * Front ends list and look up the choices by these names; they, not the core, say which option was given.
 */
public interface OptionName {

  /** @return the lower-case name, e.g. {@code relu} */
  String optionName();

  /** @return a short description for menus, e.g. {@code relu: f(z) = max(0, z)}; the name by default */
  default String description() {
    return optionName();
  }

  /**
   * Finds the choice with the given name.
   *
   * @param <E> the enum of choices
   * @param choices all choices. Not modified.
   * @param name the name given by the user (case-insensitive, surrounding blanks ignored)
   * @return the matching choice, or null when none matches
   */
  static <E extends OptionName> E find(E[] choices, String name) {
    for (E choice : choices) {
      if (choice.optionName().equalsIgnoreCase(name.trim())) {
        return choice;
      }
    }
    return null;
  }

  /**
   * @param choices the choices, in the order to list them. Not modified.
   * @return their names, comma-separated
   */
  static String names(OptionName[] choices) {
    StringBuilder names = new StringBuilder();
    for (OptionName choice : choices) {
      names.append(names.length() == 0 ? "" : ", ").append(choice.optionName());
    }
    return names.toString();
  }
}
