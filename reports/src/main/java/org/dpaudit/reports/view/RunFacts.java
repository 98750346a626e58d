package org.dpaudit.reports.view;

import java.util.Locale;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.Standing;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.random.RandomnessMode;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.core.artifact.run.PrivacyRecord;

/**
 * The handful of numbers every page shows about a run, taken from its artifacts once: the three
 * epsilons, the verdict and the utility. Where the run was audited, the claimed and accountant
 * epsilons are the audit's (the ones its verdict judged); otherwise run.json's.
 *
 * @param accountant the accountant's epsilon, or null when not computed (an imported run)
 * @param empirical the empirical lower bound, or null when not audited
 * @param confidence the empirical bound's confidence (a fraction), or null
 * @param verdict the verdict id, or {@code not-audited}
 * @param testAccuracy a fraction, or null when unknown (an imported scores file)
 */
public record RunFacts(
    String name,
    String scheme,
    double claimed,
    Double accountant,
    double delta,
    Double empirical,
    Double confidence,
    String empiricalSource,
    String verdict,
    String reason,
    Boolean leaks,
    Double testAccuracy,
    Double trainAccuracy,
    boolean seeded,
    Long seed) {
  /** The verdict id of a run without audit.json. */
  public static final String NOT_AUDITED = "not-audited";

  /** The facts of {@code a}. */
  public static RunFacts of(RunArtifacts a) {
    PrivacyRecord p = a.run().privacy();
    AuditRecord au = a.audit();
    double claimed = p == null ? Double.POSITIVE_INFINITY : p.claimedEpsilon();
    Double accountant = p == null || p.accountantEpsilon() == null ? null : p.accountantEpsilon().epsilon();
    Double test = a.run().metrics() == null ? null : a.run().metrics().testAccuracy();
    Double train = a.run().metrics() == null ? null : a.run().metrics().trainAccuracy();
    double delta = p == null ? Double.NaN : p.delta();
    var randomness = a.run().provenance().randomness();
    boolean seeded = randomness != null && randomness.mode() == RandomnessMode.SEEDED;
    Long seed = randomness == null ? null : randomness.seed();
    String scheme = p == null ? "unknown" : p.scheme();
    if (au == null) {
      return new RunFacts(a.name(), scheme, claimed, accountant, delta, null, null, null, NOT_AUDITED, null, null,
          test, train, seeded, seed);
    }
    EmpiricalEpsilon e = au.empiricalEpsilon();
    return new RunFacts(a.name(), scheme, au.claimedEpsilon(), au.accountantEpsilon(), au.delta(), e.lower(),
        e.confidence(), e.source(), au.verdict().id(), au.reason(), au.leaks(), test, train, seeded, seed);
  }

  /** Whether the run was audited. */
  public boolean audited() {
    return !NOT_AUDITED.equals(verdict);
  }

  /**
   * What a reader must act on ({@link Standing}): red for a violated claim or a leaking model
   * without a claim, whatever the formal verdict; green only for evidence inside a finite claim.
   */
  public Standing standing() {
    if (!audited()) {
      return Standing.NOT_AUDITED;
    }
    Verdict v;
    try {
      v = Verdict.of(verdict);
    } catch (RuntimeException unknown) {
      return Standing.INCONCLUSIVE;
    }
    return Standing.of(v, Boolean.TRUE.equals(leaks), claimed);
  }

  /** The verdict in words: {@code claim-violated -> Claim violated}. */
  public String verdictLabel() {
    if (!audited()) {
      return "Not audited yet";
    }
    String s = verdict.replace('-', ' ');
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** The confidence as a percentage ({@code 95%}), or null. */
  public String confidenceText() {
    return confidence == null ? null : Formats.number(100 * confidence, 4) + "%";
  }

  /** The empirical epsilon as shown in tables: {@code ≥ 2.89 (95%)}, or {@code —}. */
  public String empiricalText() {
    if (empirical == null) {
      return Formats.NONE;
    }
    return "≥ " + Formats.epsilon(empirical) + (confidence == null ? "" : " (" + confidenceText() + ")");
  }

}
