package org.dpaudit.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * How numbers appear in reports, in one place, so a number looks the same in every table, card and
 * chart label, and tests can predict exactly what a report shows.
 *
 * <p>Everything is formatted with {@link Locale#ROOT} (a report written on a German machine still
 * says {@code 0.670}, not {@code 0,670}). An infinite epsilon (no privacy) is {@value #INFINITY},
 * never a huge number; a value that is not known is {@value #NONE}.
 */
public final class Formats {
  /** How an infinite epsilon is shown. */
  public static final String INFINITY = "∞";
  /** How a missing value is shown. */
  public static final String NONE = "—";

  private Formats() {}

  /** An epsilon in nats: 2 decimals below 10, 1 below 100, none above; {@code ∞} when infinite. */
  public static String epsilon(double eps) {
    if (Double.isNaN(eps)) {
      return NONE;
    }
    if (Double.isInfinite(eps)) {
      return INFINITY;
    }
    if (Math.abs(eps) < 10) {
      return String.format(Locale.ROOT, "%.2f", eps);
    }
    return String.format(Locale.ROOT, Math.abs(eps) < 100 ? "%.1f" : "%.0f", eps);
  }

  /** An epsilon that may be unknown (null). */
  public static String epsilon(Double eps) {
    return eps == null ? NONE : epsilon(eps.doubleValue());
  }

  /** A fraction as a percentage with one decimal: {@code 0.6919 -> 69.2%}. */
  public static String percent(double fraction) {
    return percent(fraction, 1);
  }

  /** A fraction as a percentage with {@code decimals} decimals. */
  public static String percent(double fraction, int decimals) {
    if (!Double.isFinite(fraction)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * fraction);
  }

  /** A rate in [0, 1] with three decimals (AUC, balanced accuracy, SSIM): {@code 0.670}. */
  public static String rate(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : NONE;
  }

  /** An interval {@code [lo, hi]} of rates. */
  public static String rateInterval(double lo, double hi) {
    return "[" + rate(lo) + ", " + rate(hi) + "]";
  }

  /** An interval of fractions shown as percentages, e.g. {@code [0.04%, 0.63%]}. */
  public static String percentInterval(double lo, double hi, int decimals) {
    return "[" + percent(lo, decimals) + ", " + percent(hi, decimals) + "]";
  }

  /**
   * A false-positive rate key of an attack record ({@code "0.001"}) as a percentage ({@code 0.1%}),
   * exactly, without binary rounding.
   */
  public static String fprKey(String key) {
    try {
      return new BigDecimal(key).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    } catch (NumberFormatException e) {
      return key;
    }
  }

  /** A small probability such as delta: {@code 1e-5}, {@code 2.5e-6}; plain when not small. */
  public static String small(double x) {
    if (!Double.isFinite(x)) {
      return NONE;
    }
    if (x == 0 || Math.abs(x) >= 1e-3) {
      return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
    String s = String.format(Locale.ROOT, "%.2e", x);
    String mantissa = new BigDecimal(s.substring(0, s.indexOf('e'))).stripTrailingZeros().toPlainString();
    int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
    return mantissa + "e" + exponent;
  }

  /** A number with up to {@code digits} significant digits, without trailing zeros. */
  public static String number(double x, int digits) {
    if (Double.isNaN(x)) {
      return NONE;
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? INFINITY : "-" + INFINITY;
    }
    return new BigDecimal(x).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
  }

  /** A count with thousands separators: {@code 535,818}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A wall time: {@code 0.8 s}, {@code 14 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
  public static String seconds(double s) {
    if (!Double.isFinite(s) || s < 0) {
      return NONE;
    }
    if (s < 10) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    if (whole < 60) {
      return whole + " s";
    }
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
  }

  /** A duration (provenance's elapsed time). */
  public static String duration(Duration d) {
    return d == null ? NONE : seconds(d.toNanos() / 1e9);
  }

  /** A time stamp to the second: {@code 2026-11-23 13:22:49 UTC}; {@code —} when null. */
  public static String instant(java.time.Instant t) {
    if (t == null) {
      return NONE;
    }
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
  }

  /** A recorded time stamp (ISO-8601 text) to the second; the text itself when it does not parse. */
  public static String instant(String iso) {
    if (iso == null) {
      return NONE;
    }
    try {
      return instant(java.time.Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  /** The first 12 hex digits of a checksum (the full one goes in a title attribute). */
  public static String shortHash(String sha) {
    if (sha == null) {
      return NONE;
    }
    return sha.length() <= 12 ? sha : sha.substring(0, 12) + "…";
  }
}
