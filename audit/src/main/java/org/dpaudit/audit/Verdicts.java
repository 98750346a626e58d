package org.dpaudit.audit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.Verdict;

/**
 * The verdict rules. {@code L} is the deciding empirical lower bound (canaries only; 0 without
 * them), {@code C} the claimed epsilon, {@code A} the accountant's (infinite when it proves
 * nothing for what ran), {@code M} the largest bound any outcome could have produced. In order:
 *
 * <pre>
 * a check failed, the accountant's curve is rejected, or L > A    accountant-violated
 * L > C                                                            claim-violated
 * C < A                                                            claim-unproven
 * no deciding evidence, or M <= min(C, A) finite (and no curve     inconclusive
 *   test or check that could still reject the ledger)
 * otherwise                                                        consistent   (leaks = L > 0)
 * </pre>
 *
 * <p>Each violation is wrong with probability at most {@code 1 - confidence} when the claim (or the
 * accountant) is right: the bound, the curve test and the checks share that budget. Comparisons are
 * strict. Membership-attack estimates never decide; the reason mentions them only as estimates.
 *
 * <p>For a non-private run ({@code C = A = inf}) nothing can be violated; calling it inconclusive
 * would hide what the audit found, so the verdict is {@code consistent} and the reason says plainly
 * whether the model measurably leaks.
 */
public final class Verdicts {
  /** Relative slack for "C < A": floating-point noise in a calibration must not make a claim unproven. */
  static final double CLAIM_TOLERANCE = 1e-9;

  private Verdicts() {}

  /**
   * The evidence that decides, besides the empirical bound.
   *
   * @param ledger the test of the accountant's curve, or null when none ran
   * @param checks the mechanism checks (empty when none ran)
   * @param unproven why the accountant proves nothing for what ran (null when it does)
   */
  public record Tests(LedgerTest ledger, List<MechanismCheck> checks, String unproven) {
    public Tests {
      checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** No test beyond the bound. */
    public static final Tests NONE = new Tests(null, List.of(), null);
  }

  /** The verdict for claimed epsilon {@code claimed} and accountant epsilon {@code accountant}. */
  public static Judgement judge(double claimed, double accountant, EmpiricalEpsilon empirical) {
    return judge(claimed, accountant, empirical, Tests.NONE);
  }

