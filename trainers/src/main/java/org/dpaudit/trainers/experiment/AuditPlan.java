package org.dpaudit.trainers.experiment;

import org.dpaudit.core.Checks;
import org.dpaudit.datasets.canary.CanaryKind;

/**
 * Which canaries every cell trains with so that it can be audited: white-box gradient canaries for a
 * private scheme (they go through the scheme's own clipping and noise and are observed in every
 * released update; the model trains exactly as without them), black-box random-input canaries for
 * non-private training (which releases its gradients without noise, so only the final model can be
 * judged; they are extra training examples far from the data).
 *
 * @param whiteBox gradient canaries per private cell
 * @param blackBox random-input canaries per non-private cell
 */
public record AuditPlan(int whiteBox, int blackBox) {
  /** What {@code experiment} uses unless told otherwise. */
  public static final AuditPlan DEFAULT = new AuditPlan(10_000, 1_000);

  public AuditPlan {
    Checks.positive("white-box canaries", whiteBox);
    Checks.positive("black-box canaries", blackBox);
  }

  /** The canary kind of a cell of {@code scheme}. */
  public CanaryKind kind(boolean privateScheme) {
    return privateScheme ? CanaryKind.GRADIENT : CanaryKind.RANDOM_INPUT;
  }

  /** The number of canaries of a cell of {@code scheme}. */
  public int count(boolean privateScheme) {
    return privateScheme ? whiteBox : blackBox;
  }

  /** The kind as run.json's canary record names it. */
  static String recordKind(CanaryKind k) {
    return k == CanaryKind.GRADIENT ? "gradient" : k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
