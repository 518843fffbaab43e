package org.wekamlp.core;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text of the core that names training settings: each setting appears as its {@link TrainingConfig} field in
 * braces, e.g. {@code "improved by less than {tolerance}"}, and a front end renders the text with its own
 * names (the command line's {@code -tol}). Used by {@link SettingsException} and {@link StopReason}.
 */
final class SettingText {

  private static final Pattern SETTING = Pattern.compile("\\{(\\w+)\\}");

  private SettingText() {
  }

  /**
   * @param template text with settings named by their field in braces
   * @param nameOfSetting gives the front end's name of a setting
   * @return the text with every setting named that way
   */
  static String render(String template, UnaryOperator<String> nameOfSetting) {
    Matcher m = SETTING.matcher(template);
    StringBuffer text = new StringBuffer();
    while (m.find()) {
      m.appendReplacement(text, Matcher.quoteReplacement(nameOfSetting.apply(m.group(1))));
    }
    m.appendTail(text);
    return text.toString();
  }
}
