package org.dpaudit.audit.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.CountsBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.audit.bounds.ClassScores;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;

/**
 * Kind 4: the validity test of the auditor, and a test that this test can fail.
 *
 * <p>At a fixed seed the outcome is deterministic. The stated false-rejection rate: a valid
 * procedure whose true coverage were exactly 95% would show an observed coverage below 95% in
 * about half of all seeds; the procedures here are conservative by construction (union bounds,
 * discrete Clopper–Pearson), and their observed coverage at this seed is 98–100%.
 */
class SelfTestTest {
  private static final SelfTestConfig CONFIG = SelfTestConfig.defaults(100, 7, 0.95);

  @Test
  void everyProcedure_coversAtLeastTheConfidence_andCatchesTheBrokenMechanism() {
    List<String> progress = new ArrayList<>();
    SelfTestReport report = SelfTest.run(CONFIG, progress::add);
    assertTrue(report.passed(), Json.write(report));
    // 6 procedures x 3 mechanisms, less the three Gaussian-only procedures on randomized response;
    // then 3 white-box methods on the correct and the broken simulated DP-SGD
    assertEquals(21, report.rows().size());
    assertEquals(15 + 4, progress.size());
    assertEquals(6, report.rows().stream().filter(r -> r.procedure().startsWith("wb-")).count());
    for (SelfTestRow row : report.rows()) {
      assertTrue(row.coverage() >= 0.95, row.toString());
      assertTrue(row.tightness() > 0.1, "tightness " + row);
      if (row.broken()) {
        assertTrue(row.detectionRate() > 0.5, "the broken mechanism was missed: " + row);
        assertTrue(row.claimedEpsilon() < row.trueEpsilon());
      }
    }
    assertTrue(report.rows().stream().noneMatch(r -> (r.procedure().startsWith("gdp") || r.procedure().endsWith("fdp"))
        && r.mechanism().startsWith("randomized")), "Gaussian-curve bounds are not run where their assumption fails");
  }

  @Test
  void sameSeed_sameReport() {
    SelfTestConfig small = new SelfTestConfig(20, 3, 0.95, 200, 400, 2.0, 1e-5, 0.75, 1.0 / 3);
    assertEquals(SelfTest.run(small, s -> { }), SelfTest.run(small, s -> { }));
  }

  /** A "bound" that ignores the confidence interval (plug-in rates, best threshold) is reported as under-covering. */
  @Test
  void aBoundWithoutConfidenceInterval_isCaughtUnderCovering() {
    AuditProcedure pointEstimate = new AuditProcedure() {
      @Override
      public String name() {
        return "point-estimate";
      }

      @Override
      public double lowerBound(KnownMechanism mechanism, BoundParameters params, RandomGenerator rng) {
        int n = 2000;
        double[] in = new double[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          in[i] = mechanism.release(true, rng);
          out[i] = mechanism.release(false, rng);
        }
        ClassScores s = ClassScores.ofClasses(in, out);
        double best = 0;
        for (double t : in) {
          var c = s.countsAt(t);
          best = Math.max(best, CountsBound.epsilonFromRates(Math.max(c.fp(), 0.5) / n, Math.max(c.fn(), 0.5) / n,
              params.delta()));
        }
        return best;
      }
    };
    SelfTestConfig config = SelfTestConfig.defaults(40, 7, 0.95);
    SelfTestReport report = SelfTest.run(config, List.of(pointEstimate), s -> { });
    assertFalse(report.passed());
    SelfTestRow rr = report.rows().stream().filter(r -> r.mechanism().startsWith("randomized")).findFirst().orElseThrow();
    assertTrue(rr.coverage() < 0.8, rr.toString());
  }

  /**
   * The Gaussian-DP bound applied where its assumption fails (randomized response) over-claims
   * badly: this is why {@link ScoreProcedure#appliesTo} keeps it to Gaussian mechanisms, and why a
   * GDP bound must not be used as a verdict on an arbitrary mechanism.
   */
  @Test
  void gdpBound_onANonGaussianMechanism_overClaims() {
    ScoreProcedure gdp = new ScoreProcedure(BoundMethod.GDP, ThresholdSelection.SPLIT, 2000);
    assertFalse(gdp.appliesTo(new RandomizedResponse(0.75)));
    SelfTestRow row = SelfTest.evaluate(gdp, new RandomizedResponse(0.75), 1e-5, null, SelfTestConfig.defaults(30, 7, 0.95));
    assertTrue(row.coverage() < 0.5, row.toString());
    assertTrue(row.medianBound() > 3 * row.trueEpsilon(), row.toString());
  }

  /** The same holds for the f-DP one-run refinement, which falsifies Gaussian curves (as jax_privacy implements it). */
  @Test
  void fdpOneRun_onANonGaussianMechanism_overClaims() {
    OneRunProcedure fdp = new OneRunProcedure(4000, List.of(new GuessCounts(40, 40), new GuessCounts(200, 200),
        new GuessCounts(400, 400)), BoundMethod.ONE_RUN_FDP);
    assertFalse(fdp.appliesTo(new RandomizedResponse(0.75)));
    SelfTestRow row = SelfTest.evaluate(fdp, new RandomizedResponse(0.75), 1e-5, null, SelfTestConfig.defaults(30, 7, 0.95));
    assertTrue(row.coverage() < 0.5, row.toString());
  }

  @Test
  void mechanisms_haveTheirExactEpsilons() {
    assertEquals(Math.log(3), new RandomizedResponse(0.75).epsilon(0), 1e-15);
    assertEquals(Math.log((0.75 - 0.01) / 0.25), new RandomizedResponse(0.75).epsilon(0.01), 1e-15);
    // dp_accounting PLD value for sigma = 2, delta = 1e-5 (see gaussian_mechanism_pld.csv): 1.99309140790881
    assertEquals(1.99309140790881, new GaussianMechanism(2).epsilon(1e-5), 1e-8);
  }
}
