package org.dpaudit.trainers.schemes;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dpaudit.core.InvalidInputException;

/**
 * A scheme's own hyperparameters ({@code --scheme-option KEY=VALUE}), read with their defaults (the
 * paper's values where the paper gives one). Unknown keys are refused, so a typo never silently
 * trains with a default.
 */
public final class SchemeOptions {
  private final String scheme;
  private final Map<String, String> values;

  /**
   * @param scheme the scheme's name, for messages
   * @param known the keys the scheme takes
   * @throws InvalidInputException naming the known keys, when {@code values} has another
   */
  public SchemeOptions(String scheme, Map<String, String> values, Set<String> known) {
    this.scheme = scheme;
    this.values = Map.copyOf(values);
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new InvalidInputException("scheme " + scheme + " has no option " + String.join(", ", unknown)
          + (known.isEmpty() ? "; it takes none" : "; its options are " + String.join(", ", new TreeSet<>(known))));
    }
  }

  /** The option as a positive finite number, or {@code def}. */
  public double positive(String key, double def) {
    double v = number(key, def);
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
      throw invalid(key, "a positive number");
    }
    return v;
  }

  /** The option as a finite number at least 0, or {@code def}. */
  public double nonNegative(String key, double def) {
    double v = number(key, def);
    if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
      throw invalid(key, "a number at least 0");
    }
    return v;
  }

  /** The option as a positive integer, or {@code def}. */
  public long positiveLong(String key, long def) {
    String s = values.get(key);
    if (s == null) {
      return def;
    }
    try {
      long v = Long.parseLong(s.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, "a positive integer");
  }

  /** The option as text, or {@code def}. */
  public String text(String key, String def) {
    return values.getOrDefault(key, def);
  }

  /** The option as a positive integer that fits an int, or {@code def}. */
  public int positiveInt(String key, int def) {
    long v = positiveLong(key, def);
    if (v > Integer.MAX_VALUE) {
      throw invalid(key, "a positive integer up to " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** The scheme's name, for messages. */
  public String scheme() {
    return scheme;
  }

  /** An error for option {@code key}: its value must be {@code what}. */
  public InvalidInputException invalid(String key, String what) {
    return new InvalidInputException("scheme option " + key + " of " + scheme + " must be " + what + "; got '"
        + values.get(key) + "'");
  }

  private double number(String key, double def) {
    String s = values.get(key);
    if (s == null) {
      return def;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "a number");
    }
  }
}
