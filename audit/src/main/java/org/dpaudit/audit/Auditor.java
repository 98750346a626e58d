package org.dpaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.audit.bounds.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ClassScores;
import org.dpaudit.audit.bounds.EpsilonLowerBound;
import org.dpaudit.audit.bounds.ScoreBounds;
import org.dpaudit.audit.bounds.ThresholdSelection;
import org.dpaudit.audit.canary.CanaryAuditor;
import org.dpaudit.audit.canary.CanaryScores;
import org.dpaudit.audit.canary.InclusionSource;
import org.dpaudit.core.Checks;
import org.dpaudit.core.random.Randomness;

/**
 * The empirical epsilon of a run from its evidence: one Clopper–Pearson bound per attack and the
 * one-run canary bound, each at confidence {@code 1 - (1 - c)/k} for k deciding bounds, so that
 * their maximum holds at confidence c. Pure computation: {@link RunAuditor} gathers the evidence
 * from a run directory and writes the result.
 *
 * <p>Which bounds may decide a verdict: only those valid for every mechanism, {@link
 * BoundMethod#CLOPPER_PEARSON} and {@link BoundMethod#ONE_RUN}. The Gaussian-DP bound is not
 * computed for attack scores (a black-box attack on DP-SGD has no Gaussian curve to rely on); the
 * f-DP one-run refinement is computed, for information only, when {@link GaussianCurve} holds.
 *
 * <p>The attack bounds treat each member and non-member as an independent run of the mechanism on a
 * neighbouring pair. For a membership attack on one trained model that is the usual
 * approximation, not a theorem (the examples share one training run). The canary bound needs no
 * such assumption: its guarantee comes from each canary's independent inclusion with probability
 * 1/2, so an {@code accountant-violated} verdict resting on it is the better-founded one; the
 * verdict reason names the source of the maximum.
 */
public final class Auditor {
  private Auditor() {}

  /**
   * One attack's output and metrics.
   *
   * @param summary the attack's metrics, as reported
   * @param scores the per-example scores with the true membership
   */
  public record AttackEvidence(AttackSummary summary, MembershipScores scores) {
    public AttackEvidence {
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(scores, "scores");
    }
  }

  /**
   * The canaries' scores (computed without the inclusion bits) and where the bits are.
   *
   * @param gaussianCurve whether the mechanism's trade-off curve is Gaussian ({@link GaussianCurve})
   */
  public record CanaryEvidence(CanaryScores scores, InclusionSource inclusion, boolean gaussianCurve) {
    public CanaryEvidence {
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(inclusion, "inclusion");
    }
  }

  /**
   * The outcome.
   *
   * @param canaries the canary audit, or null without canaries
   */
  public record Outcome(EmpiricalEpsilon empirical, CanaryAuditor.Result canaries) {}

  /** The caveat every attack bound carries. */
  static final String ATTACK_CAVEAT = "treats each member and non-member as an independent run of the mechanism: "
      + "the usual approximation for a membership attack on one model, not a theorem; the canary bound needs no "
      + "such assumption";

  /**
   * The empirical epsilon at {@code confidence} and {@code delta} from {@code attacks} and (when not
   * null) {@code canaries}; thresholds chosen by {@code selection}; random splits and tie-breaks
   * from named streams of {@code randomness}.
   */
  public static Outcome empirical(List<AttackEvidence> attacks, CanaryEvidence canaries, double confidence,
      double delta, ThresholdSelection selection, Randomness randomness) {
    Objects.requireNonNull(attacks, "attacks");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(randomness, "randomness");
    int k = attacks.size() + (canaries == null ? 0 : 1);
    Checks.check(k >= 1, "an audit needs at least one attack result or canaries");
    BoundParameters each = new BoundParameters(1 - (1 - Checks.openUnit("confidence", confidence)) / k, delta);
    List<EvidenceBound> bounds = new ArrayList<>();
    for (AttackEvidence a : attacks) {
      bounds.add(attackBound(a, selection, each, randomness));
    }
    CanaryAuditor.Result canary = null;
    if (canaries != null) {
      canary = CanaryAuditor.audit(canaries.scores(), canaries.inclusion(), each,
          randomness.stream("audit/canaries/ties"), canaries.gaussianCurve());
      bounds.add(canary.oneRun());
      if (canary.fdp() != null) {
        bounds.add(canary.fdp());
      }
    }
    return new Outcome(combine(bounds, confidence, k, each.confidence()), canary);
  }

  private static EvidenceBound attackBound(AttackEvidence a, ThresholdSelection selection, BoundParameters each,
      Randomness randomness) {
    String name = a.summary().attack();
    ClassScores scores = ClassScores.of(a.scores());
    EpsilonLowerBound b = ScoreBounds.bound(scores, BoundMethod.CLOPPER_PEARSON, selection, each,
        randomness.stream("audit/split/" + name));
    double max = ScoreBounds.maxAchievable(scores.positives(), scores.negatives(), selection, each);
    return new EvidenceBound("attack:" + name, true, max, b, ATTACK_CAVEAT);
  }

  /** The maximum over the deciding bounds, and the sentence saying how the confidence was divided. */
  static EmpiricalEpsilon combine(List<EvidenceBound> bounds, double confidence, int k, double each) {
    EvidenceBound best = null;
    double maxAchievable = 0;
    List<String> deciding = new ArrayList<>();
    for (EvidenceBound b : bounds) {
      if (!b.decides()) {
        continue;
      }
      deciding.add(b.source());
      maxAchievable = Math.max(maxAchievable, b.maxAchievable());
      if (best == null || b.epsilon() > best.epsilon()) {
        best = b;
      }
    }
    Checks.check(best != null && deciding.size() == k, "expected " + k + " deciding bounds; got " + deciding.size());
    String note = k == 1
        ? String.format(Locale.ROOT, "one deciding bound (%s) at %s confidence", deciding.get(0), Verdicts.percent(each))
        : String.format(Locale.ROOT, "the maximum of %d deciding bounds (%s), each at %s confidence, so that all hold "
            + "together with probability >= %s (Bonferroni)", k, String.join(", ", deciding), Verdicts.percent(each),
            Verdicts.percent(confidence));
    return new EmpiricalEpsilon(best.epsilon(), confidence, best.bound().method(), best.source(), k, each,
        maxAchievable, bounds, note);
  }
}
