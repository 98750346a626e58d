package org.dpaudit.trainers.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

/**
 * A released gradient whose noise the update adds: the same bits as adding the noise and then
 * updating by the engine's operations (an independent path), and the rules that keep the un-noised
 * sum from escaping (consumed once, never after its draws are freed).
 */
class NoisyGradientTest {
  /** Gradient values spread over many binades, so that products meet weights of their own size. */
  private static float[] values(int n, long seed, float scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * scale * Math.pow(2, rng.nextInt(-6, 7)));
    }
    return v;
  }

  /**
   * Step after step (draws made ahead, a std and a rate that change), the fused update leaves each
   * weight with exactly {@code w - float32(lr) * float32(float64(g) + std z)} as the engine computes
   * it from {@code addNoise}'s noisy gradient, on two threads for the large array and in the
   * vector tail for the small one; an array beyond the weights (an audit tensor) comes back noisy,
   * in the same bits as {@code addNoise} gives it. A kernel that fused the product into the
   * difference, or skipped the noisy value's rounding to float32, fails here (both tried).
   */
  @Test
  void descend_isTheNoisyGradientThenTheEnginesUpdate_bitForBit() {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource fused = new NoiseSource(Randomness.seeded(11), NoiseSource.Mode.AHEAD);
        NoiseSource reference = new NoiseSource(Randomness.seeded(11), NoiseSource.Mode.INLINE)) {
      int big = 300 * 500; // above FusedNoiseAddition.PARALLEL_MIN: two threads where the engine has two
      double[] stds = {0.01, 0.01, 0.25, 1.0 / 3};
      double[] rates = {0.5, 0.5, 0.1, 1.0 / 3};
      float[] w0 = values(big, 1, 0.01f);
      float[] w1 = values(13, 2, 0.01f);
      NDArray fastBig = m.create(w0, new Shape(300, 500));
      NDArray fastSmall = m.create(w1);
      NDArray engineBig = m.create(w0, new Shape(300, 500));
      NDArray engineSmall = m.create(w1);
      for (int step = 0; step < stds.length; step++) {
        float[] g0 = values(big, 10 + step, 0.02f);
        float[] g1 = values(13, 20 + step, 0.02f);
        float[] audit = values(9, 30 + step, 1f);
        NDList expected = NoiseSource.addNoise(
            new NDList(m.create(g0, new Shape(300, 500)), m.create(g1), m.create(audit)),
            reference.gaussian(m, step, big + 13L + 9L, stds[step]));
        engineBig.subi(expected.get(0).mul(rates[step]));
        engineSmall.subi(expected.get(1).mul(rates[step]));

        NoisyGradient release = fused.gaussianRelease(
            new NDList(m.create(g0, new Shape(300, 500)), m.create(g1), m.create(audit)), m, step, stds[step]);
        NDList rest = release.descend(List.of(fastBig, fastSmall), rates[step]);
        assertNotNull(rest, "the kernels serve CPU arrays");
        assertEquals(1, rest.size());
        assertBits(expected.get(2).toFloatArray(), rest.get(0).toFloatArray(), "audit tensor, step " + step);
        assertBits(engineBig.toFloatArray(), fastBig.toFloatArray(), "large weight, step " + step);
        assertBits(engineSmall.toFloatArray(), fastSmall.toFloatArray(), "small weight, step " + step);
      }
    }
  }

  /**
   * The optimizer takes the fused pass for plain SGD and the materialised gradient otherwise
   * (momentum): either way the weights are what the noisy gradient's update gives.
   */
  @Test
  void optimizer_fusesPlainSgdOnly_andAgreesWithTheMaterialisedUpdate() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(5), NoiseSource.Mode.INLINE);
        NoiseSource b = new NoiseSource(Randomness.seeded(5), NoiseSource.Mode.INLINE)) {
      for (double momentum : new double[] {0, 0.9}) {
        float[] w = values(40, 3, 0.1f);
        float[] g = values(40, 4, 0.1f);
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
            .optArray(m.create(w, new Shape(8, 5))).build();
        Optimizer viaRelease = new Optimizer(OptimizerKind.SGD, momentum, m, List.of(new Shape(8, 5)));
        NDList rest = viaRelease.step(List.of(p), a.gaussianRelease(new NDList(m.create(g, new Shape(8, 5))), m, 0, 0.3),
            0.25);
        assertEquals(0, rest.size());
        assertEquals(1, viaRelease.updates());

        NDArray reference = m.create(w, new Shape(8, 5));
        Optimizer direct = new Optimizer(OptimizerKind.SGD, momentum, m, List.of(new Shape(8, 5)));
        direct.stepArrays(List.of(reference),
            NoiseSource.addNoise(new NDList(m.create(g, new Shape(8, 5))), b.gaussian(m, 0, 40, 0.3)), 0.25);
        assertBits(reference.toFloatArray(), p.getArray().toFloatArray(), "momentum " + momentum);
      }
    }
  }

  /**
   * The un-noised sum cannot leave: a gradient consumed by an update has no noisy values to give,
   * is not consumed twice, and is refused once its source has drawn again (its draws are freed).
   */
  @Test
  void aPendingGradientIsConsumedOnce_andOnlyWhileItsDrawsLive() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource source = new NoiseSource(Randomness.seeded(7), NoiseSource.Mode.INLINE)) {
      NDArray w = m.create(new float[] {1f, 2f, 3f});
      NoisyGradient once = source.gaussianRelease(new NDList(m.create(new float[] {0.5f, 0.5f, 0.5f})), m, 0, 1.0);
      NDList rest = once.descend(List.of(w), 0.1);
      if (rest != null) {
        assertThrows(IllegalStateException.class, once::materialize);
        assertThrows(IllegalStateException.class, () -> once.descend(List.of(w), 0.1));
      }

      NoisyGradient stale = source.gaussianRelease(new NDList(m.create(new float[] {0.5f, 0.5f, 0.5f})), m, 1, 1.0);
      source.standardGaussian(m, 2, 3);
      assertThrows(IllegalStateException.class, stale::materialize);
      assertThrows(IllegalStateException.class, () -> stale.descend(List.of(w), 0.1));

      NoisyGradient materialised = source.gaussianRelease(new NDList(m.create(new float[] {0f, 0f, 0f})), m, 3, 1.0);
      NDList noisy = materialised.materialize();
      assertSame(noisy, materialised.materialize(), "materialising again gives the same arrays");
      assertNull(materialised.descend(List.of(w), 0.1), "no fused pass once the noise is added");
      assertThrows(IllegalArgumentException.class,
          () -> source.gaussianRelease(new NDList(m.create(new float[2])), m, 4, 1.0).descend(List.of(w, w), 0.1));
    }
  }

  /**
   * Arrays the kernels cannot write (a weight that is a view of another's memory) are refused
   * before anything is touched: the gradient then materialises with the noise of a plain addition.
   */
  @Test
  void descend_refusesAWeightThatIsNotItsOwnMemory_touchingNothing() {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource source = new NoiseSource(Randomness.seeded(8), NoiseSource.Mode.INLINE);
        NoiseSource reference = new NoiseSource(Randomness.seeded(8), NoiseSource.Mode.INLINE)) {
      NDArray base = m.create(values(12, 9, 1f), new Shape(3, 4));
      NDArray view = base.transpose();
      float[] before = base.toFloatArray();
      float[] g = values(12, 10, 1f);
      NoisyGradient release = source.gaussianRelease(new NDList(m.create(g, new Shape(4, 3))), m, 0, 0.5);
      assertNull(release.descend(List.of(view), 0.1));
      assertArrayEquals(before, base.toFloatArray());
      NDList expected = NoiseSource.addNoise(new NDList(m.create(g, new Shape(4, 3))), reference.gaussian(m, 0, 12, 0.5));
      assertBits(expected.get(0).toFloatArray(), release.materialize().get(0).toFloatArray(), "materialised");
    }
  }

  private static void assertBits(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), what + ", value " + i);
    }
  }
}
