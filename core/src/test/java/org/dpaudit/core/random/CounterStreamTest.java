package org.dpaudit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CounterStreamTest {
  @Test
  void seeded_isDeterministicPerIndex_andIndicesDiffer() {
    double[] a = new double[1000];
    double[] b = new double[1000];
    double[] c = new double[1000];
    Randomness.seeded(1).counterStream("noise").fillUniforms(5, a);
    Randomness.seeded(1).counterStream("noise").fillUniforms(5, b);
    Randomness.seeded(1).counterStream("noise").fillUniforms(6, c);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void reader_andBulkFill_readTheSameKeystream() {
    CounterStream s = Randomness.seeded(2).counterStream("x");
    double[] bulk = new double[20000];
    s.fillUniforms(3, bulk);
    RandomGenerator g = s.at(3);
    for (int i = 0; i < bulk.length; i++) {
      assertEquals(bulk[i], (g.nextLong() >>> 11) * 0x1.0p-53, "at " + i);
    }
  }

  /**
   * The words of a Gaussian fill's block b are AES-256 of the counter blocks (index || (b << 40) +
   * j), computed here independently through ECB (dpaudit's previous keystream code), little-endian
   * longs: the CTR cipher with restarts reads exactly those bytes, across a chunk boundary too.
   */
  @Test
  void words_fromABlockCounter_areAesOfTheCounterBlocks() throws Exception {
    byte[] key = Randomness.seeded(3).keyMaterial("x", 32);
    CounterStream s = Randomness.seeded(3).counterStream("x");
    javax.crypto.Cipher ecb = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"));
    long index = 11;
    CounterStream.Words words = s.words(index, 0);
    for (long first : new long[] {3L << 40, 1L << 40, 0}) {
      words.restart(first);
      int n = 2 * CounterStream.CHUNK_LONGS + 6;
      for (int j = 0; j < n; j += 2) {
        byte[] counter = java.nio.ByteBuffer.allocate(16).putLong(index).putLong(first + j / 2).array();
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.wrap(ecb.doFinal(counter)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected.getLong(0), words.next(), "block counter " + first + ", word " + j);
        assertEquals(expected.getLong(8), words.next(), "block counter " + first + ", word " + (j + 1));
      }
    }
  }

  @Test
  void openUniforms_areInHalfOpenUnitInterval_withUniformMoments() {
    // n = 2e5 uniforms: mean 1/2 with sd 0.00065, variance 1/12 with sd 0.00019; 6-sigma bands fail
    // with probability ~2e-9 each.
    double[] u = new double[200_000];
    Randomness.seeded(3).counterStream("u").fillOpenUniforms(0, u);
    double sum = 0;
    double sq = 0;
    for (double v : u) {
      assertTrue(v > 0 && v <= 1, "out of (0, 1]: " + v);
      sum += v;
      sq += v * v;
    }
    double mean = sum / u.length;
    double var = sq / u.length - mean * mean;
    assertEquals(0.5, mean, 6 * Math.sqrt(1.0 / 12 / u.length));
    assertEquals(1.0 / 12, var, 6 * Math.sqrt(1.0 / 180 / u.length));
  }

  @Test
  void secure_streamsDifferBetweenRuns() {
    double[] a = new double[10];
    double[] b = new double[10];
    Randomness.secure().counterStream("noise").fillUniforms(0, a);
    Randomness.secure().counterStream("noise").fillUniforms(0, b);
    assertFalse(Arrays.equals(a, b));
  }
}
