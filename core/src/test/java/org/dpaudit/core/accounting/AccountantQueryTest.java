package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.AccountantQuery.Choice;
import org.dpaudit.core.accounting.AccountantQuery.Mechanism;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.SamplingSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accountant question as a library call: each accountant's answer against Google dp_accounting's
 * published values (the reference CSVs, copied from shared/refs), the best-bound choice among several
 * accountants, the skipped ones, solving for the noise, and the trainer's step count.
 */
class AccountantQueryTest {
  private static AccountantQuery gaussian(double q, double sigma, long steps, double delta, Choice c) {
    return new AccountantQuery(SamplingSchedule.of(q, steps), Mechanism.GAUSSIAN, sigma, 1, null, delta, c, null, null);
  }

  static Stream<ReferenceRows.Row> gaussianRows() {
    return ReferenceRows.read("accountant_gaussian.csv").stream();
  }

  /**
   * RDP on dp_accounting's own orders (given as the query's orders): within 1e-9 relative of
   * dp_accounting; on the default orders (a superset) never above it.
   */
  @ParameterizedTest
  @MethodSource("gaussianRows")
  void rdp_agreesWithDpAccounting(ReferenceRows.Row row) {
    AccountantQuery theirs = new AccountantQuery(SamplingSchedule.of(row.get("q"), (long) row.get("steps")),
        Mechanism.GAUSSIAN, row.get("sigma"), 1, null, row.get("delta"), Choice.RDP,
        RdpAccountantReferenceTest.DP_ACCOUNTING_ORDERS, null);
    AccountantAnswer a = theirs.answer();
    assertEquals("rdp", a.accountant());
    assertEquals(row.get("eps_rdp"), a.epsilon(), 1e-9 * row.get("eps_rdp"), row.toString());
    assertTrue(a.upperBound());
    assertEquals(1, a.results().size());
    assertEquals(a.epsilon(), a.results().get(0).epsilon());
    double ours = gaussian(row.get("q"), row.get("sigma"), (long) row.get("steps"), row.get("delta"), Choice.RDP)
        .answer().epsilon();
    assertTrue(ours <= a.epsilon() * (1 + 1e-12), row + ": default orders gave " + ours);
  }

  /** The MNIST setting at TF Privacy's step count, every accountant: dp_accounting gives RDP 2.60 and PLD 2.38. */
  @Test
  void all_picksTheSmallestProvenBound_notTheGdpEstimate() {
    AccountantAnswer a = gaussian(256 / 60000.0, 1.1, 14063, 1e-5, Choice.ALL).answer();
    assertEquals(List.of("rdp", "pld", "gdp"), a.results().stream().map(AccountantAnswer.Entry::accountant).toList());
    AccountantAnswer.Entry rdp = a.results().get(0);
    AccountantAnswer.Entry pld = a.results().get(1);
    AccountantAnswer.Entry gdp = a.results().get(2);
    assertEquals(2.60, rdp.epsilon(), 0.005);
    assertEquals(2.38, pld.epsilon(), 0.005);
    assertFalse(gdp.upperBound(), "the CLT estimate is not a bound");
    assertTrue(gdp.epsilon() < pld.epsilon(), "the estimate is smaller here, and still not chosen");
    assertEquals("pld", a.accountant());
    assertEquals(pld.epsilon(), a.epsilon());
    assertEquals(1, a.skipped().size());
    assertEquals("pure", a.skipped().get(0).accountant());
    // the same numbers as each accountant asked directly (the independent path)
    DpEvent e = NoiseCalibrator.dpSgd(256 / 60000.0, 1.1, 14063);
    assertEquals(new RdpAccountant().epsilon(e, 1e-5).epsilon(), rdp.epsilon());
    assertEquals(new PldAccountant().epsilon(e, 1e-5).epsilon(), pld.epsilon());
  }

  static Stream<ReferenceRows.Row> calibrationRows() {
    return ReferenceRows.read("calibration.csv").stream();
  }

  /** Solving for sigma with RDP: dp_accounting's calibrate_dp_mechanism to 2e-6 (both use tolerance 1e-6). */
  @ParameterizedTest
  @MethodSource("calibrationRows")
  void targetEpsilon_solvesTheNoiseAsDpAccounting(ReferenceRows.Row row) {
    AccountantAnswer a = new AccountantQuery(SamplingSchedule.of(row.get("q"), (long) row.get("steps")),
        Mechanism.GAUSSIAN, null, 1, row.get("target_eps"), row.get("delta"), Choice.RDP, null, null).answer();
    assertEquals("noiseMultiplier", a.solvedFor());
    assertEquals(row.get("sigma_rdp"), a.noiseMultiplier(), 2e-6, row.toString());
    assertTrue(a.epsilon() <= row.get("target_eps"));
  }

