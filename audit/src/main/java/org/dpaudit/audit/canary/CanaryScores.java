package org.dpaudit.audit.canary;

import java.util.Objects;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.core.Checks;
import org.dpaudit.datasets.Dataset;

/**
 * One score per canary, higher meaning "more likely included in training", computed from the
 * model and the canaries alone.
 *
 * <p>The factory takes a {@link Target} and the canary examples and nothing else: no run directory,
 * no inclusion bits. Whatever a scoring method does, it cannot see which canaries went in.
 */
public final class CanaryScores {
  private final String statistic;
  private final double[] scores;

  private CanaryScores(String statistic, double[] scores) {
    this.statistic = statistic;
    this.scores = scores;
  }

  /**
   * The loss score: {@code -loss = ln p_y}, the log-probability the model gives a canary's own
   * label (for mislabeled canaries, the wrong label they were trained with). A model that trained
   * on a canary tends to have a low loss on it (Yeom et al. 2018); computed from logits without
   * saturating probabilities ({@link Confidence#loss}).
   */
  public static CanaryScores loss(Target target, Dataset canaries) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(canaries, "canaries");
    int m = canaries.size();
    Checks.positive("canaries", m);
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    double[] loss = Confidence.loss(target.logits(canaries, idx), target.numClasses(), canaries.gatherLabels(idx));
    double[] score = new double[m];
    for (int i = 0; i < m; i++) {
      score[i] = -loss[i];
    }
    return of("loss", score);
  }

  /** Precomputed scores (e.g. a white-box statistic computed elsewhere); no NaN. */
  public static CanaryScores of(String statistic, double[] scores) {
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(scores, "scores");
    Checks.positive("canaries", scores.length);
    for (int i = 0; i < scores.length; i++) {
      Checks.check(!Double.isNaN(scores[i]), "canary score [" + i + "] must be a number; got NaN");
    }
    return new CanaryScores(statistic, scores.clone());
  }

  /** The statistic's name, e.g. {@code loss}. */
  public String statistic() {
    return statistic;
  }

  /** m, the number of canaries. */
  public int size() {
    return scores.length;
  }

  /** A copy of the scores, in canary order. */
  public double[] values() {
    return scores.clone();
  }
}
