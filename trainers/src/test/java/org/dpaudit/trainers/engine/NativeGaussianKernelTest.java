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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    Path cpuinfo = Path.of("/proc/cpuinfo");
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")
        && Files.exists(cpuinfo));
    String flags = Files.readString(cpuinfo);
    assumeTrue(flags.contains(" avx2") && flags.contains(" fma") && flags.contains(" aes"));
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

  @ParameterizedTest
  @CsvSource({"0, 65536, 1.0, true, false", "3, 65536, 0.003515625, true, true", "100, 4097, 2.5, false, true",
      "1, 7, 1.0, true, true", "5, 1, -0.5, true, true", "0, 0, 1.0, true, false"})
  void fastPath_isTheJavaDefinition_bitForBit(int from, int count, double scale, boolean withStandard,
      boolean withScaled) {
    assumeTrue(NativeKernels.noiseAvailable());
    SplittableRandom random = new SplittableRandom(from * 31L + count);
    byte[] key = new byte[32];
    random.nextBytes(key);
    long index = random.nextLong();
    long first = (long) random.nextInt(1 << 20) << 40;
    DoubleBuffer[] mine = {withStandard ? direct(from + count) : null, withScaled ? direct(from + count) : null};
    DoubleBuffer[] viaJava = {withStandard ? direct(from + count) : null, withScaled ? direct(from + count) : null};
    GaussianKernel.Rejections a = NATIVE.worker(key).fastPath(index, first, mine[0], mine[1], from, count, scale);
    GaussianKernel.Rejections b = GaussianKernels.java().worker(key).fastPath(index, first, viaJava[0], viaJava[1], from,
        count, scale);
    assertEquals(b.count(), a.count(), "rejected draws");
    assertArrayEquals(Arrays.copyOf(b.at(), b.count()), Arrays.copyOf(a.at(), a.count()));
    assertArrayEquals(Arrays.copyOf(b.words(), b.count()), Arrays.copyOf(a.words(), a.count()));
    boolean[] rejected = new boolean[count];
    for (int j = 0; j < a.count(); j++) {
      rejected[a.at()[j]] = true;
    }
    for (int t = 0; t < 2; t++) {
      if (mine[t] == null) {
        continue;
      }
      for (int k = 0; k < count; k++) {
        if (!rejected[k]) {
          assertEquals(Double.doubleToRawLongBits(viaJava[t].get(from + k)), Double.doubleToRawLongBits(mine[t].get(from + k)),
              (t == 0 ? "standard" : "scaled") + " draw " + k);
        }
      }
      for (int k = 0; k < from; k++) {
        assertEquals(0.0, mine[t].get(k), "nothing written before from");
      }
    }
    if (count == 65536) {
      assertTrue(a.count() > 1000, "about 2.8% rejected: " + a.count());
    }
  }

  @Test
  void wholeFills_nativeAndJava_areTheSameDraws_helpedOrNot() throws Exception {
    assumeTrue(NativeKernels.noiseAvailable());
    CounterStream stream = Randomness.seeded(17).counterStream("noise/gaussian");
    int n = 535_818;
    DoubleBuffer viaNative = direct(n);
    DoubleBuffer viaJava = direct(n);
    var helper = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      stream.withKernel(NATIVE).fillGaussians(3, viaNative, 0.9 / 256, helper);
    } finally {
      helper.shutdown();
    }
    stream.withKernel(GaussianKernels.java()).fillGaussians(3, viaJava, 0.9 / 256, null);
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(viaJava.get(i)), Double.doubleToRawLongBits(viaNative.get(i)), "draw " + i);
    }
  }

  @Test
  void heapBuffers_goToTheJavaDefinition_andBadRequestsAreRefused() {
    assumeTrue(NativeKernels.noiseAvailable());
    byte[] key = new byte[32];
    double[] heap = new double[100];
    double[] reference = new double[100];
    NATIVE.worker(key).fastPath(1, 0, DoubleBuffer.wrap(heap), null, 0, 100, 1.0);
    GaussianKernels.java().worker(key).fastPath(1, 0, DoubleBuffer.wrap(reference), null, 0, 100, 1.0);
    assertArrayEquals(reference, heap);
    assertThrows(IllegalArgumentException.class, () -> NATIVE.worker(key).fastPath(1, 0, direct(10), null, 5, 6, 1.0),
        "past the buffer's end");
    assertThrows(IllegalArgumentException.class,
        () -> NATIVE.worker(new byte[16]).fastPath(1, 0, direct(10), null, 0, 10, 1.0), "AES-128 key");
    assertThrows(IllegalArgumentException.class, () -> NATIVE.worker(key).keystream(1, 0, new long[3]), "half a block");
  }

  private static DoubleBuffer direct(int n) {
    return ByteBuffer.allocateDirect(8 * Math.max(n, 1)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }
}
