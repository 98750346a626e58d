package org.dpaudit.core;

import java.util.Objects;

/**
 * Every parameter check in dpaudit, with one message format: {@code "<name> must be <constraint>;
 * got <value>"}.
 *
 * <p>Each method tests the <em>accepting</em> condition ({@code if (v > 0 && v < inf) return v;}),
 * so NaN fails every check by construction, as in Commons Statistics and Google's
 * {@code DpPreconditions}. A failed check throws {@link InvalidInputException}, which the CLI prints
 * as one line with exit code 2.
 */
public final class Checks {
  private Checks() {}

  /** Finite and strictly positive: {@code 0 < v < inf}. */
  public static double positive(String name, double v) {
    if (v > 0 && v < Double.POSITIVE_INFINITY) {
      return v;
    }
    throw fail(name, "positive and finite", v);
  }

  /** Finite and at least zero: {@code 0 <= v < inf}. */
  public static double nonNegative(String name, double v) {
    if (v >= 0 && v < Double.POSITIVE_INFINITY) {
      return v;
    }
    throw fail(name, "non-negative and finite", v);
  }

  /** At least zero, infinity allowed (e.g. an epsilon that may be infinite): {@code 0 <= v <= inf}. */
  public static double nonNegativeOrInfinite(String name, double v) {
    if (v >= 0) {
      return v;
    }
    throw fail(name, "non-negative (infinity allowed)", v);
  }

  /** Any finite number. */
  public static double finite(String name, double v) {
    if (Double.isFinite(v)) {
      return v;
    }
    throw fail(name, "finite", v);
  }

  /** A probability: {@code 0 <= v <= 1}. */
  public static double probability(String name, double v) {
    if (v >= 0 && v <= 1) {
      return v;
    }
    throw fail(name, "in [0, 1]", v);
  }

  /** Strictly between zero and one: {@code 0 < v < 1} (a delta, a confidence level). */
  public static double openUnit(String name, double v) {
    if (v > 0 && v < 1) {
      return v;
    }
    throw fail(name, "in (0, 1)", v);
  }

  /** In {@code [0, 1)}: a delta that may be zero (pure DP). */
  public static double zeroToOneExclusive(String name, double v) {
    if (v >= 0 && v < 1) {
      return v;
    }
    throw fail(name, "in [0, 1)", v);
  }

  /** A sampling rate: {@code 0 < v <= 1}. */
  public static double samplingRate(String name, double v) {
    if (v > 0 && v <= 1) {
      return v;
    }
    throw fail(name, "in (0, 1]", v);
  }

  /** An integer at least one. */
  public static int positive(String name, int v) {
    if (v >= 1) {
      return v;
    }
    throw fail(name, "at least 1", v);
  }

  /** A long at least one. */
  public static long positive(String name, long v) {
    if (v >= 1) {
      return v;
    }
    throw fail(name, "at least 1", v);
  }

  /** An integer at least zero. */
  public static int nonNegative(String name, int v) {
    if (v >= 0) {
      return v;
    }
    throw fail(name, "at least 0", v);
  }

  /** An integer in {@code [lo, hi]}. */
  public static int inRange(String name, int v, int lo, int hi) {
    if (v >= lo && v <= hi) {
      return v;
    }
    throw fail(name, "in [" + lo + ", " + hi + "]", v);
  }

  /** Not null. */
  public static <T> T notNull(String name, T v) {
    if (v != null) {
      return v;
    }
    throw new InvalidInputException(name + " must be given; got nothing");
  }

  /** A general accepting condition; {@code message} is the whole one-line message. */
  public static void check(boolean accepting, String message) {
    if (accepting) {
      return;
    }
    throw new InvalidInputException(message);
  }

  /** Every element finite; names the first bad index. */
  public static double[] allFinite(String name, double[] values) {
    Objects.requireNonNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidInputException(name + "[" + i + "] must be finite; got " + values[i]);
      }
    }
    return values;
  }

  private static InvalidInputException fail(String name, String constraint, Object value) {
    return new InvalidInputException(name + " must be " + constraint + "; got " + value);
  }
}
