package org.dpaudit.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.Randomness;

/**
 * The candidates for cryptographically strong Gaussian noise, timed side by side on one step's
 * worth of draws (the MLP's 535,818 parameters by default): keystreams (AES-256 in counter mode
 * through the JDK's own AES/CTR, AES-256 on counter blocks through the JDK's vectorised ECB
 * intrinsic as dpaudit does, ChaCha20) and transforms of their 64-bit words in Java (Box-Muller
 * on 53-bit uniforms, the ziggurat dpaudit uses), plus dpaudit's whole fill on one and on two
 * threads. Each round runs every candidate once, interleaved, after warm-up rounds; medians of
 * wall time and of the calling thread's CPU time are printed (CPU time is what a step pays when
 * the noise competes with it for cores).
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.dpaudit.bench.NoiseCandidates [draws] [rounds]
 * </pre>
 *
 * Not measured here: the engine's own transforms (dpaudit's previous Box-Muller on the tensor
 * engine; see bench dp-step's history in docs/benchmarks.md), and the Vector API, which is an
 * incubator module in Java 17 (its flag would be needed by every build, test and launch).
 */
public final class NoiseCandidates {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int CHUNK = 1 << 16;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private NoiseCandidates() {}

  /** One candidate: makes {@code n} values (keystream bytes or draws) for round {@code r}; returns a checksum. */
  interface Candidate {
    double run(int n, int r) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 535_818;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    byte[] key = Randomness.seeded(1).keyMaterial("bench/noise", 32);
    CounterStream stream = Randomness.seeded(1).counterStream("bench/noise");
    ExecutorService helper = Executors.newSingleThreadExecutor();
    DoubleBuffer out = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    long[] words = new long[n + n / 8];
    double[] draws = new double[n];
    Map<String, Candidate> c = new LinkedHashMap<>();
    c.put("keystream AES-256, JDK AES/CTR, one doFinal", (m, r) -> ctrDoFinal(key, 8 * m));
    c.put("keystream AES-256, counter blocks through ECB (dpaudit)", (m, r) -> ecbCounter(key, 8 * m));
    c.put("keystream ChaCha20, JDK", (m, r) -> chacha(key, 8 * m));
    c.put("Box-Muller on 53-bit uniforms, Java (words given)", (m, r) -> boxMuller(words, draws, m));
    c.put("ziggurat fast path, Java (words given)", (m, r) -> zigguratFastPath(words, draws, m));
    c.put("dpaudit fill: keystream + ziggurat, one thread", (m, r) -> {
      stream.fillGaussians(r, out, 1.0, null);
      return out.get(0);
    });
    c.put("dpaudit fill: keystream + ziggurat, two threads", (m, r) -> {
      stream.fillGaussians(r, out, 1.0, helper);
      return out.get(0);
    });
    java.util.SplittableRandom seedWords = new java.util.SplittableRandom(7); // inputs of the transforms only
    for (int i = 0; i < words.length; i++) {
      words[i] = seedWords.nextLong();
    }
    Map<String, List<double[]>> times = new LinkedHashMap<>();
    double sink = 0;
    for (int r = -5; r < rounds; r++) {
      for (var e : c.entrySet()) {
        long w0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        sink += e.getValue().run(n, r + 5);
        long c1 = CPU.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        if (r >= 0) {
          times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {(w1 - w0) / 1e6, (c1 - c0) / 1e6});
        }
      }
    }
    helper.shutdown();
    System.out.printf(Locale.ROOT, "%d draws (8 bytes of keystream each), %d interleaved rounds, median ms:%n", n, rounds);
    System.out.printf(Locale.ROOT, "  %-58s %8s %8s%n", "candidate", "wall", "cpu");
    for (var e : times.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-58s %8.2f %8.2f%n", e.getKey(), median(e.getValue(), 0), median(e.getValue(), 1));
    }
    System.out.println(sink == 42 ? "" : ""); // keeps the results alive
  }

  private static double median(List<double[]> v, int k) {
    double[] a = v.stream().mapToDouble(x -> x[k]).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  private static double ctrDoFinal(byte[] key, int bytes) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
    byte[] out = c.doFinal(new byte[bytes]);
    return out[0];
  }

  private static double ecbCounter(byte[] key, int bytes) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    byte[] counters = new byte[CHUNK];
    byte[] out = new byte[CHUNK];
    long counter = 0;
    double sum = 0;
    for (int done = 0; done < bytes; done += CHUNK) {
      for (int b = 0; b < CHUNK; b += 16) {
        LONGS.set(counters, b, 0L);
        LONGS.set(counters, b + 8, Long.reverseBytes(counter++));
      }
      c.update(counters, 0, CHUNK, out, 0);
      sum += out[0];
    }
    return sum;
  }

  private static double chacha(byte[] key, int bytes) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("ChaCha20");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(new byte[12], 0));
    byte[] out = c.doFinal(new byte[bytes]);
    return out[0];
  }

  /** Two draws per two words: radius sqrt(-2 ln u1), angle 2 pi u2. */
  private static double boxMuller(long[] words, double[] out, int n) {
    for (int i = 0; i + 1 < n; i += 2) {
      double u1 = ((words[i] >>> 11) + 1) * 0x1.0p-53;
      double u2 = (words[i + 1] >>> 11) * 0x1.0p-53;
      double radius = Math.sqrt(-2 * Math.log(u1));
      double angle = 2 * Math.PI * u2;
      out[i] = radius * Math.cos(angle);
      out[i + 1] = radius * Math.sin(angle);
    }
    return out[0];
  }

  /** The ziggurat's accepted draws only (about 97%): its cost floor in scalar Java. */
  private static double zigguratFastPath(long[] words, double[] out, int n) {
    double[] x = ZigguratTables.X;
    double[] ratio = ZigguratTables.RATIO;
    for (int i = 0; i < n; i++) {
      long w = words[i];
      double u = (((w >>> 11) << 1) + 1 - (1L << 53)) * 0x1.0p-53;
      int layer = (int) (w & 127);
      out[i] = Math.abs(u) < ratio[layer] ? u * x[layer] : 0;
    }
    return out[0];
  }

  /** Doornik's 128-layer tables, as dpaudit's sampler builds them (its own copy is package-private). */
  static final class ZigguratTables {
    static final double[] X = new double[129];
    static final double[] RATIO = new double[128];

    static {
      double r = 3.442619855899;
      double v = 9.91256303526217e-3;
      double f = Math.exp(-0.5 * r * r);
      X[0] = v / f;
      X[1] = r;
      for (int i = 2; i < 128; i++) {
        X[i] = Math.sqrt(-2 * Math.log(v / X[i - 1] + f));
        f = Math.exp(-0.5 * X[i] * X[i]);
      }
      for (int i = 0; i < 128; i++) {
        RATIO[i] = X[i + 1] / X[i];
      }
    }
  }
}
