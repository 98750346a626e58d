package org.dpaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.Verdict;
import org.junit.jupiter.api.Test;

/** The verdict rules on hand-chosen epsilons: every verdict reachable, the boundaries exact. */
class VerdictsTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** An empirical epsilon with lower bound {@code lower} where a perfect attack could reach {@code max}. */
  static EmpiricalEpsilon empirical(double lower, double max) {
    return new EmpiricalEpsilon(lower, 0.95, BoundMethod.ONE_RUN, "canaries", 1, 0.95, max, List.of(), "one bound");
  }

  @Test
  void belowBoth_withPower_isConsistent() {
    Judgement j = Verdicts.judge(2, 1.8, empirical(0.4, 4.7));
    assertEquals(Verdict.CONSISTENT, j.verdict());
    assertTrue(j.leaks());
    assertTrue(j.reason().startsWith("The model measurably leaks (empirical epsilon >= 0.400 at 95% confidence, from "
        + "canaries) but within the accountant's 1.800 and the claimed 2.000"), j.reason());
  }

  @Test
  void zeroBound_isConsistentButNoProofOfPrivacy() {
    Judgement j = Verdicts.judge(2, 1.8, empirical(0, 4.7));
    assertEquals(Verdict.CONSISTENT, j.verdict());
    assertFalse(j.leaks());
    assertTrue(j.reason().contains("no proof of privacy"), j.reason());
  }

  @Test
  void aboveTheAccountant_isAccountantViolated_evenWhenTheClaimIsHigher() {
    Judgement j = Verdicts.judge(8, 0.5, empirical(1.2, 4.7));
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, j.verdict());
    assertTrue(j.reason().contains("exceeds the accountant's proven 0.500: the training code"), j.reason());
  }

  @Test
  void aboveBoth_isAccountantViolated_andSaysBoth() {
    Judgement j = Verdicts.judge(0.5, 0.5, empirical(1.2, 4.7));
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, j.verdict());
    assertTrue(j.reason().contains("accountant's proven 0.500 (and the claimed 0.500)"), j.reason());
  }

  @Test
  void aboveTheClaimOnly_isClaimViolated() {
    Judgement j = Verdicts.judge(0.5, 8, empirical(1.2, 4.7));
    assertEquals(Verdict.CLAIM_VIOLATED, j.verdict());
    assertTrue(j.reason().contains("exceeds the claimed 0.500 but not the accountant's proven 8.000"), j.reason());
  }

  @Test
  void equalToTheClaim_isNoViolation() {
    assertEquals(Verdict.CONSISTENT, Verdicts.judge(1.2, 1.2, empirical(1.2, 4.7)).verdict());
    assertEquals(Verdict.CLAIM_VIOLATED, Verdicts.judge(1.2, 8, empirical(Math.nextUp(1.2), 4.7)).verdict());
  }

  @Test
  void noPowerToReachTheSmallerEpsilon_isInconclusive() {
    Judgement j = Verdicts.judge(8, 6, empirical(0.3, 4.7));
    assertEquals(Verdict.INCONCLUSIVE, j.verdict());
    assertTrue(j.reason().contains("could have shown up to 4.700, not above min(claimed, accountant) = 6.000"),
        j.reason());
    // The boundary: a perfect attack reaching exactly the target could not exceed it.
    assertEquals(Verdict.INCONCLUSIVE, Verdicts.judge(8, 4.7, empirical(0.3, 4.7)).verdict());
    assertEquals(Verdict.CONSISTENT, Verdicts.judge(8, Math.nextDown(4.7), empirical(0.3, 4.7)).verdict());
  }

  @Test
  void aViolation_beatsInconclusive() {
    // A bound above the claim shows a violation whatever a "perfect" attack could reach.
    assertEquals(Verdict.CLAIM_VIOLATED, Verdicts.judge(0.1, INF, empirical(0.2, 0.2)).verdict());
  }

  @Test
  void nonPrivate_isConsistent_andSaysPlainlyThatItLeaks() {
    Judgement j = Verdicts.judge(INF, INF, empirical(2.9, 4.7));
    assertEquals(Verdict.CONSISTENT, j.verdict());
    assertTrue(j.leaks());
    assertEquals("No privacy is claimed or proven, and the model measurably leaks: empirical epsilon >= 2.900 at 95% "
        + "confidence, from canaries", j.reason());
    Judgement none = Verdicts.judge(INF, INF, empirical(0, 4.7));
    assertEquals(Verdict.CONSISTENT, none.verdict());
    assertFalse(none.leaks());
    assertTrue(none.reason().contains("no measurable leakage"), none.reason());
  }

  @Test
  void aClaimWithoutProof_isClaimUnproven_unlessTheEvidenceViolatesIt() {
    assertEquals(Verdict.CLAIM_VIOLATED, Verdicts.judge(1, INF, empirical(1.5, 4.7)).verdict());
    Judgement j = Verdicts.judge(1, INF, empirical(0.5, 4.7), new Verdicts.Tests(null, List.of(), "the PCA is fitted "
        + "on the members"));
    assertEquals(Verdict.CLAIM_UNPROVEN, j.verdict());
    assertTrue(j.reason().contains("proves no finite epsilon for what ran (the PCA is fitted on the members)"),
        j.reason());
    assertEquals(Verdict.CLAIM_UNPROVEN, Verdicts.judge(5, INF, empirical(0.5, 4.7)).verdict());
    assertEquals(Verdict.CLAIM_UNPROVEN, Verdicts.judge(2, 3559, empirical(0, 4.7)).verdict(), "enadpp's 2 vs 3559");
    assertTrue(Verdict.CLAIM_UNPROVEN.isFinding());
    assertFalse(Verdict.CLAIM_UNPROVEN.isViolation());
  }

  @Test
  void aClaimEqualToTheProof_upToRounding_isProven() {
    assertEquals(Verdict.CONSISTENT, Verdicts.judge(2, 2 * (1 + 1e-12), empirical(0.4, 4.7)).verdict());
    assertEquals(Verdict.CLAIM_UNPROVEN, Verdicts.judge(2, 2.001, empirical(0.4, 4.7)).verdict());
  }

  /** No deciding bound, one attack estimate. */
  static EmpiricalEpsilon attackOnly(double attack) {
    EpsilonLowerBound a = new EpsilonLowerBound(attack, 0.95, 1e-5, BoundMethod.CLOPPER_PEARSON,
        ThresholdSelection.SPLIT, 2, 0.025, null, null, null, null, null, null, null, "attack");
    return new EmpiricalEpsilon(0, 0.95, null, "none", 0, 0.95, 0,
        List.of(new EvidenceBound("attack:loss", false, 4.7, a, "an estimate", attack / 2)), "no canaries");
  }

  @Test
  void anAttackEstimate_neverDecides_butIsMentioned() {
    Judgement j = Verdicts.judge(1, 1, attackOnly(2.9));
    assertEquals(Verdict.INCONCLUSIVE, j.verdict());
    assertTrue(j.reason().contains("membership attacks estimate epsilon >= 1.450 from attack:loss"), j.reason());
    assertTrue(j.reason().contains("above the claim"), j.reason());
    assertFalse(Verdicts.judge(8, 8, attackOnly(2.9)).reason().contains("above the claim"));
  }

  @Test
  void aFailedCheckOrARejectedCurve_isAccountantViolated_whateverTheBound() {
    org.dpaudit.core.artifact.audit.MechanismCheck failed = new org.dpaudit.core.artifact.audit.MechanismCheck("null-variance",
        "too little noise", 0.11, 1, 1e-30, 0.001, true);
    Judgement j = Verdicts.judge(2, 2, empirical(0.3, 4.7), new Verdicts.Tests(null, List.of(failed), null));
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, j.verdict());
    assertTrue(j.reason().startsWith("The released updates contradict the ledger: null-variance (p = 1.0e-30 < 0.0010)"),
        j.reason());
    LedgerTest rejected = new LedgerTest(true, 0.04, 0, "curve");
    Judgement k = Verdicts.judge(2, 2, empirical(0.3, 4.7), new Verdicts.Tests(rejected, List.of(), null));
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, k.verdict());
    assertTrue(k.reason().contains("reject the trade-off curve the accountant proves"), k.reason());
    LedgerTest stands = new LedgerTest(false, 0.04, 0, "curve");
    Judgement ok = Verdicts.judge(2, 2, empirical(0.3, 4.7), new Verdicts.Tests(stands, List.of(), null));
    assertEquals(Verdict.CONSISTENT, ok.verdict());
    assertTrue(ok.reason().contains("whole trade-off curve stands"), ok.reason());
  }

  @Test
  void badEpsilons_areRejected() {
    assertThrows(InvalidInputException.class, () -> Verdicts.judge(Double.NaN, 1, empirical(0, 1)));
    assertThrows(InvalidInputException.class, () -> Verdicts.judge(1, -1, empirical(0, 1)));
  }

  @Test
  void verdictIds_roundTrip() {
    for (Verdict v : Verdict.values()) {
      assertEquals(v, Verdict.of(v.id()));
    }
    assertEquals("accountant-violated", Verdict.ACCOUNTANT_VIOLATED.id());
    assertThrows(InvalidInputException.class, () -> Verdict.of("fine"));
  }
}
