package org.dpaudit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat's tables and the distribution of its draws. Statistical checks use a fixed seed and
 * thresholds with a stated false-rejection rate for a correct sampler (1e-6 per check); a sampler
 * that accepts the wedges without testing them, or uses a 2% wrong scale, must fail the same checks.
 */
class ZigguratTest {
  static final int N = 2_000_000;
  static final double ALPHA = 1e-6;
  static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  /**
   * The bounded support SamplerTail's delta assumes: no draw beyond R + sqrt(106 ln 2), reached by
   * the tail method at its smallest words; the tail entered with probability below 1/128 per try
   * and accepting about 92% of its tries.
   */
  @Test
  void support_isBoundedWhereSamplerTailSaysItIs() {
    assertEquals(Ziggurat.R, org.dpaudit.core.accounting.SamplerTail.ZIGGURAT_EDGE, 0);
    double bound = org.dpaudit.core.accounting.SamplerTail.GAUSSIAN_BOUND;
    long enterTail = -1L << 7; // u just below 1 (beyond layer 0's rectangle), layer 0
    long smallestU2 = 0; // openUniform(0) = 2^-53
    // U1 at e^(-R T) (x = -T, the largest accepted): one ulp of U1 either side of acceptance
    long m = (long) Math.floor(Math.exp(-Ziggurat.R * Math.sqrt(106 * Math.log(2))) * 0x1.0p53) - 1;
    double largest = 0;
    for (long k = -3; k <= 3; k++) {
      long[] words = {enterTail, (m + k) << 11, smallestU2, -1L, -1L};
      int[] at = {0};
      double z = Ziggurat.next(() -> words[at[0]++]);
      assertTrue(z <= bound, "draw " + z + " beyond the bound " + bound);
      largest = Math.max(largest, z);
    }
    assertTrue(largest > bound - 1e-3, "the bound is reached (to the 2^-53 grid of U1): " + largest + " vs " + bound);
    // the tail is entered only from layer 0 beyond its rectangle; its method accepts a try with
    // probability R sqrt(2 pi) e^(R^2/2) P(Z > R)
    assertTrue((1 - Ziggurat.RATIO[0]) / Ziggurat.LAYERS < 1.0 / 128);
    double accept = Ziggurat.R * Math.sqrt(2 * Math.PI) * Math.exp(Ziggurat.R * Ziggurat.R / 2)
        * NORMAL.survivalProbability(Ziggurat.R);
    assertTrue(accept > 0.9 && accept < 1, "tail acceptance " + accept);
  }

  @Test
  void tables_haveEqualLayerAreas_andClose() {
    // Each layer i >= 1 is a rectangle of width X[i] between f(X[i]) and f(X[i+1]), f(x) = exp(-x^2/2),
    // of area V; the base strip is R f(R) plus the tail's mass. If R or V were wrong, the recursion
    // would not end at the top layer with the same area: the closure checks the constants.
    // R is given to 13 digits (Doornik 2005), so the top layer closes to about 1e-9 relative:
    // a probability error near 1e-11, far below anything a test or an attack can see.
    for (int i = 1; i < Ziggurat.LAYERS; i++) {
      double area = Ziggurat.X[i] * (f(Ziggurat.X[i + 1]) - f(Ziggurat.X[i]));
      assertEquals(Ziggurat.V, area, (i < Ziggurat.LAYERS - 1 ? 1e-12 : 1e-8) * Ziggurat.V, "layer " + i);
    }
    double tail = Math.sqrt(2 * Math.PI) * NORMAL.survivalProbability(Ziggurat.R);
    assertEquals(Ziggurat.V, Ziggurat.R * f(Ziggurat.R) + tail, 1e-9 * Ziggurat.V, "base strip");
    assertEquals(Ziggurat.V, Ziggurat.X[0] * f(Ziggurat.R), 1e-12 * Ziggurat.V, "base strip width");
  }

  @Test
  void uniforms_areSymmetric_neverZeroOrOne_andExact() {
    assertEquals(-(0x1.0p53 - 1) * 0x1.0p-53, Ziggurat.symmetricUniform(0L));
    assertEquals((0x1.0p53 - 1) * 0x1.0p-53, Ziggurat.symmetricUniform(-1L));
    assertEquals(0x1.0p-53, Ziggurat.symmetricUniform(1L << 63), "the smallest positive value, never 0");
    assertEquals(0x1.0p-53, Ziggurat.openUniform(0L), "never 0: its logarithm stays finite");
    assertEquals(1.0, Ziggurat.openUniform(-1L));
  }

