package org.dpaudit.trainers.schemes;

import static org.dpaudit.trainers.StatTests.ks;
import static org.dpaudit.trainers.StatTests.ksCritical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.SchemeFixtures.Plan;
import org.junit.jupiter.api.Test;

/**
 * pSGD and APPDL add N(0, (sigma_t C / E)^2) to every coordinate of the mean clipped gradient. On an
 * empty batch the release is the noise alone, so its distribution can be tested directly over the
 * model's ~137,000 coordinates: a Kolmogorov-Smirnov test at false-rejection rate 1e-6 per check
 * (StatTests.KS_ALPHA), with a fixed seed.
 */
class GaussianSchemesNoiseTest {
  static final Plan PLAN = new Plan(1000, 100, 9, 0.1);

  static double[] release(DpScheme s, DpModel model, NDManager m, NoiseSource noise, long step) {
    NDList out = ((NoisySumScheme) s).privatize(null, SchemeFixtures.step(step, model, m, noise, PLAN, 0, Randomness.seeded(0)));
    return out.stream().flatMapToDouble(a -> java.util.Arrays.stream(a.toType(ai.djl.ndarray.types.DataType.FLOAT64,
        false).toDoubleArray())).toArray();
  }

  @Test
  void psgd_addsGaussianNoiseOfStdSigmaCOverE() {
    Randomness r = Randomness.seeded(11);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      DpScheme s = SchemeFixtures.scheme("psgd", null, 1.3, Map.of(), PLAN, model.parameterCount());
      double[] z = release(s, model, m, noise, 0);
      NormalDistribution n = NormalDistribution.of(0, 1.3 * 1.0 / 100);
      assertTrue(ks(z, n::cumulativeProbability) < ksCritical(z.length));
      NormalDistribution wrong = NormalDistribution.of(0, 1.3 * 1.05 / 100);
      assertFalse(ks(z, wrong::cumulativeProbability) < ksCritical(z.length), "5% too little noise must be detected");
    }
  }

  /** sigma_0 = 2, inverse-time decay at rate 1 every 3 steps: sigma_t = 2, 1, 2/3 in steps 0-2, 3-5, 6-8. */
  @Test
  void appdl_noiseFollowsTheSchedule_andTheLedgerRecordsEachStepsSigma() {
    Randomness r = Randomness.seeded(12);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      Map<String, String> opts = Map.of("decay", "time", "decay-rate", "1", "decay-every", "3");
      DpScheme s = SchemeFixtures.scheme("appdl", null, 2.0, opts, PLAN, model.parameterCount());
      double[] expected = {2, 2, 2, 1, 1, 1, 2.0 / 3, 2.0 / 3, 2.0 / 3};
      PrivacyLedger ledger = PrivacyLedger.empty();
      for (int t = 0; t < 9; t++) {
        ledger = ledger.append(s.stepEvent(t));
        assertEquals(new DpEvent.PoissonSampled(0.1, new DpEvent.Gaussian(expected[t])), s.stepEvent(t));
      }
      assertEquals(3, ledger.entries().size(), "one run-length entry per sigma");
      assertEquals(9, ledger.steps());
      for (int t : new int[] {0, 4, 8}) {
        double[] z = release(s, model, m, noise, t);
        NormalDistribution n = NormalDistribution.of(0, expected[t] / 100);
        assertTrue(ks(z, n::cumulativeProbability) < ksCritical(z.length), "step " + t);
      }
    }
  }
}