  static Stream<ReferenceRows.Row> sampledLaplaceRows() {
    return ReferenceRows.read("accountant_laplace.csv").stream().filter(r -> r.get("q") < 1).limit(6);
  }

  /** Poisson-sampled Laplace with PLD: dp_accounting's value from above, within 5e-4 relative. */
  @ParameterizedTest
  @MethodSource("sampledLaplaceRows")
  void laplace_pld_agreesWithDpAccounting(ReferenceRows.Row row) {
    AccountantAnswer a = new AccountantQuery(SamplingSchedule.of(row.get("q"), (long) row.get("steps")),
        Mechanism.LAPLACE, row.get("scale"), 1, null, row.get("delta"), Choice.PLD, null, null).answer();
    double ref = row.get("eps_pld");
    assertTrue(a.epsilon() >= ref * (1 - 1e-6) && a.epsilon() <= ref * (1 + 5e-4), row + " gave " + a.epsilon());
    assertEquals("laplace", a.mechanism());
    assertEquals(row.get("scale"), a.scale());
    assertEquals(1.0, a.sensitivity());
  }

  /** A Laplace scale b at sensitivity s is noise b / s; its entry states both. */
  @Test
  void laplace_sensitivityScalesTheNoise() {
    AccountantAnswer a = new AccountantQuery(SamplingSchedule.of(1, 1), Mechanism.LAPLACE, 4.0, 2, null, 1e-5,
        Choice.PURE, null, null).answer();
    assertEquals(0.5, a.epsilon(), 1e-12, "one release: sensitivity / scale");
    assertEquals(2.0, a.noiseMultiplier());
    assertEquals(4.0, a.scale());
  }

  /** One accountant that cannot answer fails; among all, it is skipped with the reason. */
  @Test
  void anAccountantThatCannotAnswer_failsAlone_andIsSkippedAmongAll() {
    AccountantQuery q = new AccountantQuery(SamplingSchedule.of(0.01, 100), Mechanism.LAPLACE, 2.0, 1, null, 1e-5,
        Choice.GDP, null, null);
    assertThrows(org.dpaudit.core.DpauditException.class, q::answer);
    AccountantAnswer all = q.with(Choice.ALL).answer();
    assertEquals(List.of("rdp", "gdp"), all.skipped().stream().map(AccountantAnswer.Skipped::accountant).toList());
    assertTrue(all.results().stream().allMatch(AccountantAnswer.Entry::upperBound));
  }

  /** Sizes give the trainer's step count (ceil(E ceil(N/B)): 14100 for 60000/256/60) and say how. */
  @Test
  void sizes_giveTheTrainersStepCount_andTheDerivation() {
    AccountantQuery q = new AccountantQuery(SamplingSchedule.fromEpochs(60000, 256, 60), Mechanism.GAUSSIAN, 1.1, 1,
        null, 1e-5, Choice.RDP, null, null);
    AccountantAnswer a = q.answer();
    assertEquals(14100, a.steps());
    assertEquals(256 / 60000.0, a.samplingRate());
    assertEquals(new AccountantAnswer.Derivation(60000, 256, 60), a.derivedFrom());
    assertEquals(gaussian(256 / 60000.0, 1.1, 14100, 1e-5, Choice.RDP).answer().epsilon(), a.epsilon());
    assertNull(gaussian(0.01, 1, 10, 1e-5, Choice.RDP).answer().derivedFrom());
  }

  @Test
  void zeroNoise_isInfinite_andCaveatsSayWhatIsAssumed() {
    AccountantAnswer a = gaussian(0.01, 0, 10, 1e-5, Choice.RDP).answer();
    assertEquals(Double.POSITIVE_INFINITY, a.epsilon());
    assertTrue(a.caveats().get(0).contains("Poisson sampling"), a.caveats().toString());
    assertTrue(gaussian(1, 1, 10, 1e-5, Choice.RDP).answer().caveats().get(0).contains("no sampling"));
  }

  @Test
  void impossibleQuestions_areRefusedInOneSentence() {
    assertThrows(InvalidInputException.class, () -> gaussian(0.01, 1, 10, 1.5, Choice.RDP));
    assertThrows(InvalidInputException.class, () -> gaussian(0.01, -1, 10, 1e-5, Choice.RDP));
    InvalidInputException both = assertThrows(InvalidInputException.class, () -> new AccountantQuery(
        SamplingSchedule.of(0.01, 10), Mechanism.GAUSSIAN, 1.0, 1, 2.0, 1e-5, Choice.RDP, null, null));
    assertTrue(both.getMessage().contains("exactly one"), both.getMessage());
  }
}
