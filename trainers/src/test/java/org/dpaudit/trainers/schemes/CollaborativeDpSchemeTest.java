package org.dpaudit.trainers.schemes;

import static org.dpaudit.trainers.schemes.Seeds234Fixtures.looksStandardNormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.collab.CollabDpAsPublished;
import org.dpaudit.trainers.schemes.collab.CollaborativeDp;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's collaborative optimizer: K workers compute the single-worker update exactly (formula
 * 6 with per-example noise keyed by example), the noise has formula 6's distribution (KS tests at
 * alpha = 1e-6, with a test that the check can fail), and the ledger's epsilon matches hand
 * derivations.
 */
class CollaborativeDpSchemeTest {
  static final int N = 100;
  static final double Q = 0.16;
  static final double SIGMA = 0.7;
  static final double C = 4;
  /** Positions spread over every partition of N = 100 for K = 1, 2, 4 (ascending). */
  static final int[] BATCH = {2, 5, 11, 19, 24, 30, 41, 49, 50, 58, 63, 74, 75, 88, 93, 99};

  private static CollaborativeDp scheme(String name, int workers, SamplerKind sampler, Map<String, String> extra) {
    Map<String, String> options = new java.util.HashMap<>(extra);
    options.put("workers", String.valueOf(workers));
    PrivacyConfig cfg = new PrivacyConfig(name, C, SIGMA, null, 1e-5, sampler, options);
    return (CollaborativeDp) Schemes.create(Seeds234Fixtures.context(cfg, N, Q, 10));
  }

