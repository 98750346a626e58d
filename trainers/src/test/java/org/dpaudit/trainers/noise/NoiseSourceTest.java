package org.dpaudit.trainers.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

/**
 * The noise has the distribution and scale it must have. Each check is a statistical test with a
 * fixed seed and a stated false-rejection rate (at most 1e-6 per check for a correct sampler): the
 * seeded stream makes the test deterministic, the threshold makes it meaningful.
 */
class NoiseSourceTest {
  static final int N = 400_000;

  /** Kolmogorov-Smirnov critical value at alpha = 1e-6: sqrt(ln(2/alpha) / (2n)). */
  static double ksCritical(int n) {
    return Math.sqrt(Math.log(2 / 1e-6) / (2.0 * n));
  }

  static double ks(double[] x, java.util.function.DoubleUnaryOperator cdf) {
    double[] s = x.clone();
    Arrays.sort(s);
    double d = 0;
    for (int i = 0; i < s.length; i++) {
      double f = cdf.applyAsDouble(s[i]);
      d = Math.max(d, Math.max(f - (double) i / s.length, (double) (i + 1) / s.length - f));
    }
    return d;
  }

  @Test
  void gaussian_hasTheRequestedStandardDeviation_andNormalShape() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(1))) {
      double std = 2.5;
      double[] z = src.gaussian(m, 0, N, std).toDoubleArray();
      double mean = Arrays.stream(z).average().orElseThrow();
      double var = Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (N - 1);
      // mean: sd std/sqrt(N) = 0.004; 5 sd ~ 6e-7 two-sided. variance: sd std^2 sqrt(2/N) = 0.014
      assertEquals(0, mean, 5 * std / Math.sqrt(N));
      assertEquals(std * std, var, 5 * std * std * Math.sqrt(2.0 / N));
      NormalDistribution normal = NormalDistribution.of(0, std);
      assertTrue(ks(z, normal::cumulativeProbability) < ksCritical(N), "KS statistic too large");
    }
  }

  @Test
  void laplace_hasTheRequestedScale_andLaplaceShape() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(2))) {
      double b = 0.7;
      double[] z = src.laplace(m, 3, N, b).toDoubleArray();
      double meanAbs = Arrays.stream(z).map(Math::abs).average().orElseThrow();
      // E|X| = b, Var|X| = b^2: 5 sd of the mean of |X|
      assertEquals(b, meanAbs, 5 * b / Math.sqrt(N));
      LaplaceDistribution laplace = LaplaceDistribution.of(0, b);
      assertTrue(ks(z, laplace::cumulativeProbability) < ksCritical(N), "KS statistic too large");
      assertTrue(Arrays.stream(z).allMatch(Double::isFinite), "no infinities (no uniform of 0)");
    }
  }

  @Test
  void theTestCanFail_aWrongScaleIsRejected() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(1))) {
      double[] z = src.gaussian(m, 0, N, 2.6).toDoubleArray();
      NormalDistribution claimed = NormalDistribution.of(0, 2.5);
      assertFalse(ks(z, claimed::cumulativeProbability) < ksCritical(N), "4% too much noise must be detected");
    }
  }

  @Test
  void inlineOnTwoThreads_andAhead_giveTheSameValues_andOneThreadToo() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(12), NoiseSource.Mode.AHEAD);
        NoiseSource b = new NoiseSource(Randomness.seeded(12), NoiseSource.Mode.INLINE)) {
      long n = 3L * org.dpaudit.core.random.CounterStream.GAUSSIAN_BLOCK + 7; // blocks made on both threads
      double[] one = new double[(int) n];
      Randomness.seeded(12).counterStream("noise/gaussian").fillGaussians(2, one);
      for (int step = 0; step < 3; step++) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
          double[] za = a.gaussian(m, step, n, 0.5).toDoubleArray();
          double[] zb = b.gaussian(m, step, n, 0.5).toDoubleArray();
          assertArrayEquals(za, zb, "step " + step);
          if (step == 2) {
            for (int j = 0; j < n; j++) {
              assertEquals(0.5 * one[j], zb[j], "draw " + j);
            }
          }
        }
      }
    }
  }

  /**
   * On a machine whose cores are all busy, the idle-class thread may never start on the next
   * step's noise (it makes the arrays too): the step then makes its noise itself, the same values,
   * instead of waiting for a thread that runs only when a core is idle (with the thread held here,
   * waiting would never end).
   */
  @Test
  void noiseTheIdleThreadNeverStarted_isMadeByTheCaller_withTheSameValues() throws Exception {
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(9), NoiseSource.Mode.AHEAD);
        NoiseSource b = new NoiseSource(Randomness.seeded(9), NoiseSource.Mode.INLINE);
        AutoCloseable release = held::countDown) { // closed first: the sources' close waits for the thread
      long n = 2L * org.dpaudit.core.random.CounterStream.GAUSSIAN_BLOCK + 3;
      a.occupyPrefetcher(() -> {
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      double[][] za = new double[2][];
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
        za[0] = a.standardGaussian(m, 0, n).toDoubleArray(); // queues step 1's arrays behind the held task
        za[1] = a.standardGaussian(m, 1, n).toDoubleArray();
      });
      held.countDown();
      assertArrayEquals(b.standardGaussian(m, 0, n).toDoubleArray(), za[0]);
      assertArrayEquals(b.standardGaussian(m, 1, n).toDoubleArray(), za[1]);
    }
  }

  @Test
  void seededNoise_isReproducible_perStep_andPrefetchDoesNotChangeIt() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(5), NoiseSource.Mode.AHEAD);
        NoiseSource b = new NoiseSource(Randomness.seeded(5), NoiseSource.Mode.INLINE)) {
      double[] a0 = a.gaussian(m, 0, 1001, 1).toDoubleArray();
      double[] a1 = a.gaussian(m, 1, 1001, 1).toDoubleArray();
      double[] b1 = b.gaussian(m, 1, 1001, 1).toDoubleArray();
      assertArrayEquals(a1, b1);
      assertFalse(Arrays.equals(a0, a1));
      assertEquals(1001, a1.length);
    }
  }

  @Test
  void addNoise_isOneDrawPerCoordinate_inFloat64_roundedToFloat32() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDList grads = new NDList(m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2)), m.create(new float[] {5f}));
      NDArray noise = m.create(new double[] {0.5, 0.25, 1e-9, -1, 2});
      NDList out = NoiseSource.addNoise(grads, noise);
      assertArrayEquals(new float[] {1.5f, 2.25f, 3f, 3f}, out.get(0).toFloatArray());
      assertArrayEquals(new float[] {7f}, out.get(1).toFloatArray());
    }
  }

  @Test
  void perCoordinateLaplace_hasEachCoordinatesScale_andZeroScaleGivesZero() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(9))) {
      double[] b = new double[N];
      for (int j = 0; j < N; j++) {
        b[j] = j % 10 == 0 ? 0 : 0.01 * (1 + j % 7) * Math.pow(10, j % 3);
      }
      double[] z = src.laplace(m, 4, m.create(b)).toDoubleArray();
      double[] standardised = new double[N - N / 10];
      int k = 0;
      for (int j = 0; j < N; j++) {
        if (b[j] == 0) {
          assertEquals(0, Math.abs(z[j]), "zero scale, zero noise at " + j);
        } else {
          standardised[k++] = z[j] / b[j];
        }
      }
      // z_j / b_j must be standard Laplace whatever b_j is: KS at alpha 1e-6
      assertTrue(ks(standardised, x -> x < 0 ? 0.5 * Math.exp(x) : 1 - 0.5 * Math.exp(-x)) < ksCritical(k),
          "scaled Laplace noise is not Laplace(b_j)");
    }
  }

  @Test
  void perCoordinateLaplace_refusesNegativeInfiniteOrNanScales() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(9))) {
      for (double bad : new double[] {-1e-9, Double.POSITIVE_INFINITY, Double.NaN}) {
        assertThrows(InvalidInputException.class, () -> src.laplace(m, 0, m.create(new double[] {1, bad})));
      }
    }
  }

  @Test
  void aStdThatChangesEveryStep_scalesTheSameStandardDraws_prefetchedOrNot() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(6), NoiseSource.Mode.AHEAD);
        NoiseSource b = new NoiseSource(Randomness.seeded(6), NoiseSource.Mode.INLINE)) {
      for (int step = 0; step < 3; step++) {
        double std = 2.0 / (1 + step);
        double[] za = a.gaussian(m, step, 1001, std).toDoubleArray();
        double[] zb = b.standardGaussian(m, step, 1001).toDoubleArray();
        for (int j = 0; j < za.length; j++) {
          assertEquals(std * zb[j], za[j], 1e-12 * Math.abs(za[j]) + 1e-300);
        }
      }
    }
  }

  /**
   * A constant standard deviation is applied ahead, on the background thread: the values must be
   * exactly those of the standard draws times the std, as made without prefetching.
   */
  @Test
  void aConstantStd_scaledAhead_givesExactlyTheInlineValues() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource a = new NoiseSource(Randomness.seeded(8), NoiseSource.Mode.AHEAD);
        NoiseSource b = new NoiseSource(Randomness.seeded(8), NoiseSource.Mode.INLINE)) {
      double std = 0.9 / 256;
      for (int step = 0; step < 4; step++) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
          double[] za = a.gaussian(m, step, 10_001, std).toDoubleArray();
          double[] zb = b.gaussian(m, step, 10_001, std).toDoubleArray();
          assertArrayEquals(zb, za, "step " + step);
        }
      }
    }
  }

  /**
   * The fused CPU addition gives the engine's float32(float64(g) + z) bit for bit, for arrays that
   * span several passes, a non-contiguous gradient, and odd sizes.
   */
  @Test
  void fusedAddition_equalsTheEngineOperations_bitForBit() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu()); NoiseSource src = new NoiseSource(Randomness.seeded(4))) {
      java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
      float[] big = new float[400 * 200]; // 160,003 coordinates: summed on two threads
      for (int i = 0; i < big.length; i++) {
        big[i] = (float) rng.nextGaussian() * 1e-3f;
      }
      NDList grads = new NDList(m.create(big, new Shape(400, 200)).transpose(), m.create(new float[] {1f, -2f, 3e-8f}),
          m.create(big, new Shape(200, 400)));
      long n = 2L * big.length + 3;
      assertTrue(n > FusedNoiseAddition.PARALLEL_MIN);
      NDArray z = src.gaussian(m, 0, n, 0.01);
      assertTrue(FusedNoiseAddition.applies(grads, z));
      NDList fused = NoiseSource.addNoise(grads, z);
      NDList engine = NoiseSource.engineAdd(grads, z);
      for (int i = 0; i < grads.size(); i++) {
        assertEquals(grads.get(i).getShape(), fused.get(i).getShape());
        assertArrayEquals(engine.get(i).toFloatArray(), fused.get(i).toFloatArray(), "array " + i);
      }
      assertThrows(IllegalArgumentException.class, () -> NoiseSource.addNoise(grads, z.get("1:")));
    }
  }

  /**
   * The Java sums, used where the native kernel does not run, round as the engine does: float64 sum,
   * then float32, over several chunks and from offsets into both buffers.
   */
  @Test
  void fusedAdditionInJava_roundsAsTheEngineDoes() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
    int n = 3 * (1 << 13) + 5;
    java.nio.FloatBuffer g = java.nio.FloatBuffer.allocate(n + 3);
    java.nio.DoubleBuffer z = java.nio.DoubleBuffer.allocate(n + 7);
    java.nio.FloatBuffer out = java.nio.FloatBuffer.allocate(n + 3);
    for (int i = 0; i < n + 3; i++) {
      g.put(i, (float) (rng.nextGaussian() * 1e-3));
    }
    for (int i = 0; i < n + 7; i++) {
      z.put(i, rng.nextGaussian() * 1e-2);
    }
    FusedNoiseAddition.javaSegment(g, out, 3, z, 7, 1.0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(Float.floatToRawIntBits((float) ((double) g.get(3 + i) + z.get(7 + i))),
          Float.floatToRawIntBits(out.get(3 + i)), "value " + i);
    }
    assertEquals(0f, out.get(0)); // nothing written before the segment
    FusedNoiseAddition.javaSegment(g, out, 3, z, 7, 1.0 / 3, n);
    for (int i = 0; i < n; i++) {
      assertEquals(Float.floatToRawIntBits((float) ((double) g.get(3 + i) + z.get(7 + i) * (1.0 / 3))),
          Float.floatToRawIntBits(out.get(3 + i)), "value " + i + ", scaled");
    }
  }

  /**
   * addGaussian gives exactly addNoise(grads, gaussian(..., std)): the same draws, the product and
   * the sum each rounded once, step after step of draws made ahead (standard draws, scaled in the
   * addition) and with a std that changes; contiguous gradients are overwritten in place, a
   * non-contiguous one is left alone (its sums go to a new array); a silent source adds zeros.
   */
  @Test
  void addGaussian_equalsAddNoiseOfScaledDraws_bitForBit() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource fused = new NoiseSource(Randomness.seeded(6), NoiseSource.Mode.AHEAD);
        NoiseSource reference = new NoiseSource(Randomness.seeded(6), NoiseSource.Mode.INLINE)) {
      java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
      float[] big = new float[300 * 500]; // 150,005 coordinates: summed on two threads where the engine has two
      for (int i = 0; i < big.length; i++) {
        big[i] = (float) rng.nextGaussian() * 1e-3f;
      }
      double[] stds = {0.01, 0.01, 0.25, 1.0 / 3};
      for (int step = 0; step < stds.length; step++) {
        NDArray contiguous = m.create(big, new Shape(300, 500));
        NDArray view = m.create(new float[] {1f, -2f, 3e-8f, -0f, 5f, 6f}, new Shape(2, 3)).transpose();
        float[] viewBefore = view.toFloatArray();
        NDList grads = new NDList(contiguous, view);
        NDList expected = NoiseSource.addNoise(grads, reference.gaussian(m, step, big.length + 6L, stds[step]));
        NDList got = fused.addGaussian(grads, m, step, stds[step]);
        for (int i = 0; i < grads.size(); i++) {
          assertEquals(expected.get(i).getShape(), got.get(i).getShape());
          assertArrayEquals(expected.get(i).toFloatArray(), got.get(i).toFloatArray(), "step " + step + ", array " + i);
        }
        assertSame(contiguous, got.get(0), "written in place");
        assertArrayEquals(expected.get(0).toFloatArray(), contiguous.toFloatArray());
        assertNotSame(view, got.get(1));
        assertArrayEquals(viewBefore, view.toFloatArray(), "a non-contiguous gradient is not written");
      }
      NDArray g = m.create(new float[] {-0f, 1.5f});
      NDList silent = NoiseSource.silent().addGaussian(new NDList(g), m, 0, 3.0);
      assertArrayEquals(NoiseSource.addNoise(new NDList(m.create(new float[] {-0f, 1.5f})), m.zeros(new Shape(2),
          ai.djl.ndarray.types.DataType.FLOAT64)).get(0).toFloatArray(), silent.get(0).toFloatArray());
      assertThrows(InvalidInputException.class, () -> fused.addGaussian(new NDList(g), m, 9, -1.0));
    }
  }

  /**
   * On Linux the thread that makes noise ahead runs in the idle scheduling class (policy 5 in
   * /proc), so it never takes a core from the training step's own threads.
   */
  @Test
  void theThreadMakingNoiseAhead_runsInTheIdleSchedulingClass() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(BackgroundPriority.SUPPORTED, "Linux only");
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        NoiseSource s = new NoiseSource(Randomness.seeded(3), NoiseSource.Mode.AHEAD)) {
      s.standardGaussian(m, 0, 1000); // starts the background thread on step 1's draws
      s.standardGaussian(m, 1, 1000);
      boolean found = false;
      try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
        for (java.nio.file.Path t : tasks.toList()) {
          String comm;
          String stat;
          try {
            comm = java.nio.file.Files.readString(t.resolve("comm")).trim();
            stat = java.nio.file.Files.readString(t.resolve("stat"));
          } catch (java.nio.file.NoSuchFileException exited) {
            continue; // a thread of the JVM (not ours: the source is open) ended after the listing
          }
          if (comm.startsWith("dpaudit-noise")) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // the prefetch thread in the idle class; the helper, which joins when the step waits, not
            boolean prefetch = comm.startsWith("dpaudit-noise-p");
            assertEquals(prefetch ? "5" : "0", fields[38], "scheduling policy of " + comm + " (field 41 of stat)");
            found |= prefetch;
          }
        }
      }
      assertTrue(found, "no noise thread found");
    }
  }

  /**
   * Closing the source while its background thread is still making the next step's noise must wait
   * for it: freeing the arrays under the running task crashed the JVM once in CI. The draw is large
   * enough (tens of milliseconds) that a close which does not wait returns while the task runs.
   */
  @Test
  void closeWhileThePrefetchRuns_waitsForIt_insteadOfFreeingItsMemory() throws InterruptedException {
    int caught = 0;
    for (int i = 0; i < 5; i++) {
      try (NDManager m = NDManager.newBaseManager()) {
        NoiseSource s = new NoiseSource(Randomness.seeded(i), NoiseSource.Mode.AHEAD);
        s.standardGaussian(m, 0, 8_000_000); // queues step 1's draws (tens of ms) on the background thread
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!someThreadIsMakingNoise(s.threadSuffix()) && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        caught += someThreadIsMakingNoise(s.threadSuffix()) ? 1 : 0; // close called while it runs
        s.close();
        assertFalse(someThreadIsMakingNoise(s.threadSuffix()),
            "close returned while its background thread was still making noise");
      }
    }
    assertTrue(caught > 0, "the background thread was never caught making noise: the test proved nothing");
  }

  /**
   * The caller's manager may be closed before the source while the next step's noise is being made
   * ahead: the source keeps its arrays in a manager of its own, so nothing is freed under the
   * background thread, and the noise made ahead is still the stream's next draws.
   */
  @Test
  void callersManagerClosedFirst_whileThePrefetchRuns_freesNothingTheSourceStillWrites() {
    double[] expected;
    try (NDManager m = NDManager.newBaseManager();
        NoiseSource inline = new NoiseSource(Randomness.seeded(7), NoiseSource.Mode.INLINE)) {
      inline.standardGaussian(m, 0, 2_000_000);
      expected = inline.standardGaussian(m, 1, 2_000_000).toDoubleArray();
    }
    try (NoiseSource s = new NoiseSource(Randomness.seeded(7), NoiseSource.Mode.AHEAD)) {
      NDManager first = NDManager.newBaseManager();
      s.standardGaussian(first, 0, 2_000_000); // queues step 1's draws on the background thread
      first.close(); // while they are being made
      try (NDManager second = NDManager.newBaseManager()) {
        assertArrayEquals(expected, s.standardGaussian(second, 1, 2_000_000).toDoubleArray(),
            "the draws made ahead for step 1");
      }
    }
  }

  /** Whether a live thread of the source whose threads end with {@code suffix} is inside the code that makes noise. */
  private static boolean someThreadIsMakingNoise(String suffix) {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("dpaudit-noise") && e.getKey().getName().endsWith(suffix)
            && e.getKey().isAlive())
        .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(GaussianFillName.NAME)
            || f.getClassName().startsWith(NoiseDraws.class.getName()) && f.getMethodName().startsWith("make")));
  }

  private static final class GaussianFillName {
    static final String NAME = org.dpaudit.core.random.GaussianFill.class.getName();
  }
}
