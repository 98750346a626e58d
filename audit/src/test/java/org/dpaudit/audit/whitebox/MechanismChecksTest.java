package org.dpaudit.audit.whitebox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dpaudit.audit.selftest.WhiteBoxSimulator;
import org.dpaudit.audit.selftest.WhiteBoxSimulator.Defect;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

/** Each check catches its bug, and none fires on a correct mechanism more often than its level allows. */
class MechanismChecksTest {
  static final WhiteBoxSimulator SIM = new WhiteBoxSimulator(1000, 300, 80, 0.1, 1.5);

  private static Set<String> failed(Defect d, long seed) {
    WhiteBoxSimulator.Run run = SIM.run(d, Randomness.seeded(seed).stream("sim"));
    List<MechanismCheck> checks = MechanismChecks.run(run.data(), run.included(), SIM.ledger(), 0.01,
        Randomness.seeded(seed).stream("mc"));
    return checks.stream().filter(MechanismCheck::failed).map(MechanismCheck::name).collect(Collectors.toSet());
  }

  @Test
  void eachBug_isCaughtByItsCheck() {
    assertTrue(failed(new Defect(1 / 3.0, 1, 1, false, 0, false), 1).contains("null-variance"));
    assertTrue(failed(new Defect(1, 1, 1, true, 0, false), 2).contains("null-reuse"));
    assertTrue(failed(new Defect(1, 1, 1, false, 0.17, false), 3).contains("null-dispersion"));
    assertTrue(failed(new Defect(1, 10, 1, false, 0, false), 4).contains("canary-signal"), "clipping skipped");
    assertTrue(failed(new Defect(1, 1, 2, false, 0, false), 5).contains("canary-signal"), "sampled twice as often");
    assertEquals(Set.of("replay:layer1.bias"), failed(new Defect(1, 1, 1, false, 0, true), 6), "a tensor without noise");
  }

  @Test
  void aCorrectMechanism_passesEveryCheck_acrossSeeds() {
    int alarms = 0;
    for (long seed = 10; seed < 50; seed++) {
      alarms += failed(Defect.NONE, seed).isEmpty() ? 0 : 1;
    }
    // the family's level is 1%: 40 runs with 3 or more alarms has probability below 1%
    assertTrue(alarms <= 2, alarms + " false alarms in 40 correct runs");
  }

  @Test
  void checksApplyOnlyToStandardisedGaussianObservations() {
    WhiteBoxSimulator.Run run = SIM.run(Defect.NONE, Randomness.seeded(1).stream("sim"));
    assertTrue(MechanismChecks.applicable(run.data().observations()));
    assertEquals(7, MechanismChecks.run(run.data(), run.included(), SIM.ledger(), 0.01,
        Randomness.seeded(1).stream("mc")).size());
  }

  @Test
  void binomialPlusNormalTail_matchesItsParts() {
    // no noise: the binomial's own tail
    assertEquals(org.apache.commons.statistics.distribution.BinomialDistribution.of(100, 0.2).survivalProbability(29),
        MechanismChecks.binomialPlusNormalTail(100, 0.2, 0, 30), 1e-12);
    // far above: tiny; far below: 1
    assertTrue(MechanismChecks.binomialPlusNormalTail(10000, 0.1, 10, 2000) < 1e-30);
    assertEquals(1, MechanismChecks.binomialPlusNormalTail(10000, 0.1, 10, 0), 1e-12);
  }
}
