package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.GaussianKernel;
import org.dpaudit.core.random.GaussianKernels;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native Gaussian noise against its definition: the JDK's AES/CTR and core's Java fast path, bit for bit. */
class NativeGaussianKernelTest {
  private static final NativeGaussianKernel NATIVE = new NativeGaussianKernel();

  @Test
  void builtAndRuns_onLinuxAmd64WithAesNi_andIsTheKernelFillsUse() throws IOException {
    CpuFlags.assumeLinuxAmd64With("avx2", "fma", "aes");
    assertTrue(NativeKernels.noiseAvailable(), NativeKernels.noiseUnavailableReason());
    assertTrue(GaussianKernels.active() instanceof NativeGaussianKernel, "found by the service loader");
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 64", "7, 1099511627776, 4096", "-1, 4294967295, 18", "123456789, 1152921504606846976, 2"})
  void keystream_isTheJdksAesCtr(long index, long counter, int words) throws Exception {
    assumeTrue(NativeKernels.noiseAvailable());
    byte[] key = new byte[32];
    new SplittableRandom(index ^ counter).nextBytes(key);
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
        new IvParameterSpec(ByteBuffer.allocate(16).putLong(index).putLong(counter).array()));
    ByteBuffer jdk = ByteBuffer.wrap(ctr.doFinal(new byte[8 * words])).order(ByteOrder.LITTLE_ENDIAN);
    long[] expected = new long[words];
    jdk.asLongBuffer().get(expected);
    long[] mine = new long[words];
    NATIVE.worker(key).keystream(index, counter, mine);
    assertArrayEquals(expected, mine);
    long[] java = new long[words];
    GaussianKernels.java().worker(key).keystream(index, counter, java);
    assertArrayEquals(expected, java, "the Java worker's keystream");
  }

