package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * The clipping coefficients' host arithmetic: each value as the definition rounds it, the clipping
 * bound kept, the engine's path within an ulp, and the host path taken where the native kernels
 * serve a step (and only there).
 */
class HostClippingTest {
  /**
   * Each coefficient against the definition computed exactly (BigDecimal) and rounded to float32 at
   * each of its three steps: an independent path to the same bits.
   */
  @Test
  void coefficients_areTheDefinitionRoundedAtEachStep() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] norms = new float[20_000];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = i % 2 == 0 ? (float) rng.nextDouble(0, 5) : (float) Math.exp(rng.nextDouble(-30, 30));
    }
    norms[0] = 0f;
    for (double[] bd : new double[][] {{1.0, 256}, {0.1, 590}, {3.7, 255.47}, {1e-3, 1}}) {
      float[] c = HostClipping.coefficients(norms, bd[0], bd[1]);
      for (int i = 0; i < norms.length; i++) {
        float sum = exactlyRounded(new BigDecimal(norms[i]).add(new BigDecimal((float) PerExampleScheme.NORM_EPSILON)));
        float quotient = exactlyRounded(new BigDecimal((float) bd[0]).divide(new BigDecimal(sum), MathContext.DECIMAL128));
        float clipped = Math.min(1f, quotient);
        float expected = exactlyRounded(new BigDecimal(clipped).divide(new BigDecimal((float) bd[1]), MathContext.DECIMAL128));
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(c[i]), "norm " + norms[i] + ", bound/divisor " + bd[0] + "/" + bd[1]);
      }
    }
  }

  /**
   * Round to nearest float32 (ties to even). The sum is exact here; the quotients carry 34 digits
   * (about 113 bits), and a quotient of two floats is either a float32 tie exactly or further from
   * one than 2^-60 relative, so rounding twice cannot differ from rounding once.
   */
  private static float exactlyRounded(BigDecimal v) {
    return v.floatValue();
  }

  /** {@code n} norms e^u, u uniform in (-span, span): many orders of magnitude either side of 1. */
  private static float[] logUniformNorms(long seed, int n, double span) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] norms = new float[n];
    for (int i = 0; i < n; i++) {
      norms[i] = (float) Math.exp(rng.nextDouble(-span, span));
    }
    return norms;
  }

  /** The clipped norm is at most the bound (to float32 rounding): the sensitivity the accountant assumes. */
  @Test
  void clippedNorms_stayWithinTheBound() {
    float[] norms = logUniformNorms(4, 50_000, 20);
    for (double bound : new double[] {1e-3, 0.1, 1, 4, 1e3}) {
      float[] c = HostClipping.coefficients(norms, bound, 1);
      for (int i = 0; i < norms.length; i++) {
        assertTrue(c[i] <= 1f);
        assertTrue((double) c[i] * norms[i] <= bound * (1 + 0x1.0p-22), "norm " + norms[i] + ": " + c[i] * norms[i]);
      }
    }
  }

  @Test
  void specialNorms_zeroInfinityAndNaN() {
    float[] c = HostClipping.coefficients(new float[] {0f, Float.POSITIVE_INFINITY, Float.NaN}, 1, 2);
    assertEquals(0.5f, c[0]); // min(1, 1 / 1e-6) / 2
    assertEquals(0f, c[1]);
    assertTrue(Float.isNaN(c[2]), "a NaN norm must not be clipped into a number");
    assertThrows(IllegalArgumentException.class, () -> HostClipping.coefficients(new float[1], 1, 0));
    assertThrows(IllegalArgumentException.class, () -> HostClipping.coefficients(new float[1], Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> HostClipping.coefficients(new float[1], -1, 1));
    assertEquals(0f, HostClipping.coefficients(new float[] {3f}, 0, 1)[0], "a bound of 0 clips to 0");
  }

  /** The engine's path (reciprocal by power, product, minimum, division) agrees to an ulp or two. */
  @Test
  void coefficients_agreeWithTheEnginesOperations() {
    float[] norms = logUniformNorms(5, 4096, 10);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray n = m.create(norms);
      float[] engine = n.add(PerExampleScheme.NORM_EPSILON).pow(-1).mul(1.3).minimum(1f).div(256.0).toFloatArray();
      float[] host = HostClipping.coefficients(norms, 1.3, 256);
      for (int i = 0; i < norms.length; i++) {
        assertTrue(Math.abs(engine[i] - host[i]) <= 2 * Math.ulp(host[i]), "norm " + norms[i] + ": " + engine[i] + " vs " + host[i]);
      }
    }
  }

  /**
   * On the CPU with the native kernels, a step's norms and DP-SGD's coefficients are the host's:
   * the norms the float32 sum of the layers' squared norms and its correctly rounded root, the
   * coefficients {@link HostClipping#coefficients} of them, bit for bit.
   */
  @Test
  void aCpuStep_takesTheHostPath() {
    assumeTrue(NativeKernels.available());
    assertTrue(PerSampleGradients.hostArithmetic(Device.cpu()));
    Randomness r = Randomness.seeded(9);
    try (DpModel model = DpModel.create(ModelZoo.get("cnn", new int[] {1, 28, 28}, 10), Device.cpu(),
        ConvGradMethod.AUTO, r.stream("init")); NDManager m = model.manager().newSubManager()) {
      RandomGenerator rng = r.stream("data");
      NDArray x = TensorFixtures.uniform(m, rng, 24, 1, 28, 28);
      NDArray y = TensorFixtures.labels(m, rng, 24, 10);
      PerSampleGradients g = model.network().perSampleGradients(x, y);
      float[] host = g.normsOnHost();
      assertNotNull(host);
      float[] total = new float[host.length];
      for (int l = 0; l < g.layerCount(); l++) {
        float[] s = g.layerSquaredNorms(l).toFloatArray();
        for (int i = 0; i < total.length; i++) {
          total[i] += s[i];
        }
      }
      for (int i = 0; i < total.length; i++) {
        assertEquals(Float.floatToIntBits((float) Math.sqrt(total[i])), Float.floatToIntBits(host[i]), "example " + i);
      }
      assertArrayEquals(host, g.norms().toFloatArray());
      DpSgdScheme s = new DpSgdScheme("dpsgd", 0.05, 1.0, 0.1, new PrivacyClaim(1, 1e-5, "t"));
      assertArrayEquals(HostClipping.coefficients(host, 0.05, 2.4), s.clipCoefficients(g, 2.4).toFloatArray());
      assertArrayEquals(HostClipping.coefficients(host, 0.05, 1), s.clipCoefficients(g).toFloatArray());
    }
  }

  @Test
  void otherDevices_takeTheEnginesPath() {
    assertTrue(!PerSampleGradients.hostArithmetic(Device.gpu()));
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      assertEquals(NativeKernels.available(), HostClipping.serves(m.create(new float[] {1f})));
      assertTrue(!HostClipping.serves(m.create(new double[] {1.0})), "float64 norms are the engine's");
    }
  }
}
