package org.dpaudit.audit.whitebox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.audit.selftest.WhiteBoxSimulator;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class WhiteBoxAuditorTest {
  static final double DELTA = 1e-5;

  private static WhiteBoxAuditor.Result audit(WhiteBoxSimulator sim, WhiteBoxSimulator.Defect d, long seed) {
    Randomness r = Randomness.seeded(seed);
    WhiteBoxSimulator.Run run = sim.run(d, r.stream("sim"));
    return WhiteBoxAuditor.audit(run.data(), run::included, sim.ledger(), DELTA, 0.95, 0, r);
  }

  @Test
  void correctRunIsBoundedBelowItsAccountantAndPassesEveryCheck() {
    WhiteBoxSimulator sim = new WhiteBoxSimulator(20000, 1000, 120, 0.128, 1.89097);
    double acc = new RdpAccountant().epsilon(sim.ledger().composedEvent(), DELTA).epsilon();
    WhiteBoxAuditor.Result r = audit(sim, WhiteBoxSimulator.Defect.NONE, 1);
    assertTrue(r.bound().epsilon() > 0.25 * acc, "the bound should show most of the leakage: " + r.bound().epsilon());
    assertTrue(r.bound().epsilon() <= acc);
    assertFalse(r.ledger().rejected());
    assertFalse(r.contradictsLedger());
    assertEquals(7, r.checks().size(), "null x4, canary signal, 2 replayed tensors; got " + r.checks());
  }

  @Test
  void tooLittleNoiseIsCaughtByTheLedgerTestAndTheNullVariance() {
    WhiteBoxSimulator sim = new WhiteBoxSimulator(5000, 1000, 120, 0.128, 3.24);
    WhiteBoxAuditor.Result r = audit(sim, new WhiteBoxSimulator.Defect(1 / 3.0, 1, 1, false, 0, false), 2);
    assertTrue(r.ledger().rejected());
    assertTrue(r.checks().stream().anyMatch(c -> c.name().equals("null-variance") && c.failed()));
  }
}
