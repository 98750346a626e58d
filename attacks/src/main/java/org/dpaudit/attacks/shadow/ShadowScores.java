package org.dpaudit.attacks.shadow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.core.InvalidInputException;

/**
 * What an attack keeps of one shadow (or reference) model: which examples were in its training
 * set, and its outputs on them and on every other example it was evaluated on (the data LiRA's
 * reference code keeps per shadow: {@code keep} and {@code logits}). Either per-class logits
 * (or log-probabilities) with each example's label, or only each example's cross-entropy loss.
 *
 * <p>A small final class rather than a record: records compare arrays by identity.
 */
public final class ShadowScores {
  private final String source;
  private final String recipe;
  private final int[] examples;
  private final boolean[] in;
  private final int[] labels;
  private final float[] logits;
  private final double[] losses;
  private final int classes;
  private final Map<Integer, Integer> position = new HashMap<>();

  /**
   * @param source where the scores came from (a file name), for messages
   * @param recipe the recipe fingerprint of the shadow's training, or null (models trained elsewhere)
   * @param examples the examples evaluated (distinct ids: training-partition indices, or the ids of a
   *     scores file imported without a dataset)
   * @param in whether each example was in the model's training set
   * @param labels each example's label, or null with losses (then labels are not needed)
   * @param logits row-major (n x classes) logits, or null when {@code losses} are given
   * @param losses each example's cross-entropy {@code -ln p_y}, or null when logits are given
   */
  public ShadowScores(String source, String recipe, int[] examples, boolean[] in, int[] labels, float[] logits,
      double[] losses, int classes) {
    this.source = Objects.requireNonNull(source, "source");
    this.recipe = recipe;
    int n = examples.length;
    if (in.length != n || (labels != null && labels.length != n) || (logits == null) == (losses == null)
        || (logits != null && (labels == null || logits.length != (long) n * classes))
        || (losses != null && losses.length != n)) {
      throw new InvalidInputException(source + ": examples, membership, labels and outputs do not line up");
    }
    this.examples = examples.clone();
    this.in = in.clone();
    this.labels = labels == null ? null : labels.clone();
    this.logits = logits == null ? null : logits.clone();
    this.losses = losses == null ? null : losses.clone();
    this.classes = classes;
    for (int i = 0; i < n; i++) {
      if (position.put(examples[i], i) != null) {
        throw new InvalidInputException(source + ": example " + examples[i] + " appears twice");
      }
    }
  }

  /** Scores from logits on {@code examples} (dpaudit's own shadows). */
  public static ShadowScores ofLogits(String source, String recipe, int[] examples, boolean[] in, int[] labels,
      float[] logits, int classes) {
    return new ShadowScores(source, recipe, examples, in, labels, logits, null, classes);
  }

  public String source() {
    return source;
  }

  /** The recipe fingerprint, or null. */
  public String recipe() {
    return recipe;
  }

  public int[] examples() {
    return examples.clone();
  }

  /** Whether the scores are per-example losses only. */
  public boolean lossOnly() {
    return losses != null;
  }

  public int classes() {
    return classes;
  }

  boolean[] inFlags() {
    return in.clone();
  }

  int[] labelsOrNull() {
    return labels == null ? null : labels.clone();
  }

  float[] logitsOrNull() {
    return logits == null ? null : logits.clone();
  }

  double[] lossesOrNull() {
    return losses == null ? null : losses.clone();
  }

  private int pos(int example) {
    Integer p = position.get(example);
    if (p == null) {
      throw new InvalidInputException(source + ": no row for example " + example + "; shadow scores must cover every "
          + "challenge example of the run");
    }
    return p;
  }

  /** Whether the model trained on each of {@code ids}. */
  public boolean[] in(int[] ids) {
    boolean[] out = new boolean[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = in[pos(ids[i])];
    }
    return out;
  }

  /** LiRA's logit-scaled confidence of each of {@code ids} (see {@link Confidence}). */
  public double[] confidence(int[] ids) {
    double[] out = new double[ids.length];
    if (losses != null) {
      for (int i = 0; i < ids.length; i++) {
        out[i] = Confidence.fromLoss(losses[pos(ids[i])]);
      }
      return out;
    }
    return Confidence.logitScaled(logits(ids), classes, labels(ids));
  }

  /** The logits of {@code ids}, row-major; only for scores given as logits. */
  public float[] logits(int[] ids) {
    if (logits == null) {
      throw new InvalidInputException(source + " gives only losses; this attack needs every class's score "
          + "(logit_0.. or p_0.. columns)");
    }
    float[] out = new float[ids.length * classes];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(logits, pos(ids[i]) * classes, out, i * classes, classes);
    }
    return out;
  }

  private int[] labels(int[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = labels[pos(ids[i])];
    }
    return out;
  }

  /**
   * Checks that the file's labels (when it has them) agree with {@code expected} for {@code ids}:
   * scores of a model evaluated on other data than the target's are an error, not a weaker attack.
   */
  public void checkLabels(int[] ids, int[] expected, String whose) {
    if (labels == null) {
      return;
    }
    int[] got = labels(ids);
    for (int i = 0; i < ids.length; i++) {
      if (got[i] != expected[i]) {
        throw new InvalidInputException(source + ": example " + ids[i] + " has label " + got[i] + " but " + whose
            + " says " + expected[i] + " (scores of other examples?)");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShadowScores s && Objects.equals(recipe, s.recipe) && Arrays.equals(examples, s.examples)
        && Arrays.equals(in, s.in) && Arrays.equals(labels, s.labels) && Arrays.equals(logits, s.logits)
        && Arrays.equals(losses, s.losses) && classes == s.classes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(recipe, Arrays.hashCode(examples), Arrays.hashCode(in));
  }
}
