package org.dpaudit.core.artifact.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The headline: a leaking model without a claim is never green, whatever its formal verdict. */
class StandingTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void aLeakingNonPrivateModel_isRed_thoughFormallyConsistent() {
    Standing s = Standing.of(Verdict.CONSISTENT, true, INF);
    assertEquals(Standing.LEAKS, s);
    assertEquals("bad", s.tone());
    assertTrue(s.needsAction());
    assertEquals(Standing.LEAKS, Standing.of(Verdict.INCONCLUSIVE, true, Double.NaN));
  }

  @Test
  void noClaimAndNoLeakFound_isAmber() {
    assertEquals(Standing.NO_CLAIM, Standing.of(Verdict.CONSISTENT, false, INF));
    assertEquals("warn", Standing.NO_CLAIM.tone());
  }

  @Test
  void green_onlyForEvidenceInsideAFiniteClaim() {
    assertEquals(Standing.CONSISTENT, Standing.of(Verdict.CONSISTENT, true, 2.0));
    assertEquals(Standing.CONSISTENT, Standing.of(Verdict.CONSISTENT, false, 2.0));
    assertEquals("ok", Standing.CONSISTENT.tone());
    assertFalse(Standing.CONSISTENT.needsAction());
    for (Verdict v : Verdict.values()) {
      for (boolean leaks : new boolean[] {true, false}) {
        for (double claimed : new double[] {0.5, INF, Double.NaN}) {
          Standing s = Standing.of(v, leaks, claimed);
          assertEquals(s == Standing.CONSISTENT, "ok".equals(s.tone()), s.toString());
          if ("ok".equals(s.tone())) {
            assertTrue(v == Verdict.CONSISTENT && Double.isFinite(claimed), v + " " + leaks + " " + claimed);
          }
          if (v.isFinding()) {
            assertTrue(s.needsAction(), v + " must be red or amber");
          }
        }
      }
    }
  }

  @Test
  void violations_areRed_whateverTheClaim() {
    assertEquals(Standing.CLAIM_VIOLATED, Standing.of(Verdict.CLAIM_VIOLATED, true, 1.0));
    assertEquals(Standing.ACCOUNTANT_VIOLATED, Standing.of(Verdict.ACCOUNTANT_VIOLATED, true, INF));
    assertEquals(Standing.CLAIM_UNPROVEN, Standing.of(Verdict.CLAIM_UNPROVEN, false, 1.0));
    assertEquals("warn", Standing.CLAIM_UNPROVEN.tone());
    assertEquals(Standing.INCONCLUSIVE, Standing.of(Verdict.INCONCLUSIVE, false, 1.0));
    assertEquals(Standing.NOT_AUDITED, Standing.of(null, false, 1.0));
    assertEquals("accountant-violated", Standing.ACCOUNTANT_VIOLATED.id());
  }
}
