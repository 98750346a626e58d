package org.dpaudit.attacks.mia;

/**
 * Per-example signals from logits (row-major, n x K; any per-example shift of the logits gives the
 * same values), computed in double and never through saturating probabilities.
 *
 * <pre>
 * phi(x)  = z_y - log sum_{c != y} exp(z_c)     LiRA's logit-scaled confidence, ln(p_y / (1 - p_y))
 * loss(x) = log(1 + exp(-phi))                  the cross-entropy -ln p_y, as a softplus
 * p_y     = 1 / (1 + exp(-phi))
 * </pre>
 */
public final class Confidence {
  private Confidence() {}

  /** LiRA's logit-scaled confidence (Carlini et al. 2022). */
  public static double[] logitScaled(float[] logits, int classes, int[] labels) {
    double[] out = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = phi(logits, i, classes, labels[i]);
    }
    return out;
  }

  /** The probability of the true class, {@code p_y}. */
  public static double[] trueClassProbability(float[] logits, int classes, int[] labels) {
    return probabilityOf(logitScaled(logits, classes, labels));
  }

  /** The cross-entropy loss {@code -ln p_y}, exact for confident models. */
  public static double[] loss(float[] logits, int classes, int[] labels) {
    return lossOf(logitScaled(logits, classes, labels));
  }

  /** The cross-entropy {@code -ln p_y} of each confidence {@code phi}: {@code log(1 + exp(-phi))}. */
  public static double[] lossOf(double[] phi) {
    double[] out = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      double p = phi[i];
      out[i] = p > 0 ? Math.log1p(Math.exp(-p)) : -p + Math.log1p(Math.exp(p));
    }
    return out;
  }

  /** The true-class probability {@code p_y} of each confidence {@code phi}. */
  public static double[] probabilityOf(double[] phi) {
    double[] out = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      out[i] = 1 / (1 + Math.exp(-phi[i]));
    }
    return out;
  }

  /**
   * The confidence {@code phi = ln(p / (1 - p))} of a cross-entropy {@code loss = -ln p} (a scores
   * file that gives losses only): {@code -loss - ln(1 - e^-loss)}, with {@code expm1} so that a
   * confident example's tiny loss keeps its digits (a loss of 0 counts as the smallest normal
   * double, so phi stays finite).
   */
  public static double fromLoss(double loss) {
    double l = Math.max(loss, Double.MIN_NORMAL);
    return -l - Math.log(-Math.expm1(-l));
  }

  static double phi(float[] logits, int i, int classes, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      if (c != label) {
        max = Math.max(max, logits[i * classes + c]);
      }
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      if (c != label) {
        sum += Math.exp(logits[i * classes + c] - max);
      }
    }
    return logits[i * classes + label] - (max + Math.log(sum));
  }
}
