package org.dpaudit.audit;

import java.util.Locale;
import java.util.Objects;
import org.dpaudit.audit.bounds.BoundMethod;
import org.dpaudit.core.Checks;

/**
 * The verdict rules: the empirical lower bound {@code L} (at confidence c, multiple comparisons
 * paid for) against the claimed epsilon {@code C} and the accountant's {@code A}, with {@code M}
 * the largest bound a perfect attack could have produced on the same sample sizes. In order:
 *
 * <pre>
 * L > A                         accountant-violated   (whatever C is: a bug in the code or its accounting)
 * L > C                         claim-violated        (the claim is false; the proof stands)
 * min(C, A) finite, M <= min    inconclusive          (no outcome of this audit could have shown a violation)
 * otherwise                     consistent            (leaks = L > 0)
 * </pre>
 *
 * <p>Comparisons are strict: a lower bound equal to the claim does not contradict it. With
 * probability at least c the bound is at most the true epsilon, so a violation verdict is wrong
 * with probability at most {@code 1 - c} when the claim (or the accountant) is right.
 *
 * <p>For a non-private run ({@code C = A = inf}) nothing can be violated and no finite M reaches
 * the claim, yet calling such a run inconclusive would hide what the audit found: the verdict is
 * {@code consistent}, and the reason says plainly whether the model measurably leaks.
 */
public final class Verdicts {
  private Verdicts() {}

  /** The verdict for claimed epsilon {@code claimed} and accountant epsilon {@code accountant}. */
  public static Judgement judge(double claimed, double accountant, EmpiricalEpsilon empirical) {
    Checks.nonNegativeOrInfinite("claimedEpsilon", claimed);
    Checks.nonNegativeOrInfinite("accountantEpsilon", accountant);
    Objects.requireNonNull(empirical, "empirical");
    double l = empirical.lower();
    boolean leaks = l > 0;
    String shown = String.format(Locale.ROOT, "empirical epsilon >= %s at %s confidence, from %s", num(l),
        percent(empirical.confidence()), empirical.source());
    if (l > accountant) {
      return new Judgement(Verdict.ACCOUNTANT_VIOLATED, leaks, capitalised(shown) + " exceeds the accountant's proven "
          + num(accountant) + (l > claimed ? " and the claimed " + num(claimed) : "")
          + ": the training code, its privacy ledger or its accountant has a bug" + basis(empirical, accountant));
    }
    if (l > claimed) {
      return new Judgement(Verdict.CLAIM_VIOLATED, leaks, capitalised(shown) + " exceeds the claimed " + num(claimed)
          + " but not the accountant's proven " + num(accountant)
          + ": the scheme's claim does not hold for this implementation" + basis(empirical, claimed));
    }
    double target = Math.min(claimed, accountant);
    if (Double.isInfinite(target)) {
      return new Judgement(Verdict.CONSISTENT, leaks, leaks
          ? "No privacy is claimed or proven, and the model measurably leaks: " + shown
          : "No privacy is claimed or proven; the attacks found no measurable leakage (" + shown
              + "), which is no proof of privacy");
    }
    String perfect = "a perfect attack on these sample sizes could have shown up to " + num(empirical.maxAchievable());
    if (empirical.maxAchievable() <= target) {
      return new Judgement(Verdict.INCONCLUSIVE, leaks, "No violation could have been detected: " + perfect
          + ", not above min(claimed, accountant) = " + num(target) + " (" + shown
          + "); use more canaries or more examples");
    }
    String within = "within the accountant's " + num(accountant) + " and the claimed " + num(claimed);
    return new Judgement(Verdict.CONSISTENT, leaks, leaks
        ? "The model measurably leaks (" + shown + ") but " + within + "; " + perfect
        : "The attacks found no measurable leakage (" + shown + "), " + within + ", though " + perfect
            + "; finding no leakage is no proof of privacy");
  }

  /**
   * What a violation rests on, when the largest bound came from an attack: attack bounds treat the
   * examples as independent runs of the mechanism, the one-run canary bound does not, so the reader
   * learns whether the firmer bound confirms the finding.
   */
  private static String basis(EmpiricalEpsilon e, double limit) {
    if (e.method() != BoundMethod.CLOPPER_PEARSON) {
      return "";
    }
    for (EvidenceBound b : e.bounds()) {
      if (b.decides() && b.bound().method() == BoundMethod.ONE_RUN) {
        return b.epsilon() > limit
            ? "; the one-run canary bound, which needs no independence assumption, shows it too (" + num(b.epsilon()) + ")"
            : "; it rests on an attack bound that treats examples as independent runs, and the one-run canary bound ("
                + num(b.epsilon()) + ") does not confirm it";
      }
    }
    return "; it rests on an attack bound that treats examples as independent runs (train with --canaries for a "
        + "bound that does not)";
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