  @Test
  void draws_haveStandardNormalMoments() {
    assertTrue(standardMoments(draws(1)), "mean, variance and kurtosis of N(0, 1)");
  }

  /**
   * Mean 0, variance 1 and kurtosis 3, each within 5 standard errors (1/sqrt(N), sqrt(2/N),
   * sqrt(24/N); about 6e-7 two-sided each for a correct sampler).
   */
  static boolean standardMoments(double[] z) {
    double mean = Arrays.stream(z).average().orElseThrow();
    double m2 = 0;
    double m4 = 0;
    for (double v : z) {
      double d = (v - mean) * (v - mean);
      m2 += d;
      m4 += d * d;
    }
    m2 /= z.length;
    m4 /= z.length;
    int n = z.length;
    return Math.abs(mean) < 5 / Math.sqrt(n) && Math.abs(m2 - 1) < 5 * Math.sqrt(2.0 / n)
        && Math.abs(m4 / (m2 * m2) - 3) < 5 * Math.sqrt(24.0 / n);
  }

  @Test
  void draws_followTheNormalLawOnTheLayerEdges_andInTheTails() {
    double[] z = draws(2);
    assertTrue(chiSquareOnLayerEdges(z) < critical(), "chi-square on the ziggurat's layer edges");
    long tail = Arrays.stream(z).filter(v -> Math.abs(v) > Ziggurat.R).count();
    double p = 2 * NORMAL.survivalProbability(Ziggurat.R);
    // P(|Z| > R) ~ 5.8e-4: about 1150 of 2e6, sd 34; 5 sd
    assertEquals(p * N, tail, 5 * Math.sqrt(N * p * (1 - p)), "mass beyond R (the tail algorithm)");
    assertTrue(Arrays.stream(z).allMatch(Double::isFinite));
  }

  @Test
  void theChecksCanFail_wedgesAcceptedUntested_orWrongScale() {
    CounterStream s = Randomness.seeded(3).counterStream("broken");
    double[] broken = new double[N];
    var w = s.at(0);
    for (int i = 0; i < N; i++) {
      long bits = w.nextLong();
      int layer = (int) (bits & (Ziggurat.LAYERS - 1));
      double u = Ziggurat.symmetricUniform(bits);
      // The bug: every candidate of a layer accepted (no wedge test, no tail algorithm).
      broken[i] = layer == 0 && Math.abs(u) >= Ziggurat.RATIO[0] ? Math.copySign(Ziggurat.R, u) : u * Ziggurat.X[layer];
    }
    // Accepting whole layers makes a staircase density: its bins on the layer edges hold the right
    // mass (so the chi-square below cannot see it), but its variance is 1.009, 9 standard errors off.
    assertFalse(standardMoments(broken), "untested wedges must be detected");
    double[] z = draws(4);
    double[] scaled = Arrays.stream(z).map(v -> 1.02 * v).toArray();
    assertFalse(chiSquareOnLayerEdges(scaled) < critical(), "2% too much noise must be detected");
  }

