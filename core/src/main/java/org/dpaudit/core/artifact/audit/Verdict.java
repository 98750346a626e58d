package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dpaudit.core.InvalidInputException;

/**
 * What an audit concludes from the three epsilons and the deciding tests (DESIGN §1, §8). "Empirical" is the lower bound
 * {@code L} at the audit's confidence; "claimed" and "accountant" are the scheme's claim and the
 * accountant's proven upper bound, both at the run's delta. See {@code org.dpaudit.audit.Verdicts} for the rules.
 */
public enum Verdict {
  /**
   * No contradiction: {@code L <= accountant} and {@code L <= claimed}, from tests that could have
   * shown a violation had there been one (a perfect attack on these sample sizes would have
   * reached past the smaller of the two). Not a certificate of privacy: a weak attack is consistent
   * with everything.
   */
  CONSISTENT,
  /**
   * {@code claimed < L <= accountant}: with the stated confidence the scheme's claimed epsilon is
   * false for this implementation, while the accountant's proof stands.
   */
  CLAIM_VIOLATED,
  /**
   * {@code L > accountant}: with the stated confidence the run leaks more than the accountant
   * proves, so dpaudit's training code, its ledger or its accountant has a bug.
   */
  ACCOUNTANT_VIOLATED,
  /**
   * The claimed epsilon is below what the accountant proves for what ran (or the accountant proves
   * nothing for it): the claim is not a theorem, whatever the evidence shows. Not a contradiction
   * found by evidence, but a finding: the paperwork promises more privacy than the math supports.
   */
  CLAIM_UNPROVEN,
  /**
   * No violation was found, and none could have been: even a perfect attack with these sample
   * sizes could not produce a lower bound above the smaller of the claimed and accountant epsilons.
   */
  INCONCLUSIVE;

  /** The name used in JSON and on the terminal: {@code consistent}, {@code claim-violated}, ... */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the verdict is a violation found by evidence (of the claim or of the accountant). */
  public boolean isViolation() {
    return this == CLAIM_VIOLATED || this == ACCOUNTANT_VIOLATED;
  }

  /** Whether the verdict is a finding a reader must act on: a violation, or a claim no proof supports. */
  public boolean isFinding() {
    return isViolation() || this == CLAIM_UNPROVEN;
  }

  /** The verdict named {@code id} ({@code consistent}, {@code claim-violated}, ...). */
  @JsonCreator
  public static Verdict of(String id) {
    for (Verdict v : values()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new InvalidInputException("verdict must be one of " + Arrays.stream(values()).map(Verdict::id)
        .collect(Collectors.joining(", ")) + "; got " + id);
  }
}
