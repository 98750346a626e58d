package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.SplittableRandom;
import org.dpaudit.core.DpauditException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native convolution kernel against a plain double-precision loop over the definition (an
 * independent path: no engine operation, no shared code), on the MNIST CNN's layers and on shapes
 * that reach every branch of the kernel (channel counts that are not a multiple of 8 or above 32,
 * padding, strides, one example, an odd batch split over two threads).
 */
class NativeKernelsTest {
  @Test
  void isBuiltAndRunsOnLinuxX86WithAvx2() throws IOException {
    CpuFlags.assumeLinuxAmd64With("avx2", "fma");
    assertTrue(NativeKernels.available(), "the native kernels should run here: " + NativeKernels.unavailableReason());
    assertTrue(NativeKernels.serves(Device.cpu()));
  }

  @ParameterizedTest(name = "B={0} C={1} {2}x{3} O={4} k={5} s={6} p={7} channelsLast={8}")
  @CsvSource({
    "3, 1, 28, 28, 16, 8, 2, 3, false", // the MNIST CNN's first layer
    "5, 16, 13, 13, 32, 4, 2, 0, true", // its second, laid out as the pooling leaves it
    "1, 3, 9, 7, 13, 3, 1, 1, false", // one example (the second thread gets none); 13 channels: a partial vector
    "7, 4, 9, 9, 45, 3, 2, 2, false", // more than 32 channels; padding wider than the stride
    "4, 2, 10, 10, 8, 5, 3, 0, false", // stride 3
  })
  void matchesTheDefinition(int b, int c, int h, int w, int o, int k, int s, int p, boolean channelsLast) {
    assumeTrue(NativeKernels.available());
    int oh = (h + 2 * p - k) / s + 1;
    int ow = (w + 2 * p - k) / s + 1;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] xv = values(b * c * h * w, 1);
      float[] dv = values(b * o * oh * ow, 2);
      NDArray x = m.create(xv, new Shape(b, c, h, w));
      if (channelsLast) { // the same values, held channels-last (a non-contiguous view)
        x = x.transpose(0, 2, 3, 1).duplicate().transpose(0, 3, 1, 2);
      }
      NDArray delta = m.create(dv, new Shape(b, o, oh, ow));
      NativeKernels.ConvGradients g = NativeKernels.convPerExample(x, delta, k, s, p);
      assertNotNull(g);
      float[] kernel = g.kernel().toFloatArray();
      float[] bias = g.bias().toFloatArray();
      float[] norms = g.squaredNorms().toFloatArray();
      assertEquals(b * c * k * k * o, kernel.length);
      for (int e = 0; e < b; e++) {
        double norm = 0;
        for (int f = 0; f < o; f++) {
          double bsum = 0;
          for (int t = 0; t < oh * ow; t++) {
            bsum += dv[(e * o + f) * oh * ow + t];
          }
          assertClose(bsum, bias[e * o + f], "bias gradient");
          norm += bsum * bsum;
          for (int ch = 0; ch < c; ch++) {
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                double sum = 0;
                for (int i = 0; i < oh; i++) {
                  for (int j = 0; j < ow; j++) {
                    int row = s * i + u - p;
                    int col = s * j + v - p;
                    if (row >= 0 && row < h && col >= 0 && col < w) {
                      sum += (double) dv[((e * o + f) * oh + i) * ow + j] * xv[((e * c + ch) * h + row) * w + col];
                    }
                  }
                }
                assertClose(sum, kernel[e * c * k * k * o + ((ch * k + u) * k + v) * o + f], "kernel gradient");
                norm += sum * sum;
              }
            }
          }
        }
        assertEquals(norm, norms[e], 1e-5 * norm, "squared norm of example " + e);
      }
    }
  }

  @Test
  void sameBitsOnOneThreadAndOnTwo() {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = m.create(values(9 * 16 * 13 * 13, 3), new Shape(9, 16, 13, 13));
      NDArray delta = m.create(values(9 * 32 * 5 * 5, 4), new Shape(9, 32, 5, 5));
      NativeKernels.ConvGradients two = NativeKernels.convPerExample(x, delta, 4, 2, 0);
      NativeKernels.ConvGradients one = Engines.onOneThread(Device.cpu(), () -> NativeKernels.convPerExample(x, delta, 4, 2, 0));
      assertArrayEquals(one.kernel().toFloatArray(), two.kernel().toFloatArray());
      assertArrayEquals(one.bias().toFloatArray(), two.bias().toFloatArray());
      assertArrayEquals(one.squaredNorms().toFloatArray(), two.squaredNorms().toFloatArray());
    }
  }

  /** Dense layers' norms against the definition in float64, on the MLP's widths and on odd ones (vector tails). */
  @ParameterizedTest
  @CsvSource({"256, 784, 512", "7, 13, 3", "1, 1, 1", "5, 4, 9"})
  void linearSquaredNorms_areTheDefinition(int rows, int inputs, int outputs) {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] x = values(rows * inputs, 11);
      float[] d = values(rows * outputs, 12);
      NDArray norms = NativeKernels.linearSquaredNorms(m.create(x, new Shape(rows, inputs)),
          m.create(d, new Shape(rows, outputs)));
      assertNotNull(norms);
      float[] got = norms.toFloatArray();
      assertEquals(rows, got.length);
      for (int r = 0; r < rows; r++) {
        double sx = 0;
        double sd = 0;
        for (int j = 0; j < inputs; j++) {
          sx += (double) x[r * inputs + j] * x[r * inputs + j];
        }
        for (int j = 0; j < outputs; j++) {
          sd += (double) d[r * outputs + j] * d[r * outputs + j];
        }
        double expected = sd * (sx + 1);
        assertEquals(expected, got[r], 1e-6 * expected, "example " + r);
      }
      assertThrows(IllegalArgumentException.class, () -> NativeKernels.linearSquaredNorms(
          m.create(x, new Shape(rows, inputs)), m.create(values((rows + 1) * outputs, 13), new Shape(rows + 1, outputs))));
    }
  }

  /**
   * Eight rows summed side by side are each the same chain of operations as one row alone: the
   * same bits, for row counts around the block of eight and widths around the vector of four.
   */
  @ParameterizedTest
  @CsvSource({"256, 784, 512", "8, 4, 4", "9, 7, 3", "17, 13, 10", "23, 1, 2", "3, 5, 6"})
  void linearSquaredNorms_rowsSideBySide_areTheBitsOfOneRowAtATime(int rows, int inputs, int outputs) {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = m.create(values(rows * inputs, 21), new Shape(rows, inputs));
      NDArray d = m.create(values(rows * outputs, 22), new Shape(rows, outputs));
      float[] together = NativeKernels.linearSquaredNorms(x, d, false).toFloatArray();
      float[] alone = NativeKernels.linearSquaredNorms(x, d, true).toFloatArray();
      for (int r = 0; r < rows; r++) {
        assertEquals(Float.floatToIntBits(alone[r]), Float.floatToIntBits(together[r]), "row " + r);
      }
    }
  }

  /**
   * The inputs' sums taken apart (in the forward pass) are, in float64, the kernel's defined order:
   * four lanes of exact products, the lanes as (0 + 1) + (2 + 3), then the rest in order, computed
   * here in Java (an independent path; random values tell a float64 order apart, unlike the float32
   * norms). And the norms from them, or from none, are {@link NativeKernels#linearSquaredNorms}'s
   * bits.
   */
  @ParameterizedTest
  @CsvSource({"256, 784, 512", "8, 4, 4", "9, 7, 3", "17, 13, 10", "23, 1, 2", "3, 5, 6"})
  void rowSquares_andTheNormsFromThem_areTheKernelsOrder(int rows, int inputs, int outputs) {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] xs = values(rows * inputs, 24);
      NDArray x = m.create(xs, new Shape(rows, inputs));
      NDArray d = m.create(values(rows * outputs, 25), new Shape(rows, outputs));
      double[] sums = NativeKernels.rowSquares(x);
      for (int r = 0; r < rows; r++) {
        double[] lanes = new double[4];
        int j = 0;
        for (; j + 4 <= inputs; j += 4) {
          for (int k = 0; k < 4; k++) {
            double a = xs[r * inputs + j + k];
            lanes[k] += a * a; // exact product, one rounding: the kernel's FMA
          }
        }
        double expected = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; j < inputs; j++) {
          expected += (double) xs[r * inputs + j] * xs[r * inputs + j];
        }
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(sums[r]), "row " + r);
      }
      float[] reference = NativeKernels.linearSquaredNorms(x, d).toFloatArray();
      float[] fromSums = NativeKernels.linearSquaredNormsOnHost(sums, x, d);
      float[] alone = NativeKernels.linearSquaredNormsOnHost(null, x, d);
      for (int r = 0; r < rows; r++) {
        assertEquals(Float.floatToIntBits(reference[r]), Float.floatToIntBits(fromSums[r]), "row " + r);
        assertEquals(Float.floatToIntBits(reference[r]), Float.floatToIntBits(alone[r]), "row " + r + ", summed here");
      }
      assertThrows(IllegalArgumentException.class,
          () -> NativeKernels.linearSquaredNormsOnHost(new double[rows + 1], x, d));
    }
  }

  /**
   * A row whose float32 norm tells the order of the sum: lanes 1, 2^-24, c = 2^-54 and d = 1.5625 *
   * 2^-54 (squares of 1, 2^-12, 2^-27, 1.25 * 2^-27). Summed as (1 + 2^-24) + (c + d), the small
   * pair survives (1.28 of the double's half-ulp) and the float32 result rounds up to 1 + 2^-23;
   * paired otherwise, (1 + c) + (2^-24 + d), each small term is lost and the float32 result is a tie
   * rounded to 1. Bit-for-bit tests of random values cannot see an order change (the float32
   * rounding hides it); this one can (a kernel pairing lanes 0+2 and 1+3 fails it, tried).
   */
  @Test
  void linearSquaredNorms_sumTheLanesInTheirOrder_aCraftedTell() {
    assumeTrue(NativeKernels.available());
    float[] tell = {1f, 0x1.0p-12f, 0x1.0p-27f, 1.25f * 0x1.0p-27f};
    double c = (double) tell[2] * tell[2];
    double d = (double) tell[3] * tell[3];
    float expected = (float) ((1.0 + 0x1.0p-24) + (c + d));
    assertEquals(1f + 0x1.0p-23f, expected, "the crafted row's value in the kernel's order");
    assertEquals(1f, (float) ((1.0 + c) + (0x1.0p-24 + d)), "and in another order: the tell tells");
    int rows = 14; // one block of eight, six rows left over
    float[] deltas = values(rows * 4, 23);
    for (int row : new int[] {3, 13}) { // inside the first block of eight, and in the rows left over
      System.arraycopy(tell, 0, deltas, row * 4, 4);
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = m.zeros(new Shape(rows, 5)); // ||x||^2 + 1 = 1
      NDArray d4 = m.create(deltas, new Shape(rows, 4));
      for (boolean byRow : new boolean[] {false, true}) {
        float[] got = NativeKernels.linearSquaredNorms(x, d4, byRow).toFloatArray();
        assertEquals(expected, got[3], byRow ? "one row at a time" : "eight rows side by side");
        assertEquals(expected, got[13], byRow ? "one row at a time" : "a row left over");
      }
    }
  }

  /**
   * The one-pass SGD update is the engine's {@code w.subi(g.mul(lr))} bit for bit, on one thread and
   * split between two, for rates that float32 rounds; arrays it cannot serve are left untouched.
   */
  @ParameterizedTest
  @CsvSource({"1001, 0.01", "1001, 0.3333333333333333", "300007, 2.0", "300007, 0.1", "7, 1e-7"})
  void sgdUpdate_isTheEnginesProductThenDifference_bitForBit(int n, double lr) {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] w = values(n, 31);
      float[] g = values(n, 32);
      for (int i = 0; i < n; i += 97) {
        g[i] *= 1e30f; // products far from 1, where a fused multiply-add would round differently
      }
      NDArray engine = m.create(w);
      engine.subi(m.create(g).mul(lr));
      NDArray fast = m.create(w);
      assertTrue(NativeKernels.sgdUpdate(fast, m.create(g), lr));
      float[] expected = engine.toFloatArray();
      float[] got = fast.toFloatArray();
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), "value " + i);
      }
    }
  }

  @Test
  void sgdUpdate_refusesWhatItCannotWriteOrRead() {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray base = m.create(values(12, 33), new Shape(3, 4));
      NDArray view = base.transpose(); // not its own memory: writes to a copy would be lost
      float[] before = base.toFloatArray();
      assertTrue(!NativeKernels.sgdUpdate(view, m.create(values(12, 34), new Shape(4, 3)), 0.5));
      assertArrayEquals(before, base.toFloatArray());
      assertTrue(!NativeKernels.sgdUpdate(base, m.create(new double[12]).reshape(3, 4), 0.5), "float64 gradient");
      assertTrue(!NativeKernels.sgdUpdate(base, m.create(new float[11]), 0.5), "sizes differ");
      assertArrayEquals(before, base.toFloatArray());
    }
  }

  /**
   * {@code c^T G} by the kernel is, value by value, the chain of float32 fused multiply-adds over the
   * rows in order ({@link Math#fma}, an independent path), on one thread and split between two, for
   * column counts around the vector and the block; the coefficients' count is checked.
   */
  @ParameterizedTest
  @CsvSource({"256, 8192", "256, 2048", "7, 1031", "1, 9", "300, 3"})
  void weightedRows_areTheFmaChainOverRowsInOrder(int rows, int cols) {
    assumeTrue(NativeKernels.available());
    float[] c = values(rows, 41);
    float[] g = values(rows * cols, 42);
    for (int i = 0; i < g.length; i += 53) {
      g[i] *= 4096f; // terms of unequal size, so another order or a separate product rounds differently
    }
    float[] expected = new float[cols];
    for (int j = 0; j < cols; j++) {
      float acc = 0f;
      for (int i = 0; i < rows; i++) {
        acc = Math.fma(c[i], g[i * cols + j], acc);
      }
      expected[j] = acc;
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray cs = m.create(c);
      NDArray gs = m.create(g, new Shape(rows, cols));
      NDArray two = NativeKernels.weightedRows(cs, gs);
      NDArray one = Engines.onOneThread(Device.cpu(), () -> NativeKernels.weightedRows(cs, gs));
      assertEquals(new Shape(1, cols), two.getShape());
      float[] a = two.toFloatArray();
      float[] b = one.toFloatArray();
      for (int j = 0; j < cols; j++) {
        assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(a[j]), "column " + j);
        assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(b[j]), "column " + j + ", one thread");
      }
      assertThrows(IllegalArgumentException.class, () -> NativeKernels.weightedRows(m.create(new float[rows + 1]), gs));
    }
  }

  /** AVX-512 and AVX2 compute each value by the same chain of FMAs: the same bits, for channel counts around both widths. */
  @ParameterizedTest
  @CsvSource({"1, 16, 8, 2, 3", "16, 32, 4, 2, 0", "3, 45, 3, 1, 1", "2, 7, 3, 3, 0", "4, 70, 2, 1, 0"})
  void wideAndNarrowProducts_giveTheSameBits(int channels, int filters, int k, int stride, int padding) {
    assumeTrue(NativeKernels.available() && NativeKernels.wide());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      int h = 12;
      int oh = (h + 2 * padding - k) / stride + 1;
      NDArray x = m.create(values(5 * channels * h * h, 21), new Shape(5, channels, h, h));
      NDArray delta = m.create(values(5 * filters * oh * oh, 22), new Shape(5, filters, oh, oh));
      NativeKernels.ConvGradients wide = NativeKernels.convPerExample(x, delta, k, stride, padding, true);
      NativeKernels.ConvGradients narrow = NativeKernels.convPerExample(x, delta, k, stride, padding, false);
      assertArrayEquals(narrow.kernel().toFloatArray(), wide.kernel().toFloatArray());
      assertArrayEquals(narrow.bias().toFloatArray(), wide.bias().toFloatArray());
      assertArrayEquals(narrow.squaredNorms().toFloatArray(), wide.squaredNorms().toFloatArray());
    }
  }

  @Test
  void refusesOutputGradientsThatDoNotFitTheLayer() {
    assumeTrue(NativeKernels.available());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = m.create(values(2 * 6 * 6, 5), new Shape(2, 1, 6, 6));
      NDArray tooWide = m.create(values(2 * 4 * 7 * 7, 6), new Shape(2, 4, 7, 7)); // a 3x3 kernel gives 4x4
      DpauditException e = assertThrows(DpauditException.class, () -> NativeKernels.convPerExample(x, tooWide, 3, 1, 0));
      assertTrue(e.getMessage().contains("impossible shape"), e.getMessage());
      NDArray otherBatch = m.create(values(3 * 4 * 4 * 4, 7), new Shape(3, 4, 4, 4));
      assertThrows(IllegalArgumentException.class, () -> NativeKernels.convPerExample(x, otherBatch, 3, 1, 0));
    }
  }

  /**
   * The native noisy sum rounds as Java does, bit for bit: ties to even at float32, subnormals kept
   * (no flush to zero), signed zeros, infinities and NaN, and a tail shorter than a vector.
   */
  @Test
  void addNoise_roundsAsJavaDoes_bitForBit() {
    assumeTrue(NativeKernels.available());
    SplittableRandom rng = new SplittableRandom(9);
    int n = 1003;
    java.nio.ByteBuffer gb = java.nio.ByteBuffer.allocateDirect(4 * n).order(java.nio.ByteOrder.nativeOrder());
    java.nio.ByteBuffer zb = java.nio.ByteBuffer.allocateDirect(8 * n).order(java.nio.ByteOrder.nativeOrder());
    java.nio.ByteBuffer ob = java.nio.ByteBuffer.allocateDirect(4 * n).order(java.nio.ByteOrder.nativeOrder());
    java.nio.FloatBuffer g = gb.asFloatBuffer();
    java.nio.DoubleBuffer z = zb.asDoubleBuffer();
    java.nio.FloatBuffer out = ob.asFloatBuffer();
    // The last pair tells a separate product and sum from a fused multiply-add at the scale
    // 1 - 2^-53: the product rounds to 2^-24 + 2^-53, 1 plus that is a float64 tie that rounds to
    // 1 + 2^-24, a float32 tie that rounds to 1; fused, the sum is just above both ties (1 + 2^-23).
    float[] specialG = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, 1f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NaN, 3e-39f, 1f};
    double[] specialZ = {-0d, 0d, 0d, Double.MIN_VALUE, -Float.MIN_NORMAL / 2d, Math.ulp(1f) / 2, 3 * Math.ulp(1f) / 2,
        Float.MAX_VALUE, -1d, 1d, -1e-40, Math.scalb(1.0, -24) + Math.scalb(1.0, -53) + Math.scalb(1.0, -76)};
    for (int i = 0; i < n; i++) {
      boolean special = i < specialG.length;
      g.put(i, special ? specialG[i] : (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-40, 5))));
      z.put(i, special ? specialZ[i] : rng.nextGaussian() * Math.pow(10, rng.nextInt(-45, 3)));
    }
    NativeKernels.addNoise(g, 1, z, 1, 1.0, out, 1, n - 1); // offsets, and 1,002 values: a tail of 2
    out.put(0, 42f);
    NativeKernels.addNoise(g, 0, z, 0, 1.0, out, 0, 1);
    for (int i = 0; i < n; i++) {
      float expected = (float) ((double) g.get(i) + z.get(i));
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out.get(i)), "value " + i);
    }
    // With a scale: the product rounded once, then the sum (a fused multiply-add would differ in
    // the last bits for some of these), and in place (out is g).
    double fmaTell = 1 - Math.scalb(1.0, -53);
    assertEquals(1f, (float) (1f + specialZ[11] * fmaTell));
    assertEquals(1f + Math.ulp(1f), (float) Math.fma(specialZ[11], fmaTell, 1.0));
    for (double scale : new double[] {0.37, 1.0 / 3, 1e-300, 7.5e5, fmaTell}) {
      float[] before = new float[n];
      g.get(0, before);
      NativeKernels.addNoise(g, 0, z, 0, scale, g, 0, n);
      for (int i = 0; i < n; i++) {
        float expected = (float) ((double) before[i] + z.get(i) * scale);
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(g.get(i)), "scale " + scale + ", value " + i);
      }
      g.put(0, before);
    }
  }

  /** A fresh array's buffer is its own memory; a transposed view's is a copy, and is refused for writing. */
  @Test
  void ownFloats_tellsTheArraysMemoryFromACopy() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      java.nio.FloatBuffer own = HostMemory.ownFloats(a);
      assertNotNull(own);
      own.put(4, 50f);
      assertEquals(50f, a.toFloatArray()[4]);
      assertNull(HostMemory.ownFloats(a.transpose()));
      assertNull(HostMemory.ownFloats(a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)));
      assertEquals(0, HostMemory.ownFloats(m.create(new float[0])).limit());
    }
  }

  private static void assertClose(double expected, float actual, String what) {
    assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), what);
  }

  private static float[] values(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rng.nextDouble() - 0.5);
    }
    return v;
  }
}
