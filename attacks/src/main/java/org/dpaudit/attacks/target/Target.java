package org.dpaudit.attacks.target;

import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.datasets.Dataset;

/**
 * A model under attack, as the attacker sees it: class probabilities for inputs (black box).
 *
 * <p>Implementations: dpaudit's own models ({@link ModelTarget}, also white box), TorchScript models
 * trained elsewhere, and files of precomputed scores for audits where only predictions can be
 * shared.
 */
public interface Target extends AutoCloseable {
  /**
   * Logits for the examples {@code idx} of {@code data}, row-major (n x K): any representation
   * equal to the log-probabilities up to a per-example constant (softmax is shift-invariant), so
   * log-probabilities from a black-box API qualify. Probabilities of a confident model saturate at
   * 1 in floating point; logit margins do not.
   *
   * @throws org.dpaudit.core.InvalidInputException when the target cannot answer for an example
   */
  float[] logits(Dataset data, int[] idx);

  /**
   * LiRA's logit-scaled confidence {@code phi = ln p_y - ln sum_{c != y} p_c} of each example's
   * own label ({@link org.dpaudit.attacks.mia.Confidence}): what the loss, LiRA and RMIA attacks
   * read. Computed from {@link #logits}; a target that knows only per-example losses gives it from
   * them.
   */
  default double[] confidence(Dataset data, int[] idx) {
    return Confidence.logitScaled(logits(data, idx), numClasses(), data.gatherLabels(idx));
  }

  /** The number of classes. */
  int numClasses();

  /** A one-line description for reports. */
  String describe();

  @Override
  default void close() {}
}
