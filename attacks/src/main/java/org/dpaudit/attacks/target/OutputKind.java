package org.dpaudit.attacks.target;

import java.util.Locale;
import org.dpaudit.core.InvalidInputException;

/**
 * What an imported model's output row is. Attacks work on logits up to a per-example constant, so
 * log-probabilities pass through unchanged and probabilities are logged; told from the values
 * when the user does not say ({@link #detect}).
 */
public enum OutputKind {
  /** Unnormalised scores (softmax gives the probabilities). */
  LOGITS,
  /** Rows of non-negative values summing to 1 (a softmax at the end of the model). */
  PROBABILITIES,
  /** Rows whose exponentials sum to 1 (a log-softmax at the end of the model). */
  LOG_PROBABILITIES;

  /** How far a row's sum may be from 1 and still be read as probabilities (float32 softmax). */
  static final double ROW_SUM_TOLERANCE = 1e-3;

  /** The option value, e.g. {@code log-probabilities}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses an option value. */
  public static OutputKind of(String id) {
    for (OutputKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new InvalidInputException("--output must be logits, probabilities or log-probabilities; got '" + id + "'");
  }

  /** {@code out} (rows of {@code classes}) as logits, in place; probabilities are logged. */
  float[] toLogits(float[] out) {
    if (this == PROBABILITIES) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) Math.log(Math.max(out[i], Double.MIN_NORMAL));
      }
    }
    return out;
  }

  /**
   * What rows of {@code out} look like: probabilities when every value is in [0, 1] and every row
   * sums to 1; log-probabilities when every value is at most 0 and every row's exponentials sum to
   * 1; logits otherwise.
   */
  static OutputKind detect(float[] out, int classes) {
    boolean probabilities = true;
    boolean logProbabilities = true;
    for (int row = 0; row < out.length / classes; row++) {
      double sum = 0;
      double expSum = 0;
      for (int c = 0; c < classes; c++) {
        float v = out[row * classes + c];
        probabilities &= v >= 0 && v <= 1;
        logProbabilities &= v <= 0;
        sum += v;
        expSum += Math.exp(v);
      }
      probabilities &= Math.abs(sum - 1) <= ROW_SUM_TOLERANCE;
      logProbabilities &= Math.abs(expSum - 1) <= ROW_SUM_TOLERANCE;
    }
    return probabilities ? PROBABILITIES : logProbabilities ? LOG_PROBABILITIES : LOGITS;
  }
}