  /** The verdict, with the deciding tests beside the bound. */
  public static Judgement judge(double claimed, double accountant, EmpiricalEpsilon empirical, Tests tests) {
    Checks.nonNegativeOrInfinite("claimedEpsilon", claimed);
    Checks.nonNegativeOrInfinite("accountantEpsilon", accountant);
    Objects.requireNonNull(empirical, "empirical");
    Objects.requireNonNull(tests, "tests");
    double l = empirical.lower();
    boolean leaks = l > 0;
    boolean evidence = empirical.comparisons() > 0;
    String shown = evidence
        ? String.format(Locale.ROOT, "empirical epsilon >= %s at %s confidence, from %s", num(l),
            percent(empirical.confidence()), empirical.source())
        : "no canaries, so no empirical bound";
    List<MechanismCheck> failed = tests.checks().stream().filter(MechanismCheck::failed).toList();
    boolean curveRejected = tests.ledger() != null && tests.ledger().rejected();
    if (!failed.isEmpty() || curveRejected || l > accountant) {
      StringBuilder why = new StringBuilder();
      if (!failed.isEmpty()) {
        why.append("the released updates contradict the ledger: ").append(failed.stream()
            .map(c -> c.name() + String.format(Locale.ROOT, " (p = %.2g < %.2g)", c.pValue(), c.level()))
            .collect(Collectors.joining(", ")));
      }
      if (curveRejected) {
        why.append(why.length() > 0 ? "; " : "").append("the canaries reject the trade-off curve the accountant proves "
            + "for the run's ledger");
      }
      if (l > accountant) {
        why.append(why.length() > 0 ? "; " : "").append(shown).append(" exceeds the accountant's proven ")
            .append(num(accountant));
      }
      return new Judgement(Verdict.ACCOUNTANT_VIOLATED, leaks, capitalised(why.toString())
          + (l > claimed ? " (and the claimed " + num(claimed) + ")" : "")
          + ": the training code does not do what its privacy proof assumes (or its ledger or accountant is wrong)");
    }
    if (l > claimed) {
      return new Judgement(Verdict.CLAIM_VIOLATED, leaks, capitalised(shown) + " exceeds the claimed " + num(claimed)
          + " but not the accountant's proven " + num(accountant)
          + ": the scheme's claim does not hold for this implementation");
    }
    if (claimed < accountant * (1 - CLAIM_TOLERANCE)) {
      String proof = Double.isInfinite(accountant)
          ? "the accountant proves no finite epsilon for what ran" + (tests.unproven() == null ? ""
              : " (" + tests.unproven() + ")")
          : "the accountant proves only " + num(accountant) + " for what ran";
      return new Judgement(Verdict.CLAIM_UNPROVEN, leaks, "The claimed epsilon " + num(claimed) + " is not proven: "
          + proof + "; the evidence does not contradict the claim (" + shown + "), but no proof supports it");
    }
    double target = Math.min(claimed, accountant);
    if (Double.isInfinite(target)) {
      return new Judgement(Verdict.CONSISTENT, leaks, leaks
          ? "No privacy is claimed or proven, and the model measurably leaks: " + shown
          : "No privacy is claimed or proven; the canaries found no measurable leakage (" + shown
              + "), which is no proof of privacy");
    }
    if (!evidence) {
      return new Judgement(Verdict.INCONCLUSIVE, leaks, "Nothing that may decide a verdict was measured: the run has no "
          + "canaries" + estimates(empirical, target) + "; the claimed " + num(claimed) + " is proven by the "
          + "accountant's " + num(accountant) + "; train with --canaries to test it");
    }
    String perfect = "a perfect attack on these canaries could have shown up to " + num(empirical.maxAchievable());
    // The curve test and the checks can reject a wrong ledger whatever the bound's ceiling; a claim no
    // smaller than the proof holds if the proof does.
    boolean testable = tests.ledger() != null || !tests.checks().isEmpty();
    if (empirical.maxAchievable() <= target && !testable) {
      return new Judgement(Verdict.INCONCLUSIVE, leaks, "No violation could have been detected: " + perfect
          + ", not above min(claimed, accountant) = " + num(target) + " (" + shown + "); use more canaries");
    }
    String within = "within the accountant's " + num(accountant) + " and the claimed " + num(claimed);
    String tested = tests.ledger() != null ? "; the accountant's whole trade-off curve stands against the canaries"
        + (tests.checks().isEmpty() ? "" : " and every check of the noise passed") : "";
    String power = testable ? "" : "; " + perfect;
    return new Judgement(Verdict.CONSISTENT, leaks, leaks
        ? "The model measurably leaks (" + shown + ") but " + within + tested + power
        : "The canaries found no measurable leakage (" + shown + "), " + within + tested + (testable ? "" : ", though "
            + perfect) + "; finding no leakage is no proof of privacy");
  }

  /** The membership attacks' largest estimate, in words, flagged when it is above {@code target}. */
  static String estimates(EmpiricalEpsilon empirical, double target) {
    EvidenceBound best = null;
    for (EvidenceBound b : empirical.bounds()) {
      if (!b.decides() && b.source().startsWith("attack:") && (best == null || estimate(b) > estimate(best))) {
        best = b;
      }
    }
    if (best == null) {
      return "";
    }
    double e = estimate(best);
    return String.format(Locale.ROOT, " (membership attacks estimate epsilon >= %s from %s%s, an estimate that "
        + "treats one model's examples as independent runs, never a deciding bound)", num(e), best.source(),
        e > target ? ", above the claim: train with canaries to test it" : "");
  }

  private static double estimate(EvidenceBound b) {
    return b.replaceOneEpsilon() != null ? b.replaceOneEpsilon() : b.epsilon();
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** An epsilon as text: three decimals, {@code inf} for infinity. */
  static String num(double eps) {
    return Double.isInfinite(eps) ? "inf" : String.format(Locale.ROOT, "%.3f", eps);
  }

  /** 0.95 as "95%", 0.975 as "97.5%". */
  static String percent(double p) {
    String s = String.format(Locale.ROOT, "%.4g", 100 * p);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s + "%";
  }
}
