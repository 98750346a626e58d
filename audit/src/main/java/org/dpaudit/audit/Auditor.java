package org.dpaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.artifact.audit.AttackSummary;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ClassScores;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.audit.bounds.ScoreBounds;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.audit.bounds.TradeoffCurve;
import org.dpaudit.audit.canary.CanaryAuditor;
import org.dpaudit.audit.canary.CanaryScores;
import org.dpaudit.audit.canary.InclusionSource;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.audit.whitebox.WhiteBoxAuditor;
import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.canary.WhiteBoxFiles;

/**
 * The empirical evidence of a run: what decides its verdict and what only informs it. Pure
 * computation: {@link RunAuditor} gathers the evidence from a run directory and writes the result.
 *
 * <p><b>What may decide a verdict</b> (DESIGN §1, §8): only evidence whose guarantee is a theorem
 * for the run at hand, i.e. canaries included by an independent coin:
 * <ul>
 *   <li>white-box canaries ({@link WhiteBoxAuditor}): a lower bound valid for every mechanism, the
 *       test of the accountant's whole curve, and exact checks of the noise against the ledger;
 *   <li>black-box canaries ({@link CanaryAuditor}): the same bound and curve test on the final
 *       model's canary scores.
 * </ul>
 * <p><b>What only informs</b>: membership attacks on ordinary members and non-members. Their
 * Clopper–Pearson bounds treat the examples of one trained model as independent runs of the
 * mechanism, which they are not, and a member/non-member pair is a replace-one pair, for which
 * add/remove (eps, delta)-DP only gives {@code FPR + e^(2 eps) FNR >= 1 - (1 + e^eps) delta}. They
 * are reported as estimates, with the add/remove epsilon the replace-one relation implies, and
 * never decide.
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
   * Black-box canaries' scores (computed without the inclusion bits) and where the bits are.
   *
   * @param gaussianCurve whether the mechanism's trade-off curve is Gaussian ({@link GaussianCurve})
   */
  public record CanaryEvidence(CanaryScores scores, InclusionSource inclusion, boolean gaussianCurve) {
    public CanaryEvidence {
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(inclusion, "inclusion");
    }
  }

  /** White-box canaries' observations and where their inclusion bits are. */
  public record WhiteBoxEvidence(WhiteBoxFiles.Data data, InclusionSource inclusion) {
    public WhiteBoxEvidence {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(inclusion, "inclusion");
    }
  }

  /**
   * The outcome.
   *
   * @param empirical the empirical epsilon (deciding bounds) and every bound computed
   * @param canaries the black-box canary audit, or null
   * @param whiteBox the white-box canary audit, or null
   */
  public record Outcome(EmpiricalEpsilon empirical, CanaryAuditor.Result canaries, WhiteBoxAuditor.Result whiteBox) {
    /** The test of the accountant's curve, from whichever canaries the run has; null when none ran. */
    public LedgerTest ledger() {
      return whiteBox != null ? whiteBox.ledger() : canaries != null ? canaries.ledger() : null;
    }

    /** The white-box mechanism checks (empty without them). */
    public List<MechanismCheck> checks() {
      return whiteBox == null ? List.of() : whiteBox.checks();
    }
  }

  /** The caveat every attack estimate carries. */
  static final String ATTACK_CAVEAT = "an estimate, not a bound that decides: it treats each member and non-member "
      + "of one trained model as an independent run of the mechanism, which they are not; and a member/non-member "
      + "pair is a replace-one pair, so the add/remove epsilon it suggests is the replace-one figure";

  /**
   * The evidence at {@code confidence} and {@code delta}.
   *
   * @param attacks membership attack results (estimates)
   * @param canaries black-box canaries, or null
   * @param whiteBox white-box canaries, or null
   * @param ledger the run's ledger (the accountant's claim the canaries test), or null for none
   * @param extraDelta the delta the noise sampler's bounded support adds to the ledger's curve
   */
  public static Outcome empirical(List<AttackEvidence> attacks, CanaryEvidence canaries, WhiteBoxEvidence whiteBox,
      PrivacyLedger ledger, double confidence, double delta, ThresholdSelection selection, double extraDelta,
      Randomness randomness) {
    Objects.requireNonNull(attacks, "attacks");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(randomness, "randomness");
    Checks.openUnit("confidence", confidence);
    Checks.check(!attacks.isEmpty() || canaries != null || whiteBox != null,
        "an audit needs at least one attack result or canaries");
    BoundParameters params = new BoundParameters(confidence, delta);
    List<EvidenceBound> bounds = new ArrayList<>();
    for (AttackEvidence a : attacks) {
      bounds.add(attackEstimate(a, selection, params, randomness));
    }
    CanaryAuditor.Result canary = null;
    WhiteBoxAuditor.Result wb = null;
    EvidenceBound deciding = null;
    double perBound = confidence;
    String how;
    if (whiteBox != null) {
      wb = WhiteBoxAuditor.audit(whiteBox.data(), whiteBox.inclusion(), ledger == null ? PrivacyLedger.empty() : ledger,
          delta, confidence, extraDelta, randomness);
      deciding = wb.bound();
      perBound = wb.bound().bound().confidence();
      how = wb.checks().isEmpty() ? "the white-box canary bound at " + Verdicts.percent(perBound) + " confidence"
          : String.format(Locale.ROOT, "the white-box canary bound and the test of the accountant's curve at %s "
              + "confidence, the %d mechanism checks at level %.3g together: all hold with probability >= %s",
              Verdicts.percent(perBound), wb.checks().size(), wb.checksLevel(), Verdicts.percent(confidence));
    } else if (canaries != null) {
      TradeoffCurve curve = ledger == null ? null : LedgerTests.curve(ledger, extraDelta);
      canary = CanaryAuditor.audit(canaries.scores(), canaries.inclusion(), params,
          randomness.stream("audit/canaries/ties"), canaries.gaussianCurve(), curve, extraDelta);
      deciding = canary.bound();
      bounds.add(canary.oneRun());
      if (canary.fdp() != null) {
        bounds.add(canary.fdp());
      }
      how = "the black-box canary bound at " + Verdicts.percent(confidence) + " confidence";
    } else {
      how = "no canaries: no evidence that may decide a verdict (train with --canaries; gradient canaries for a "
          + "private scheme)";
    }
    if (deciding != null) {
      bounds.add(0, deciding);
    }
    return new Outcome(combine(deciding, bounds, confidence, perBound, how), canary, wb);
  }

  private static EvidenceBound attackEstimate(AttackEvidence a, ThresholdSelection selection, BoundParameters params,
      Randomness randomness) {
    String name = a.summary().attack();
    ClassScores scores = ClassScores.of(a.scores());
    EpsilonLowerBound b = ScoreBounds.bound(scores, BoundMethod.CLOPPER_PEARSON, selection, params,
        randomness.stream("audit/split/" + name));
    double max = ScoreBounds.maxAchievable(scores.positives(), scores.negatives(), selection, params);
    Double replaceOne = b.fprUpper() == null || b.fnrUpper() == null ? null
        : replaceOneEpsilon(b.fprUpper(), b.fnrUpper(), params.delta());
    return new EvidenceBound("attack:" + name, false, max, b, ATTACK_CAVEAT, replaceOne);
  }

  /**
   * The add/remove epsilon a member/non-member test with error rates at most {@code fpr} and
   * {@code fnr} implies, when the pair is a replace-one pair: the largest eps with {@code fpr +
   * e^(2 eps) fnr < 1 - (1 + e^eps) delta} (or with fpr and fnr swapped), 0 when there is none.
   */
  static double replaceOneEpsilon(double fpr, double fnr, double delta) {
    return Math.max(replaceOne(fpr, fnr, delta), replaceOne(fnr, fpr, delta));
  }

  private static double replaceOne(double a, double b, double delta) {
    java.util.function.DoubleUnaryOperator slack = e -> 1 - (1 + Math.exp(e)) * delta - a - Math.exp(2 * e) * b;
    if (slack.applyAsDouble(0) <= 0) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (slack.applyAsDouble(hi) > 0 && hi < 1e3) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 100 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
      double mid = (lo + hi) / 2;
      if (slack.applyAsDouble(mid) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The empirical epsilon: the deciding bound (or none), with every bound computed. */
  static EmpiricalEpsilon combine(EvidenceBound deciding, List<EvidenceBound> bounds, double confidence,
      double perBound, String how) {
    if (deciding == null) {
      return new EmpiricalEpsilon(0, confidence, null, "none", 0, confidence, 0, bounds, how);
    }
    return new EmpiricalEpsilon(deciding.epsilon(), confidence, deciding.bound().method(), deciding.source(), 1,
        perBound, deciding.maxAchievable(), bounds, how);
  }
}
