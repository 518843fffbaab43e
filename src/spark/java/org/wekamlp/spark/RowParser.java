package org.wekamlp.spark;

import java.io.Serializable;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import weka.core.Attribute;
import weka.core.Instances;

/**
 * Reads one line of an ARFF file's data section or of a CSV file into {@link ParsedRow}: comma-separated values,
 * quoted with ' or " where they contain commas or spaces, {@code ?} (and, in CSV, an empty field) for missing;
 * ARFF's sparse lines ({@code {0 5.1, 3 x}}) and instance weights ({@code ..., {2.5}}). Values are checked against
 * the header: a number for a numeric attribute, one of the declared values for a nominal one, the declared format
 * for a date.
 */
final class RowParser implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances header;
  private final boolean csv;

  /**
   * @param header the attribute types (no instances needed). Not modified.
   * @param csv true for CSV files (an empty field is missing; a first line naming the attributes is skipped)
   */
  RowParser(Instances header, boolean csv) {
    this.header = new Instances(header, 0);
    this.csv = csv;
  }

  /**
   * @param file the file the line comes from
   * @param offset its byte offset in the file
   * @param line the text of the line
   * @return the row; a bad row naming the problem; or null for a line that holds no data (blank, comment, an ARFF
   *     header line, a CSV line of attribute names)
   */
  ParsedRow parse(String file, long offset, String line) {
    String text = line.trim();
    if (text.isEmpty() || text.startsWith("%") || (!csv && text.startsWith("@")) || (csv && offset == 0
      && namesAttributes(text))) {
      return null;
    }
    try {
      double[] values = new double[header.numAttributes()];
      double weight = text.startsWith("{") ? readSparse(text, values) : readDense(text, values);
      return ParsedRow.good(values, weight, file, offset);
    } catch (IllegalArgumentException e) {
      return ParsedRow.bad(e.getMessage(), file, offset);
    }
  }

  /** @return whether the line is a CSV header: its fields are the attribute names */
  private boolean namesAttributes(String text) {
    List<String> fields = new ArrayList<>();
    split(text, fields, new ArrayList<>());
    if (fields.size() != header.numAttributes()) {
      return false;
    }
    for (int a = 0; a < fields.size(); a++) {
      if (!fields.get(a).equals(header.attribute(a).name())) {
        return false;
      }
    }
    return true;
  }

  private double readDense(String text, double[] values) {
    List<String> fields = new ArrayList<>();
    List<Boolean> quoted = new ArrayList<>();
    split(text, fields, quoted);
    double weight = 1.0;
    int last = fields.size() - 1;
    if (!csv && last > 0 && !quoted.get(last) && fields.get(last).startsWith("{") && fields.get(last).endsWith("}")) {
      weight = weight(fields.get(last));
      fields.remove(last);
      quoted.remove(last);
    }
    if (fields.size() != values.length) {
      throw new IllegalArgumentException("expected " + values.length + " values (one per attribute), found "
        + fields.size() + ".");
    }
    for (int a = 0; a < values.length; a++) {
      values[a] = value(header.attribute(a), fields.get(a), quoted.get(a));
    }
    return weight;
  }

  /** A sparse ARFF line: index-value pairs; the other values are 0 (the first value of a nominal attribute). */
  private double readSparse(String text, double[] values) {
    int close = text.indexOf('}');
    if (close < 0) {
      throw new IllegalArgumentException("a sparse line must end its values with '}'.");
    }
    String rest = text.substring(close + 1).trim();
    double weight = 1.0;
    if (rest.startsWith(",")) {
      weight = weight(rest.substring(1).trim());
    } else if (!rest.isEmpty()) {
      throw new IllegalArgumentException("unexpected text after the sparse values: '" + rest + "'.");
    }
    List<String> entries = new ArrayList<>();
    List<Boolean> quoted = new ArrayList<>();
    split(text.substring(1, close), entries, quoted);
    for (String entry : entries) {
      if (entry.isEmpty()) {
        continue;
      }
      int space = entry.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("sparse entry '" + entry + "' is not 'index value'.");
      }
      int index = index(entry.substring(0, space));
      String token = unquote(entry.substring(space + 1).trim());
      values[index] = value(header.attribute(index), token, !token.equals(entry.substring(space + 1).trim()));
    }
    return weight;
  }

  private int index(String text) {
    try {
      int index = Integer.parseInt(text.trim());
      if (index >= 0 && index < header.numAttributes()) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("sparse index '" + text + "' is not an attribute index from 0 to "
      + (header.numAttributes() - 1) + ".");
  }

  private static String unquote(String token) {
    if (token.length() >= 2 && (token.charAt(0) == '\'' || token.charAt(0) == '"')
      && token.charAt(token.length() - 1) == token.charAt(0)) {
      return token.substring(1, token.length() - 1);
    }
    return token;
  }

  /** @return the weight in {@code {w}}, finite and at least 0 */
  private static double weight(String braced) {
    String inner = braced.substring(1, braced.length() - 1).trim();
    double weight;
    try {
      weight = Double.parseDouble(inner);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("instance weight '" + inner + "' is not a number.");
    }
    if (!(weight >= 0.0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("instance weight " + inner + " must be finite and >= 0.");
    }
    return weight;
  }

  /** @return Weka's internal value of a field for an attribute, NaN for missing */
  private double value(Attribute attribute, String field, boolean quoted) {
    if (!quoted && (field.equals("?") || (csv && field.isEmpty()))) {
      return Double.NaN;
    }
    if (attribute.isNominal()) {
      int index = attribute.indexOfValue(field);
      if (index < 0) {
        throw new IllegalArgumentException("'" + field + "' is not a value of the nominal attribute '"
          + attribute.name() + "'.");
      }
      return index;
    }
    if (attribute.isDate()) {
      try {
        return attribute.parseDate(field);
      } catch (ParseException e) {
        throw new IllegalArgumentException("'" + field + "' does not match the date format '"
          + attribute.getDateFormat() + "' of attribute '" + attribute.name() + "'.");
      }
    }
    if (attribute.isNumeric()) {
      try {
        double v = Double.parseDouble(field);
        if (Double.isInfinite(v)) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + field + "' is not a finite number (attribute '" + attribute.name()
          + "').");
      }
    }
    throw new IllegalArgumentException("attribute '" + attribute.name() + "' has type "
      + Attribute.typeToString(attribute) + ", which the multilayer perceptron cannot use.");
  }

  /**
   * Splits at commas outside quotes; unquoted fields are trimmed, quoted ones lose their quotes (a backslash escapes
   * the next character inside quotes).
   */
  static void split(String text, List<String> fields, List<Boolean> quoted) {
    StringBuilder field = new StringBuilder();
    char quote = 0;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < text.length()) {
          field.append(text.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        quoted.add(wasQuoted);
        field.setLength(0);
        wasQuoted = false;
      } else if ((c == '\'' || c == '"') && field.toString().trim().isEmpty()) {
        quote = c;
        wasQuoted = true;
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a quote " + quote + " is not closed.");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().trim());
    quoted.add(wasQuoted);
  }
}