  /** One step's merged update from a fresh model and noise source with seed 21. */
  private static float[] update(CollaborativeDp s, long step) {
    Randomness r = Randomness.seeded(21);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      StepContext ctx = Seeds234Fixtures.step(step, model, m, noise, Q * N, BATCH.length, BATCH, r);
      return concat(s.gradient(ctx).gradient());
    }
  }

  private static float[] concat(NDList list) {
    int n = 0;
    for (NDArray a : list) {
      n += (int) a.size();
    }
    float[] out = new float[n];
    int o = 0;
    for (NDArray a : list) {
      float[] v = a.toFloatArray();
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }

  @Test
  void kWorkers_computeTheSingleWorkerUpdate_forTheSameSeeds() {
    float[] one = update(scheme("collab-dp", 1, SamplerKind.POISSON, Map.of()), 3);
    for (int k : new int[] {2, 4}) {
      CollaborativeDp s = scheme("collab-dp", k, SamplerKind.POISSON, Map.of());
      float[] many = update(s, 3);
      assertTrue(TensorFixtures.relativeError(many, one) < 1e-5, k + " workers: " + TensorFixtures.relativeError(many, one));
      assertEquals(BATCH.length, s.lastBatchSizes().stream().mapToInt(Integer::intValue).sum());
      assertTrue(s.lastBatchSizes().stream().allMatch(b -> b > 0), "every worker had examples: " + s.lastBatchSizes());
    }
    float[] replicas = update(scheme("collab-dp", 2, SamplerKind.POISSON, Map.of()).withReplicas(), 3);
    assertTrue(TensorFixtures.relativeError(replicas, one) < 1e-5, "workers on their own model replicas");
    float[] other = update(scheme("collab-dp", 1, SamplerKind.POISSON, Map.of()), 4);
    assertFalse(TensorFixtures.relativeError(other, one) < 1e-3, "another step draws other noise");
  }

  @Test
  void partitions_areContiguousRangesOfThePublicSize() {
    CollaborativeDp s = scheme("collab-dp", 4, SamplerKind.POISSON, Map.of());
    assertEquals(0, s.partition(0));
    assertEquals(0, s.partition(24));
    assertEquals(1, s.partition(25));
    assertEquals(3, s.partition(99));
    assertEquals(3, s.partition(130), "positions past the public size (included canaries) go to the last worker");
  }

  /** (merged * divisor - clipped sum) / scale for one step: the standardised noise. */
  private static double[] standardisedNoise(CollaborativeDp s, double divisor, double scale, long step) {
    Randomness r = Randomness.seeded(22);
    try (NDManager m = Seeds234Fixtures.manager(); DpModel model = Seeds234Fixtures.model("mlp", r);
        NoiseSource noise = new NoiseSource(r); NDScope scope = new NDScope()) {
      StepContext ctx = Seeds234Fixtures.step(step, model, m, noise, Q * N, BATCH.length, BATCH, r);
      double[] merged = Seeds234Fixtures.flat(s.gradient(ctx).gradient());
      PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
      NDArray c = g.norms().add(DpSgdScheme.NORM_EPSILON).pow(-1).mul(C).minimum(1f);
      double[] clean = Seeds234Fixtures.flat(g.weightedSum(c));
      double[] z = new double[merged.length];
      for (int i = 0; i < z.length; i++) {
        z[i] = (merged[i] * divisor - clean[i]) / scale;
      }
      return z;
    }
  }

  @Test
  void formula6_noiseOnTheSumIsGaussianWithStdSigmaCTimesSqrtBatch_perExampleOrSummed() {
    int b = BATCH.length;
    for (CollabDpAsPublished.NoiseDraw draw : CollabDpAsPublished.NoiseDraw.values()) {
      CollabDpAsPublished s = ((CollabDpAsPublished) scheme("collab-dp", 2, SamplerKind.POISSON, Map.of())).withNoiseDraw(draw);
      double[] z = standardisedNoise(s, b, SIGMA * C * Math.sqrt(b), 0);
      assertTrue(looksStandardNormal(z), draw + ": noise on the sum is not N(0, sigma^2 C^2 |B|)");
    }
    // The check can fail: formula 6 read as DP-SGD (noise sigma C on the sum) is rejected.
    double[] z = standardisedNoise(scheme("collab-dp", 2, SamplerKind.POISSON, Map.of()), b, SIGMA * C, 0);
    assertFalse(looksStandardNormal(z), "noise sigma C sqrt|B| must not pass as sigma C");
  }

  @Test
  void corrected_noiseIsSigmaCPerWorker_dividedByTheExpectedBatchSize() {
    int k = 3;
    double[] z = standardisedNoise(scheme("collab-dp-corrected", k, SamplerKind.POISSON, Map.of()), Q * N,
        SIGMA * C * Math.sqrt(k), 1);
    assertTrue(looksStandardNormal(z), "merged noise is not N(0, K sigma^2 C^2) / E");
  }

  @Test
  void ledger_poissonFormula6IsNotProven_shuffleAndCorrectedAreTheWorkersMax() {
    CollaborativeDp poisson = scheme("collab-dp", 4, SamplerKind.POISSON, Map.of());
    assertEquals(Double.POSITIVE_INFINITY, new RdpAccountant().epsilon(poisson.stepEvent(0), 1e-5).epsilon());
    assertTrue(poisson.claim().epsilon() < Double.POSITIVE_INFINITY);
    DpEvent worker = new DpEvent.PoissonSampled(Q, new DpEvent.Gaussian(SIGMA));
    for (CollaborativeDp s : List.of(scheme("collab-dp", 4, SamplerKind.SHUFFLE, Map.of()),
        scheme("collab-dp-corrected", 4, SamplerKind.POISSON, Map.of()))) {
      DpEvent ten = new DpEvent.SelfComposed(s.stepEvent(0), 10);
      double proven = new RdpAccountant().epsilon(ten, 1e-5).epsilon();
      assertEquals(new RdpAccountant().epsilon(new DpEvent.SelfComposed(worker, 10), 1e-5).epsilon(), proven, 1e-12,
          "parallel composition: one worker's epsilon");
      assertEquals(s.claim().epsilon(), proven, 1e-12, "the claim (max over workers) is what is proven");
    }
  }

  @Test
  void oneUnsampledStepOfThreeWorkers_isTheAnalyticGaussianMechanism() {
    // q = 1, one step, sigma = 2: each worker a Gaussian mechanism of multiplier 2 on its own
    // partition; parallel composition is the worst worker: (1.9930914044151204, 1e-5) by Balle & Wang
    // 2018's exact formula (solved by bisection with erfc in Python).
    PrivacyConfig cfg = new PrivacyConfig("collab-dp-corrected", C, 2.0, null, 1e-5, SamplerKind.POISSON,
        Map.of("workers", "3"));
    CollaborativeDp s = (CollaborativeDp) Schemes.create(Seeds234Fixtures.context(cfg, N, 1.0, 1));
    assertEquals(new DpEvent.ParallelComposed(List.of(new DpEvent.Gaussian(2), new DpEvent.Gaussian(2),
        new DpEvent.Gaussian(2))), EventsForTest.simplify(s.stepEvent(0)));
    assertEquals(1.9930914044151204, new PldAccountant().epsilon(s.stepEvent(0), 1e-5).epsilon(), 1e-6);
  }

  @Test
  void options_areChecked() {
    assertThrows(InvalidInputException.class, () -> scheme("collab-dp-corrected", 2, SamplerKind.POISSON,
        Map.of("pca-fit", "training-set")));
    assertThrows(InvalidInputException.class, () -> scheme("collab-dp", 2, SamplerKind.POISSON,
        Map.of("noise-draw", "batched")));
    assertThrows(InvalidInputException.class, () -> scheme("collab-dp", 2, SamplerKind.POISSON, Map.of("layers", "2")));
    assertEquals(ProjectionFit.PUBLIC, scheme("collab-dp-corrected", 2, SamplerKind.POISSON, Map.of()).projectionFit());
    assertEquals(ProjectionFit.TRAINING_SET, scheme("collab-dp", 2, SamplerKind.POISSON, Map.of()).projectionFit());
  }
}
