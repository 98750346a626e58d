package org.dpaudit.trainers.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The learning rate over training, from a base rate: constant; cosine-annealed or linearly decayed
 * to zero over all steps; or a step decay, the base rate for a first fraction of the steps and the
 * base rate times a factor after it (DP-SGD's noise floor is lowered by a smaller rate at the end
 * without slowing the start).
 *
 * <p>A schedule is written as the command line spells it, {@code constant}, {@code cosine}, {@code
 * linear} or {@code step:F:M} (after the fraction F of the steps, the rate is multiplied by M), in
 * one string: run.json's config keeps its {@code lrSchedule} field and its schema version, and the
 * two older schedules are written as before ({@code constant}, {@code cosine}).
 *
 * @param shape the schedule's form
 * @param after for {@link Shape#STEP}, the fraction of the steps in (0, 1) after which the rate is
 *     decayed; 1 for the other forms
 * @param factor for {@link Shape#STEP}, the factor in (0, 1) the rate is multiplied by; 1 for the
 *     other forms
 */
public record LrSchedule(Shape shape, double after, double factor) {
  /** The schedule's form. */
  public enum Shape {
    CONSTANT, COSINE, LINEAR, STEP
  }

  /** The base rate at every step. */
  public static final LrSchedule CONSTANT = new LrSchedule(Shape.CONSTANT, 1, 1);
  /** Cosine-annealed from the base rate to zero over all steps. */
  public static final LrSchedule COSINE = new LrSchedule(Shape.COSINE, 1, 1);
  /** Decayed linearly from the base rate to zero over all steps. */
  public static final LrSchedule LINEAR = new LrSchedule(Shape.LINEAR, 1, 1);

  private static final String FORMS = "constant, cosine, linear or step:F:M (after the fraction F in (0, 1) of "
      + "the steps, the rate times M in (0, 1), e.g. step:0.8:0.1)";

  public LrSchedule {
    if (shape == null) {
      throw new IllegalArgumentException("a learning-rate schedule needs a shape");
    }
    if (shape == Shape.STEP) {
      if (!(after > 0 && after < 1) || !(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException("a step schedule needs a fraction of the steps in (0, 1) and a factor "
            + "in (0, 1); got step:" + num(after) + ":" + num(factor));
      }
    } else if (after != 1 || factor != 1) {
      throw new IllegalArgumentException("only a step schedule takes a fraction and a factor");
    }
  }

  /** After the fraction {@code after} of the steps, the base rate times {@code factor}. */
  public static LrSchedule step(double after, double factor) {
    return new LrSchedule(Shape.STEP, after, factor);
  }

  /**
   * Reads the command line's form ({@code constant}, {@code cosine}, {@code linear}, {@code
   * step:F:M}; the first three also as the Java names run.json files of experiment cells may hold).
   *
   * @throws IllegalArgumentException with a one-line message naming the accepted forms
   */
  @JsonCreator
  public static LrSchedule parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("expected " + FORMS + "; got nothing");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "constant":
        return CONSTANT;
      case "cosine":
        return COSINE;
      case "linear":
        return LINEAR;
      default:
        break;
    }
    String[] parts = t.split(":", -1);
    if (parts.length != 3 || !parts[0].equals("step")) {
      throw new IllegalArgumentException("expected " + FORMS + "; got '" + text + "'");
    }
    double f;
    double m;
    try {
      f = Double.parseDouble(parts[1]);
      m = Double.parseDouble(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + FORMS + "; got '" + text + "'");
    }
    if (!(f > 0 && f < 1) || !(m > 0 && m < 1)) {
      throw new IllegalArgumentException("in '" + text + "', the fraction of the steps and the factor must both "
          + "be in (0, 1)");
    }
    return step(f, m);
  }

  /** The form the command line and run.json use: {@code constant}, {@code cosine}, {@code linear}, {@code step:F:M}. */
  @JsonValue
  public String id() {
    return shape == Shape.STEP ? "step:" + num(after) + ":" + num(factor) : shape.name().toLowerCase(Locale.ROOT);
  }

  /** In words, for reports: e.g. "multiplied by 0.1 after 80% of the steps". */
  public String describe() {
    return switch (shape) {
      case CONSTANT -> "constant";
      case COSINE -> "cosine-annealed to 0";
      case LINEAR -> "decayed linearly to 0";
      case STEP -> "multiplied by " + num(factor) + " after "
          + java.math.BigDecimal.valueOf(after).movePointRight(2).stripTrailingZeros().toPlainString() + "% of the steps";
    };
  }

  /** The learning rate at {@code step} (0-based) of {@code totalSteps}, from {@code base}. */
  public double at(double base, long step, long totalSteps) {
    double progress = (double) Math.min(step, totalSteps) / Math.max(1, totalSteps);
    return switch (shape) {
      case CONSTANT -> base;
      // The expression of the enum this record replaced, so that seeded cosine runs repeat bit for bit.
      case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / Math.max(1, totalSteps)));
      case LINEAR -> base * (1 - progress);
      case STEP -> progress >= after ? base * factor : base;
    };
  }

  @Override
  public String toString() {
    return id();
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
