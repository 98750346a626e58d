package org.dpaudit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  /**
   * Golden sequence: pins the seeded derivation (SHA-256 child seed + L64X128MixRandom), so a JDK
   * or code change that alters seeded runs fails loudly. Regenerate only on purpose, and say so in
   * the commit: every seeded run recorded before then stops being reproducible.
   */
  @Test
  void seeded_goldenSequence_isPinned() {
    RandomGenerator g = Randomness.seeded(42).stream("noise");
    long[] got = {g.nextLong(), g.nextLong(), g.nextLong()};
    assertArrayEquals(GOLDEN_SEED42_NOISE, got);
  }

  // Computed on 2026-11-23 (OpenJDK 17.0.15) by a stand-alone script that re-implements the
  // documented derivation (SHA-256(seed as 8 big-endian bytes || UTF-8 name), first 8 bytes as the
  // L64X128MixRandom seed): a regression lock next to the determinism and independence checks.
  private static final long[] GOLDEN_SEED42_NOISE = {
    GoldenValues.SEED42_NOISE_0, GoldenValues.SEED42_NOISE_1, GoldenValues.SEED42_NOISE_2
  };

  @Test
  void seeded_sameSeedAndName_giveSameSequence() {
    RandomGenerator a = Randomness.seeded(7).stream("sampling");
    RandomGenerator b = Randomness.seeded(7).stream("sampling");
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
  }

  @Test
  void seeded_differentNames_giveDifferentSequences() {
    Randomness r = Randomness.seeded(7);
    RandomGenerator a = r.stream("sampling");
    RandomGenerator b = r.stream("noise");
    int equal = 0;
    for (int i = 0; i < 100; i++) {
      if (a.nextLong() == b.nextLong()) {
        equal++;
      }
    }
    assertEquals(0, equal);
  }

  @Test
  void seeded_differentNames_areUncorrelated() {
    // Pearson correlation of 20000 uniform pairs: |r| < 5/sqrt(n) fails with probability < 1e-6.
    Randomness r = Randomness.seeded(3);
    RandomGenerator a = r.stream("x");
    RandomGenerator b = r.stream("y");
    int n = 20000;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      double x = a.nextDouble();
      double y = b.nextDouble();
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    double cov = sxy / n - sx / n * sy / n;
    double corr = cov / Math.sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
    assertTrue(Math.abs(corr) < 5 / Math.sqrt(n), "correlation " + corr);
  }

  @Test
  void addingAConsumer_doesNotShiftAnotherStream() {
    Randomness r1 = Randomness.seeded(9);
    long before = r1.stream("noise").nextLong();
    Randomness r2 = Randomness.seeded(9);
    r2.stream("shadow/0").nextLong();
    assertEquals(before, r2.stream("noise").nextLong());
  }

  @Test
  void secure_streamsAreDrbg_andUnseeded() {
    Randomness r = Randomness.secure();
    assertTrue(r.stream("noise") instanceof SecureRandom);
    assertEquals("DRBG", ((SecureRandom) r.stream("noise")).getAlgorithm());
    assertFalse(r.seed().isPresent());
    assertNull(r.describe().seed());
    assertEquals(RandomnessMode.SECURE, r.describe().mode());
  }

  @Test
  void secure_twoStreamsDiffer() {
    Randomness r = Randomness.secure();
    assertNotEquals(r.stream("a").nextLong(), r.stream("a").nextLong());
  }

  @Test
  void describe_recordsStreamNamesWithNumbersCollapsed() {
    Randomness r = Randomness.seeded(1);
    r.stream("noise/step/12");
    r.stream("noise/step/13");
    r.stream("split");
    RandomnessRecord d = r.describe();
    assertEquals(List.of("noise/step/*", "split"), d.streams());
    assertEquals(1L, d.seed());
  }

  @Test
  void keyMaterial_seededIsDeterministicAndNameDependent() {
    byte[] a = Randomness.seeded(5).keyMaterial("noise", 44);
    byte[] b = Randomness.seeded(5).keyMaterial("noise", 44);
    byte[] c = Randomness.seeded(5).keyMaterial("noise2", 44);
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c));
    assertEquals(44, a.length);
  }
}
