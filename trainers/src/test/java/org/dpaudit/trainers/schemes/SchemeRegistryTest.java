package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.SchemeFixtures.Plan;
import org.junit.jupiter.api.Test;

/** The registry's typed ids, the one clipping rule, the noise plan, and the non-private step. */
class SchemeRegistryTest {
  static final Plan PLAN = new Plan(1000, 50, 40, 0.1);

  @Test
  void everyName_isItsIdsName_andOnlyCorrectedVariantsCarryTheSuffix() {
    for (String name : Schemes.NAMES) {
      SchemeId id = Schemes.id(name);
      assertEquals(name, id.name());
      assertEquals(name.endsWith("-corrected"), id.variant() == Variant.CORRECTED, name);
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Schemes.id("dp-sgd"));
    assertTrue(e.getMessage().contains("dpsgd") && e.getMessage().contains("icgc-dp-corrected"), e.getMessage());
    assertThrows(RuntimeException.class, () -> SchemeId.published("icgc-dp-corrected"), "the suffix is the variant's");
  }

  @Test
  void theClipCoefficient_isMinOfOneAndTheBoundOverTheNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] c = PerExampleScheme.clipCoefficients(m.create(new float[] {0, 1, 4, 8}), 2).toFloatArray();
      assertArrayEquals(new float[] {1, 1, (float) (2 / (4 + 1e-6)), (float) (2 / (8 + 1e-6))}, c, 1e-7f);
    }
  }

  @Test
  void noisePlan_givenSigma_claimsTheRdpEpsilonOfThePlannedSteps_andACalibratedOneClaimsTheTarget() {
    SchemeContext given = context(null, 1.2);
    NoisePlan p = NoisePlan.gaussian("dpsgd", given);
    DpEvent planned = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(PLAN.q(), new DpEvent.Gaussian(1.2)), 40);
    assertEquals(new RdpAccountant().epsilon(planned, 1e-5).epsilon(), p.epsilon(), 1e-12);
    assertFalse(p.calibrated());
    NoisePlan c = NoisePlan.gaussian("dpsgd", context(1.5, null));
    assertTrue(c.calibrated());
    assertEquals(1.5, c.epsilon());
    DpEvent atSigma = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(PLAN.q(), new DpEvent.Gaussian(c.sigma())), 40);
    double proven = new RdpAccountant().epsilon(atSigma, 1e-5).epsilon();
    assertTrue(proven <= 1.5 && proven > 1.45, "the calibrated sigma meets the target tightly: " + proven);
    assertThrows(InvalidInputException.class, () -> NoisePlan.gaussian("dpsgd", context(null, null)));
  }

  @Test
  void nonPrivateTraining_skipsAnEmptyBatch_andOtherwiseTakesThePlainMeanGradient() {
    Randomness r = Randomness.seeded(3);
    DpScheme s = SchemeFixtures.scheme("nonprivate", null, null, Map.of(), PLAN, 100);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      assertTrue(s.gradient(SchemeFixtures.step(0, model, m, noise, PLAN, 0, r)).isSkipped());
      StepContext ctx = SchemeFixtures.step(1, model, m, noise, PLAN, 5, r);
      StepGradient g = s.gradient(ctx);
      float[] mean = model.network().perSampleGradients(ctx.inputs(), ctx.labels()).weightedSum(
          m.ones(new ai.djl.ndarray.types.Shape(5)).div(5)).get(0).toFloatArray();
      assertArrayEquals(mean, g.gradient().get(0).toFloatArray(), 1e-5f);
      assertTrue(g.lossSum() > 0);
      assertFalse(s.claim().claimsPrivacy());
    }
  }

  private static SchemeContext context(Double epsilon, Double sigma) {
    PrivacyConfig cfg = new PrivacyConfig("dpsgd", 1.0, sigma, epsilon, 1e-5, SamplerKind.POISSON, Map.of());
    return new SchemeContext(cfg, PLAN.optim(), PLAN.n(), PLAN.q(), PLAN.steps(), 100,
        new org.dpaudit.trainers.run.RunAccounting());
  }
}
