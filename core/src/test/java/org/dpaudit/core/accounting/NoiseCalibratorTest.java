package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Calibration: dp_accounting's calibrated noise multipliers, and solve-then-account round trips. */
class NoiseCalibratorTest {

  static Stream<ReferenceRows.Row> calibrationRows() {
    return ReferenceRows.read("calibration.csv").stream();
  }

  /**
   * dp_accounting calibrated with tolerance 1e-6 on its orders; ours uses the same tolerance and a
   * superset of orders (so its noise can only be the same or slightly lower): within 2e-6.
   */
  @ParameterizedTest
  @MethodSource("calibrationRows")
  void rdp_matchesDpAccountingCalibration(ReferenceRows.Row row) {
    long steps = (long) row.get("steps");
    double q = row.get("q");
    PrivacyBudget target = new PrivacyBudget(row.get("target_eps"), row.get("delta"));
    NoiseCalibrator.NoiseCalibration c = new NoiseCalibrator(RdpAccountant::new)
        .noiseMultiplier(s -> NoiseCalibrator.dpSgd(q, s, steps), target, new NoiseCalibrator.Bracket(0.1, 50));
    assertEquals(row.get("sigma_rdp"), c.noiseMultiplier(), 2e-6, row.toString());
    assertTrue(c.result().epsilon() <= target.epsilon());
  }

  /** Solve for sigma with PLD, then account: epsilon at most the target, and sigma within the tolerance of the optimum. */
  @ParameterizedTest
  @CsvSource({"0.004266666666666667, 3516, 1.0", "0.01, 1000, 8.0", "0.1, 300, 20"})
  void pld_solveThenAccount_hitsTheTarget(double q, long steps, double targetEps) {
    double tolerance = 1e-3;
    PrivacyBudget target = new PrivacyBudget(targetEps, 1e-5);
    NoiseCalibrator.NoiseCalibration c = new NoiseCalibrator(PldAccountant::new, tolerance)
        .noiseMultiplier(s -> NoiseCalibrator.dpSgd(q, s, steps), target);
    double eps = new PldAccountant().epsilon(NoiseCalibrator.dpSgd(q, c.noiseMultiplier(), steps), 1e-5).epsilon();
    assertEquals(c.result().epsilon(), eps, 0);
    assertTrue(eps <= targetEps, eps + " > " + targetEps);
    double lessNoise = new PldAccountant().epsilon(NoiseCalibrator.dpSgd(q, c.noiseMultiplier() - tolerance, steps), 1e-5).epsilon();
    assertTrue(lessNoise > targetEps, "sigma - tolerance still meets the target: not the least noise");
  }

  @Test
  void unreachableTarget_saysWhichNoiseWasTried() {
    NoiseCalibrator cal = new NoiseCalibrator(RdpAccountant::new);
    PrivacyBudget target = new PrivacyBudget(0.01, 1e-5);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> cal.noiseMultiplier(
        s -> NoiseCalibrator.dpSgd(0.5, s, 100000), target, new NoiseCalibrator.Bracket(0.1, 2)));
    assertTrue(e.getMessage().contains("no noise multiplier up to 2.0 reaches epsilon <= 0.01"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    InvalidInputException never = assertThrows(InvalidInputException.class, () -> cal.noiseMultiplier(
        s -> new DpEvent.Composed(List.of(NoiseCalibrator.dpSgd(0.01, s, 10), new DpEvent.NonPrivate())), target));
    assertTrue(never.getMessage().contains("up to " + NoiseCalibrator.MAX_NOISE_MULTIPLIER), never.getMessage());
  }

  @Test
  void lowerEndOfTheBracket_isReturnedWhenItAlreadyMeetsTheTarget() {
    NoiseCalibrator.NoiseCalibration c = new NoiseCalibrator(RdpAccountant::new).noiseMultiplier(
        s -> NoiseCalibrator.dpSgd(0.01, s, 10), new PrivacyBudget(5, 1e-5), new NoiseCalibrator.Bracket(3, 10));
    assertEquals(3, c.noiseMultiplier());
  }

  /** The most steps within budget: epsilon(T) <= target < epsilon(T + 1). */
  @ParameterizedTest
  @CsvSource({"0.01, 1.0, 2.0", "0.004266666666666667, 1.1, 3.0", "1.0, 20, 1.0"})
  void maxSteps_isTheLastStepWithinBudget(double q, double sigma, double targetEps) {
    PrivacyBudget target = new PrivacyBudget(targetEps, 1e-5);
    NoiseCalibrator.StepsCalibration c = new NoiseCalibrator(RdpAccountant::new)
        .maxSteps(t -> NoiseCalibrator.dpSgd(q, sigma, t), target, 10_000_000);
    RdpAccountant rdp = new RdpAccountant();
    assertTrue(rdp.epsilon(NoiseCalibrator.dpSgd(q, sigma, c.steps()), 1e-5).epsilon() <= targetEps);
    assertTrue(rdp.epsilon(NoiseCalibrator.dpSgd(q, sigma, c.steps() + 1), 1e-5).epsilon() > targetEps);
  }

  @Test
  void maxSteps_stopsAtTheCap_andRefusesWhenOneStepIsTooMany() {
    NoiseCalibrator cal = new NoiseCalibrator(RdpAccountant::new);
    assertEquals(50, cal.maxSteps(t -> NoiseCalibrator.dpSgd(0.001, 5, t), new PrivacyBudget(10, 1e-5), 50).steps());
    assertEquals(1, cal.maxSteps(t -> NoiseCalibrator.dpSgd(0.001, 5, t), new PrivacyBudget(10, 1e-5), 1).steps());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> cal.maxSteps(t -> NoiseCalibrator.dpSgd(1, 0.5, t), new PrivacyBudget(0.1, 1e-5), 100));
    assertTrue(e.getMessage().startsWith("even one step exceeds the target"), e.getMessage());
  }

  @Test
  void dpSgd_buildsTheEvent() {
    assertEquals(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.5, new DpEvent.Gaussian(2)), 7), NoiseCalibrator.dpSgd(0.5, 2, 7));
    assertEquals(new DpEvent.SelfComposed(new DpEvent.Gaussian(2), 7), NoiseCalibrator.dpSgd(1, 2, 7));
  }
}
