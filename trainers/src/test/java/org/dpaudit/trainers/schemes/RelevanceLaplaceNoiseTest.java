package org.dpaudit.trainers.schemes;

import static org.dpaudit.trainers.StatTests.ks;
import static org.dpaudit.trainers.StatTests.ksCritical;
import static org.dpaudit.trainers.StatTests.laplaceCdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.schemes.SchemeFixtures.Plan;
import org.junit.jupiter.api.Test;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplace;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplaceCorrected;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatio;

/**
 * ADPPL and EnADPP add to each coordinate Laplace noise of its neuron's scale {@code b_q = base /
 * rho_q} (divided by E), and release withheld neurons (rho_q = 0) as exactly +0. Checked by
 * standardising each released coordinate, {@code (released - clipped mean) E / b_q}, which must be
 * standard Laplace: a Kolmogorov-Smirnov test at false-rejection rate 1e-6 over ~137,000
 * coordinates, fixed seed. The expected scales are laid out over the parameters here, independently
 * of the scheme's own layout code.
 */
class RelevanceLaplaceNoiseTest {
  static final Plan PLAN = new Plan(1000, 100, 20, 0.1);
  static final double E = 100;

  /** The standardised noise of every released coordinate; withheld ones are checked to be +0. */
  static double[] standardised(NDList released, NDList signal, List<Parameter> params, double[][] rho, double base) {
    List<Double> out = new ArrayList<>();
    for (int p = 0; p < params.size(); p++) {
      float[] got = released.get(p).toFloatArray();
      float[] sig = signal == null ? new float[got.length] : signal.get(p).toFloatArray();
      double[] r = rho[p / 2];
      int perNeuron = got.length / r.length; // weight rows of length `in`, or one bias entry
      for (int c = 0; c < got.length; c++) {
        double rq = r[c / perNeuron];
        if (rq == 0) {
          assertEquals(0, Float.floatToRawIntBits(got[c]), "a withheld coordinate is exactly +0");
        } else {
          out.add(((double) got[c] - sig[c]) / (base / E / rq));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static NDList clippedMean(RelevanceLaplace s, PerSampleGradients g) {
    return g.weightedSum(s.clipCoefficients(g).div(E));
  }

  @Test
  void enadppAsPublished_emptyBatch_isLaplaceOfScaleTwoGammaCOverEEpsilon_everywhere() {
    Randomness r = Randomness.seeded(21);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      var s = (RelevanceLaplace) SchemeFixtures.scheme("enadpp", 0.5, null, Map.of("clip-l1", "4"), PLAN,
          model.parameterCount());
      double base = 2 * 0.1 * 4 / (E * 0.5); // Delta_omega_t / epsilon = 2 gamma C / (|L| epsilon)
      assertEquals(base, s.baseScale(0), 1e-15);
      NDList out = s.privatize(null, SchemeFixtures.step(0, model, m, noise, PLAN, 0, r));
      double[][] ones = s.ratios(false, SchemeFixtures.step(0, model, m, noise, PLAN, 0, r));
      assertTrue(Arrays.stream(ones).flatMapToDouble(Arrays::stream).allMatch(v -> v == 1), "no batch, no preference");
      double[] z = standardised(out, null, model.network().parameters(), ones, base);
      assertEquals(model.parameterCount(), z.length);
      assertTrue(ks(z, RelevanceLaplaceNoiseTest::cdf) < ksCritical(z.length));
      double[] wrong = Arrays.stream(z).map(v -> v / 1.05).toArray();
      assertFalse(ks(wrong, RelevanceLaplaceNoiseTest::cdf) < ksCritical(z.length), "5% more noise must be detected");
    }
  }

  @Test
  void enadppAsPublished_withABatch_noisesEachNeuronAtItsOwnScale() {
    assertPerNeuronLaplace("enadpp", 22);
  }

  @Test
  void adpplAsPublished_withABatch_noisesEachNeuronAtItsOwnScale() {
    assertPerNeuronLaplace("adppl", 23);
  }

  static void assertPerNeuronLaplace(String name, long seed) {
    Randomness r = Randomness.seeded(seed);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      var s = (RelevanceLaplace) SchemeFixtures.scheme(name, 0.5, null, Map.of("clip-l1", "4"), PLAN,
          model.parameterCount());
      StepContext ctx = SchemeFixtures.step(3, model, m, noise, PLAN, 64, r);
      PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
      NDList out = s.privatize(g, ctx);
      double[][] rho = s.ratios(true, ctx);
      double[] z = standardised(out, clippedMean(s, g), model.network().parameters(), rho, s.baseScale(3));
      assertTrue(z.length > model.parameterCount() / 2, "most neurons released: " + z.length);
      assertTrue(ks(z, RelevanceLaplaceNoiseTest::cdf) < ksCritical(z.length), name);
      double[][] uniform = SchemeFixtures.uniformRatios(rho);
      double[] ignoringRatios = standardised(out, clippedMean(s, g), model.network().parameters(), uniform,
          s.baseScale(3));
      assertFalse(ks(ignoringRatios, RelevanceLaplaceNoiseTest::cdf) < ksCritical(ignoringRatios.length),
          "noise at one scale for every neuron must be told apart");
    }
  }

  /**
   * The corrected variant's ratios come from the weights alone: recomputed here with loops (the w^2
   * rule from 1/K per class, EnADPP's ratios per layer, divided by the largest), they must explain
   * the noise of a step with a batch.
   */
  @Test
  void enadppCorrected_noiseScalesFollowWeightsOnlyRelevance() {
    Randomness r = Randomness.seeded(24);
    try (DpModel model = SchemeFixtures.mlp(r); NDManager m = model.manager().newSubManager();
        NoiseSource noise = new NoiseSource(r)) {
      var s = (RelevanceLaplace) SchemeFixtures.scheme("enadpp-corrected", 2.0, null, Map.of("clip-l1", "4"),
          PLAN, model.parameterCount());
      StepContext ctx = SchemeFixtures.step(5, model, m, noise, PLAN, 64, r);
      PerSampleGradients g = model.network().perSampleGradients(ctx.inputs(), ctx.labels());
      NDList out = s.privatize(g, ctx);
      double[][] rho = wSquareRatios(model.network().parameters());
      double base = 4 / ((RelevanceLaplaceCorrected) s).perStepEpsilon();
      assertEquals(base, s.baseScale(5), 1e-12);
      double[] z = standardised(out, clippedMean(s, g), model.network().parameters(), rho, base);
      assertTrue(ks(z, RelevanceLaplaceNoiseTest::cdf) < ksCritical(z.length));
    }
  }

  /** w^2-rule relevance per dense layer, then EnADPP's ratios, normalised so that the largest is 1. */
  static double[][] wSquareRatios(List<Parameter> params) {
    int layers = params.size() / 2;
    double[][] relevance = new double[layers][];
    NDArray last = params.get(2 * (layers - 1)).getArray();
    relevance[layers - 1] = new double[(int) last.getShape().get(0)];
    Arrays.fill(relevance[layers - 1], 1.0 / relevance[layers - 1].length);
    for (int l = layers - 1; l > 0; l--) {
      double[] w = params.get(2 * l).getArray().toType(DataType.FLOAT64, false).toDoubleArray();
      int out = relevance[l].length;
      int in = w.length / out;
      double[] below = new double[in];
      for (int k = 0; k < out; k++) {
        double col = 0;
        for (int j = 0; j < in; j++) {
          col += w[k * in + j] * w[k * in + j];
        }
        for (int j = 0; j < in; j++) {
          below[j] += w[k * in + j] * w[k * in + j] / col * relevance[l][k];
        }
      }
      relevance[l - 1] = below;
    }
    double[][] rho = new double[layers][];
    double max = 0;
    for (int l = 0; l < layers; l++) {
      rho[l] = BudgetRatio.ENTROPY_GAIN.ratios(relevance[l]);
      max = Math.max(max, Arrays.stream(rho[l]).max().orElse(0));
    }
    for (double[] layer : rho) {
      for (int q = 0; q < layer.length; q++) {
        layer[q] /= max;
      }
    }
    return rho;
  }

  static double cdf(double x) {
    return laplaceCdf(x);
  }
}