  /**
   * Whole fills, native against the Java definition, bit for bit: sizes around the 65,536-draw
   * blocks, standard and scaled buffers, and with every wedge test handed to Java (margin 1) as
   * well as with the native wedges (the rare close call handed over).
   */
  @ParameterizedTest
  @CsvSource({"535818, 0.003515625, true, true", "65536, 1.0, true, false", "65637, 2.5, false, true",
      "7, 1.0, true, true", "1, -0.5, true, false"})
  void fills_nativeAndJava_areTheSameDraws(int n, double scale, boolean withStandard, boolean withScaled) {
    assumeTrue(NativeKernels.noiseAvailable());
    CounterStream stream = Randomness.seeded(n).counterStream("noise/gaussian");
    DoubleBuffer[] java = fill(stream.withKernel(GaussianKernels.java()), n, scale, withStandard, withScaled);
    for (GaussianKernel kernel : new GaussianKernel[] {NATIVE, new NativeGaussianKernel(1.0)}) {
      DoubleBuffer[] mine = fill(stream.withKernel(kernel), n, scale, withStandard, withScaled);
      for (int t = 0; t < 2; t++) {
        if (java[t] == null) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          assertEquals(Double.doubleToRawLongBits(java[t].get(i)), Double.doubleToRawLongBits(mine[t].get(i)),
              (t == 0 ? "standard" : "scaled") + " draw " + i + " (margin " + (kernel == NATIVE ? "2^-50" : "1") + ")");
        }
      }
    }
  }

  /** The native worker finishes nearly every rejected draw itself and leaves Java the tails. */
  @Test
  void nativeWorker_finishesTheWedges_leavesTheTails() {
    assumeTrue(NativeKernels.noiseAvailable());
    byte[] key = new byte[32];
    new SplittableRandom(5).nextBytes(key);
    DoubleBuffer out = direct(65536);
    GaussianKernel.Block all = GaussianKernels.java().worker(key).block(3, 0, out, null, 0, 65536, 1.0);
    GaussianKernel.Block left = NATIVE.worker(key).block(3, 0, out, null, 0, 65536, 1.0);
    assertTrue(all.pendingAt().length > 1500, "about 2.8% rejected: " + all.pendingAt().length);
    assertTrue(left.pendingAt().length <= 1, "left to Java: " + left.pendingAt().length);
    assertTrue(left.tailAt().length > 5, "sent to the tail: " + left.tailAt().length);
    GaussianKernel.Block handedOver = new NativeGaussianKernel(1.0).worker(key).block(3, 0, out, null, 0, 65536, 1.0);
    assertTrue(handedOver.pendingAt().length > all.pendingAt().length - 20, "margin 1: Java decides every wedge");
  }

  /**
   * The chord's quick wedge decisions against Java's test itself, {@code y < StrictMath.exp(-0.5 x x)}:
   * in every layer, at points across the wedge (its edges included) with heights just above and
   * below the density (relative offsets from 2^-52 to 2^-3: where a band set too thin, or on the
   * wrong side of the chord, would decide wrongly), and at random points of the wedges; and the
   * chord must decide most random tests, or the shortcut saves nothing.
   */
  @Test
  void wedgeChord_decidesOnlyAsTheDensityDoes_andDecidesMost() {
    assumeTrue(NativeKernels.noiseAvailable());
    double[] x = GaussianKernels.zigguratEdges();
    double[] f = GaussianKernels.zigguratDensities();
    int decided = 0;
    int checked = 0;
    for (int layer = 1; layer < 128; layer++) {
      double a = x[layer + 1];
      double b = x[layer];
      for (int step = 0; step <= 64; step++) {
        double t = step == 64 ? Math.nextDown(b) : a + (b - a) * step / 64;
        double e = StrictMath.exp(-0.5 * t * t);
        for (int k = 52; k >= 3; k--) {
          for (double y : new double[] {e * (1 + Math.scalb(1.0, -k)), e * (1 - Math.scalb(1.0, -k)), e,
              Math.nextUp(e), Math.nextDown(e)}) {
            for (double signed : new double[] {t, -t}) {
              int answer = NativeKernels.wedgeChord(signed, layer, y);
              if (answer != -1) {
                assertEquals(y < StrictMath.exp(-0.5 * signed * signed) ? 1 : 0, answer,
                    "layer " + layer + ", x " + signed + ", y " + y);
              }
            }
          }
        }
      }
    }
    SplittableRandom random = new SplittableRandom(11);
    double[] ratio = GaussianKernels.zigguratRatios();
    for (int n = 0; n < 400_000; n++) {
      int layer = 1 + random.nextInt(127);
      double u = (ratio[layer] + (1 - ratio[layer]) * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
      double t = u * x[layer];
      double y = f[layer + 1] + random.nextDouble() * (f[layer] - f[layer + 1]);
      int answer = NativeKernels.wedgeChord(t, layer, y);
      checked++;
      if (answer != -1) {
        decided++;
        assertEquals(y < StrictMath.exp(-0.5 * t * t) ? 1 : 0, answer, "layer " + layer + ", x " + t + ", y " + y);
      }
    }
    assertTrue(decided > 0.8 * checked, "the chord decided " + decided + " of " + checked);
    assertThrows(IllegalArgumentException.class, () -> NativeKernels.wedgeChord(1.0, 0, 0.5), "the base strip");
    assertThrows(IllegalArgumentException.class, () -> NativeKernels.wedgeChord(1.0, 128, 0.5), "no layer 128");
  }

  @Test
  void wholeFills_helpedByASecondThread_areTheSameDraws() throws Exception {
    assumeTrue(NativeKernels.noiseAvailable());
    CounterStream stream = Randomness.seeded(17).counterStream("noise/gaussian");
    int n = 535_818;
    DoubleBuffer helped = direct(n);
    DoubleBuffer alone = direct(n);
    var helper = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      stream.withKernel(NATIVE).fillGaussians(3, helped, 0.9 / 256, helper);
    } finally {
      helper.shutdown();
    }
    stream.withKernel(GaussianKernels.java()).fillGaussians(3, alone, 0.9 / 256, null);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(alone.get(i)), Double.doubleToRawLongBits(helped.get(i)), "draw " + i);
    }
  }

  @Test
  void heapBuffers_goToTheJavaDefinition_andBadRequestsAreRefused() {
    assumeTrue(NativeKernels.noiseAvailable());
    byte[] key = new byte[32];
    double[] heap = new double[100];
    double[] reference = new double[100];
    NATIVE.worker(key).block(1, 0, DoubleBuffer.wrap(heap), null, 0, 100, 1.0);
    GaussianKernels.java().worker(key).block(1, 0, DoubleBuffer.wrap(reference), null, 0, 100, 1.0);
    assertArrayEquals(reference, heap);
    assertThrows(IllegalArgumentException.class, () -> NATIVE.worker(key).block(1, 0, direct(10), null, 5, 6, 1.0),
        "past the buffer's end");
    assertThrows(IllegalArgumentException.class,
        () -> NATIVE.worker(new byte[16]).block(1, 0, direct(10), null, 0, 10, 1.0), "AES-128 key");
    assertThrows(IllegalArgumentException.class, () -> NATIVE.worker(key).keystream(1, 0, new long[3]), "half a block");
  }

  private static DoubleBuffer[] fill(CounterStream stream, int n, double scale, boolean withStandard, boolean withScaled) {
    DoubleBuffer[] out = {withStandard ? direct(n) : null, withScaled ? direct(n) : null};
    stream.gaussianFill(4, out[0], out[1], scale).complete();
    return out;
  }

  private static DoubleBuffer direct(int n) {
    return ByteBuffer.allocateDirect(8 * Math.max(n, 1)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }
}