  @Test
  void sameSeedAndIndex_sameDraws_otherIndex_otherDraws() {
    double[] a = new double[1000];
    double[] b = new double[1000];
    double[] c = new double[1000];
    Randomness.seeded(5).counterStream("noise/gaussian").fillGaussians(7, a);
    Randomness.seeded(5).counterStream("noise/gaussian").fillGaussians(7, b);
    Randomness.seeded(5).counterStream("noise/gaussian").fillGaussians(8, c);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void bulkFill_isTheSamplerOnTheKeystream_blockByBlock_retriesAndTailsFromTheirOwnWords() {
    CounterStream s = Randomness.seeded(6).counterStream("x");
    int block = CounterStream.GAUSSIAN_BLOCK;
    double[] bulk = new double[block + 50_000]; // two blocks, several keystream chunks each
    s.fillGaussians(2, bulk);
    // Draw k of block b: word k from counter b << 40; a rejected draw reads on from (b << 40) + 2^32;
    // draws that reach the base strip's tail are drawn last, in order, from (b << 40) + 2^33.
    int rejected = 0;
    int tails = 0;
    for (int b = 0; b < 2; b++) {
      long first = (long) b << 40;
      var words = s.words(2, first);
      var retries = s.words(2, first + (1L << 32));
      var tailWords = s.words(2, first + (1L << 33));
      java.util.List<Integer> tailAt = new java.util.ArrayList<>();
      java.util.List<Boolean> tailNegative = new java.util.ArrayList<>();
      int size = Math.min(block, bulk.length - b * block);
      for (int k = 0; k < size; k++) {
        long w = words.next();
        double u = Ziggurat.symmetricUniform(w);
        int i = (int) (w & 127);
        if (Math.abs(u) < Ziggurat.RATIO[i]) {
          assertEquals(u * Ziggurat.X[i], bulk[b * block + k], "block " + b + ", draw " + k);
          continue;
        }
        rejected++;
        double z = Ziggurat.resolveOrTail(w, retries);
        if (Double.isInfinite(z)) {
          tailAt.add(k);
          tailNegative.add(z < 0);
        } else {
          assertEquals(z, bulk[b * block + k], "block " + b + ", draw " + k + " (rejected)");
        }
      }
      for (int j = 0; j < tailAt.size(); j++) {
        double z = Ziggurat.tail(tailWords, tailNegative.get(j));
        assertTrue(Math.abs(z) > Ziggurat.R);
        assertEquals(z, bulk[b * block + tailAt.get(j)], "block " + b + ", tail draw " + tailAt.get(j));
        tails++;
      }
    }
    assertTrue(tails > 10, "the tail path ran: " + tails);
    // A draw leaves the fast path with probability mean_i (1 - RATIO[i]), 2.76%: both paths ran, as often as they should.
    double p = 0;
    for (int i = 0; i < Ziggurat.LAYERS; i++) {
      p += (1 - Ziggurat.RATIO[i]) / Ziggurat.LAYERS;
    }
    assertEquals(p * bulk.length, rejected, 5 * Math.sqrt(bulk.length * p * (1 - p)));
    // Block 1 reads its own words, not block 0's again.
    assertFalse(Arrays.equals(Arrays.copyOfRange(bulk, 0, 1000), Arrays.copyOfRange(bulk, block, block + 1000)));
  }

  @Test
  void helperThread_andScale_doNotChangeTheValues() throws Exception {
    CounterStream s = Randomness.seeded(7).counterStream("noise/gaussian");
    int n = 3 * CounterStream.GAUSSIAN_BLOCK + 123;
    double[] alone = new double[n];
    s.fillGaussians(9, alone);
    java.nio.DoubleBuffer helped = java.nio.ByteBuffer.allocateDirect(8 * n).order(java.nio.ByteOrder.nativeOrder())
        .asDoubleBuffer();
    var helper = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      double scale = 0.9 / 256;
      s.fillGaussians(9, helped, scale, helper);
      for (int i = 0; i < n; i++) {
        assertEquals(alone[i] * scale, helped.get(i), "draw " + i);
      }
    } finally {
      helper.shutdown();
    }
  }

  private static double[] draws(long index) {
    double[] z = new double[N];
    Randomness.seeded(11).counterStream("noise/gaussian").fillGaussians(index, z);
    return z;
  }

  /** Pearson's statistic over the bins cut at every +-X[i] (i = 1..127) and at 0: 256 bins. */
  static double chiSquareOnLayerEdges(double[] z) {
    int layers = Ziggurat.LAYERS;
    double[] edges = new double[2 * layers - 1];
    for (int i = 1; i < layers; i++) { // X decreases with i: -X[1] < ... < -X[127] < 0 < X[127] < ... < X[1]
      edges[i - 1] = -Ziggurat.X[i];
      edges[2 * layers - 1 - i] = Ziggurat.X[i];
    }
    edges[layers - 1] = 0;
    long[] counts = new long[edges.length + 1];
    for (double v : z) {
      int k = Arrays.binarySearch(edges, v);
      counts[k >= 0 ? k : -k - 1]++;
    }
    double stat = 0;
    for (int b = 0; b < counts.length; b++) {
      double lo = b == 0 ? Double.NEGATIVE_INFINITY : edges[b - 1];
      double hi = b == edges.length ? Double.POSITIVE_INFINITY : edges[b];
      double expected = z.length * (NORMAL.cumulativeProbability(hi) - NORMAL.cumulativeProbability(lo));
      stat += (counts[b] - expected) * (counts[b] - expected) / expected;
    }
    return stat;
  }

  private static double critical() {
    return ChiSquaredDistribution.of(2 * Ziggurat.LAYERS - 1).inverseSurvivalProbability(ALPHA);
  }

  private static double f(double x) {
    return Math.exp(-0.5 * x * x);
  }
}
