package org.dpaudit.core.artifact.audit;

import java.util.Locale;

/**
 * What a reader of an audit must act on, in one word and one colour: the headline of a report and
 * of the terminal summary. It differs from the {@link Verdict}, which only compares the three
 * epsilons: a non-private model that leaks is formally "consistent" (nothing was claimed, so nothing
 * was contradicted), yet it is the one a reader must not release. So a violated claim or a leaking
 * model without a claim is red, an unproven claim or a model without a claim is amber, and green
 * is kept for runs whose evidence sits inside a finite claim.
 */
public enum Standing {
  /** Evidence above the accountant's bound: dpaudit's training code, ledger or accountant has a bug. */
  ACCOUNTANT_VIOLATED("bug", "Accountant violated"),
  /** Evidence above the claimed epsilon: the claim is false for this implementation. */
  CLAIM_VIOLATED("bad", "Claim violated"),
  /** The model measurably leaks and no finite privacy is claimed. */
  LEAKS("bad", "Leaks training data"),
  /** The claimed epsilon is below what the accountant proves: the claim is not a theorem. */
  CLAIM_UNPROVEN("warn", "Claim unproven"),
  /** No finite privacy is claimed; the audit found no leak (which a weak attack would also give). */
  NO_CLAIM("warn", "No privacy claim"),
  /** The evidence sits inside the finite claim and the accountant's bound. */
  CONSISTENT("ok", "Consistent with its claim"),
  /** No violation was found, and none could have been with these sample sizes. */
  INCONCLUSIVE("none", "Inconclusive"),
  /** There is no audit yet. */
  NOT_AUDITED("none", "Not audited yet");

  private final String tone;
  private final String label;

  Standing(String tone, String label) {
    this.tone = tone;
    this.label = label;
  }

  /**
   * The standing of an audit with {@code verdict} (null: not audited), whether it found the model
   * leaking, and the claimed epsilon it judged (infinite or NaN: nothing claimed).
   */
  public static Standing of(Verdict verdict, boolean leaks, double claimedEpsilon) {
    if (verdict == null) {
      return NOT_AUDITED;
    }
    if (verdict == Verdict.ACCOUNTANT_VIOLATED) {
      return ACCOUNTANT_VIOLATED;
    }
    if (verdict == Verdict.CLAIM_VIOLATED) {
      return CLAIM_VIOLATED;
    }
    if (!Double.isFinite(claimedEpsilon)) {
      return leaks ? LEAKS : NO_CLAIM;
    }
    return switch (verdict) {
      case CLAIM_UNPROVEN -> CLAIM_UNPROVEN;
      case CONSISTENT -> CONSISTENT;
      default -> INCONCLUSIVE;
    };
  }

  /** The standing of {@code audit}. */
  public static Standing of(AuditRecord audit) {
    return audit == null ? NOT_AUDITED : of(audit.verdict(), audit.leaks(), audit.claimedEpsilon());
  }

  /** The colour class: {@code bug} (dark red), {@code bad} (red), {@code warn} (amber), {@code ok} (green), {@code none}. */
  public String tone() {
    return tone;
  }

  /** The headline in words. */
  public String label() {
    return label;
  }

  /** Whether a reader must act on it (red or amber). */
  public boolean needsAction() {
    return "bug".equals(tone) || "bad".equals(tone) || "warn".equals(tone);
  }

  /** The id ({@code claim-violated}, {@code leaks}, ...), as the CSS class and in JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
