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
import org.dpaudit.core.random.GaussianKernels;
import org.dpaudit.core.random.Randomness;

/**
 * The candidates for cryptographically strong Gaussian noise, timed side by side on one step's
 * worth of draws (the MLP's 535,818 parameters by default), each once per round, interleaved:
 *
 * <ul>
 *   <li>keystreams of 8 bytes a draw: AES-256 through the JDK's AES/CTR as one {@code doFinal} over
 *       the step (a new cipher and arrays each time), the same cipher reused with 64 KB updates
 *       (dpaudit now), AES-256 on counter blocks through the JDK's ECB (dpaudit before), ChaCha20;
 *   <li>reading the keystream's 64-bit words: copied out through a {@code LongBuffer} view (dpaudit
 *       before) or read in place through a {@code VarHandle} (dpaudit now);
 *   <li>transforms of given words: Box-Muller on 53-bit uniforms, the ziggurat's fast path;
 *   <li>whole fills: replicas of dpaudit's earlier fills (the keystream, the words and the whole
 *       ziggurat with its wedges and tail read from the draws' own words, block by block), a replica
 *       of an inner loop tried and not kept (the fast path with the word position in a local), and
 *       dpaudit's own fill (rejected draws' further words from a stream of their own) with the Java
 *       fast path, and with the active one (the native kernel where it runs) on one and on two
 *       threads. Before timing, the replicas are checked equal to each other and dpaudit's fill
 *       with either fast path equal, bit for bit.
 * </ul>
 *
 * Medians of wall time and of the calling thread's CPU time are printed after warm-up rounds (CPU
 * time is what a step pays when the noise competes with it for cores; under load, wall time is
 * mostly waiting for a core).
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.dpaudit.bench.NoiseCandidates [draws] [rounds]
 * </pre>
 *
 * Not measured here: the engine's own transforms (dpaudit's first Box-Muller on the tensor engine;
 * see docs/benchmarks.md), and the Vector API, an incubator module in Java 17.
 */
public final class NoiseCandidates {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int CHUNK = 1 << 16;
  private static final int CHUNK_LONGS = CHUNK / 8;
  private static final int BLOCK = CounterStream.GAUSSIAN_BLOCK;
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
    SecretKeySpec aes = new SecretKeySpec(key, "AES");
    CounterStream stream = Randomness.seeded(1).counterStream("bench/noise"); // the active kernel
    CounterStream javaStream = stream.withKernel(GaussianKernels.java());
    ExecutorService helper = Executors.newSingleThreadExecutor();
    DoubleBuffer out = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    long[] words = new long[n + n / 8];
    double[] draws = new double[n];
    byte[] keystream = new byte[8 * n + CHUNK];
    new java.util.SplittableRandom(7).nextBytes(keystream); // inputs of the word readers only
    java.util.SplittableRandom seedWords = new java.util.SplittableRandom(7); // inputs of the transforms only
    for (int i = 0; i < words.length; i++) {
      words[i] = seedWords.nextLong();
    }
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, aes);
    Cipher chacha = Cipher.getInstance("ChaCha20");

    checkReplicas(javaStream, stream, out, aes, n);
    String kernel = GaussianKernels.active().toString();

    Map<String, Candidate> c = new LinkedHashMap<>();
    c.put("keystream: AES-256, JDK AES/CTR, one doFinal over the step", (m, r) -> ctrDoFinal(aes, 8 * m));
    c.put("keystream: AES-256, JDK AES/CTR reused, 64 KB updates (Java)", (m, r) -> ctrUpdates(ctr, aes, r, 8 * m));
    c.put("keystream: AES-256 on counter blocks via ECB, 64 KB (before)", (m, r) -> ecbCounter(ecb, r, 8 * m));
    c.put("keystream: ChaCha20, JDK, 64 KB updates", (m, r) -> chacha(chacha, key, r, 8 * m));
    c.put("words: copied out through a LongBuffer view (before)", (m, r) -> wordsCopied(keystream, words, m));
    c.put("words: read in place through a VarHandle (Java)", (m, r) -> wordsInPlace(keystream, m));
    c.put("transform: Box-Muller on 53-bit uniforms (words given)", (m, r) -> boxMuller(words, draws, m));
    c.put("transform: ziggurat fast path (words given)", (m, r) -> zigguratFastPath(words, draws, m));
    c.put("fill replica, sampler 1, first: ECB, LongBuffer copy", (m, r) -> replicaFill(new EcbWords(aes), r, out, m));
    c.put("fill replica, sampler 1, last: CTR, in place", (m, r) -> replicaFill(new CtrWords(aes), r, out, m));
    c.put("fill replica, sampler 1, tried: a local position", (m, r) -> localPositionFill(new CtrWords(aes), r,
        out, m));
    c.put("dpaudit fill, Java fast path, one thread", (m, r) -> {
      javaStream.fillGaussians(r, out, 1.0, null);
      return out.get(0);
    });
    c.put("dpaudit fill, " + kernel + ", one thread", (m, r) -> {
      stream.fillGaussians(r, out, 1.0, null);
      return out.get(0);
    });
    c.put("dpaudit fill, " + kernel + ", two threads (CPU: the caller's)", (m, r) -> {
      stream.fillGaussians(r, out, 1.0, helper);
      return out.get(0);
    });
    Map<String, List<double[]>> times = new LinkedHashMap<>();
    double sink = 0;
    int warmup = 15;
    for (int r = -warmup; r < rounds; r++) {
      for (var e : c.entrySet()) {
        long w0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        sink += e.getValue().run(n, r + warmup);
        long c1 = CPU.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        if (r >= 0) {
          times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {(w1 - w0) / 1e6, (c1 - c0) / 1e6});
        }
      }
    }
    helper.shutdown();
    System.out.printf(Locale.ROOT, "%d draws (8 bytes of keystream each), %d interleaved rounds after %d warm-up, "
        + "median ms:%n", n, rounds, warmup);
    System.out.printf(Locale.ROOT, "  %-62s %8s %8s%n", "candidate", "wall", "cpu");
    for (var e : times.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-62s %8.2f %8.2f%n", e.getKey(), median(e.getValue(), 0), median(e.getValue(), 1));
    }
    System.out.println(sink == 42 ? "" : ""); // keeps the results alive
  }

  /** The replicas of the previous and the current fill make dpaudit's values, bit for bit. */
  /**
   * The replicas of the previous fills (retries read from the draws' own keystream) agree with each
   * other bit for bit, and dpaudit's fill is the same with the Java and the native fast path.
   */
  private static void checkReplicas(CounterStream java, CounterStream fast, DoubleBuffer out, SecretKeySpec aes, int n) {
    int m = Math.min(n, 2 * BLOCK + 1000);
    double[][] made = new double[5][m];
    for (int v = 0; v < 5; v++) {
      if (v < 2) {
        replicaFill(v == 0 ? new EcbWords(aes) : new CtrWords(aes), 3, out, m);
      } else if (v == 2) {
        localPositionFill(new CtrWords(aes), 3, out, m);
      } else {
        (v == 3 ? java : fast).fillGaussians(3, out.duplicate().limit(m), 1.0, null);
      }
      out.get(0, made[v]);
    }
    for (int v : new int[] {1, 2, 4}) {
      int reference = v == 4 ? 3 : 0;
      for (int i = 0; i < m; i++) {
        if (Double.doubleToRawLongBits(made[v][i]) != Double.doubleToRawLongBits(made[reference][i])) {
          throw new IllegalStateException("fill " + v + " differs from fill " + reference + " at " + i);
        }
      }
    }
  }

  private static double median(List<double[]> v, int k) {
    double[] a = v.stream().mapToDouble(x -> x[k]).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  private static double ctrDoFinal(SecretKeySpec aes, int bytes) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(new byte[16]));
    byte[] out = c.doFinal(new byte[bytes]);
    return out[0];
  }

  private static final byte[] ZEROS = new byte[CHUNK];
  private static final byte[] SCRATCH = new byte[CHUNK];

  private static double ctrUpdates(Cipher c, SecretKeySpec aes, int r, int bytes) throws GeneralSecurityException {
    c.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(ByteBuffer.allocate(16).putLong(r).putLong(0).array()));
    double sum = 0;
    for (int done = 0; done < bytes; done += CHUNK) {
      c.update(ZEROS, 0, CHUNK, SCRATCH, 0);
      sum += SCRATCH[0];
    }
    return sum;
  }

  private static double ecbCounter(Cipher c, int r, int bytes) throws GeneralSecurityException {
    byte[] counters = new byte[CHUNK];
    long counter = 0;
    double sum = 0;
    for (int done = 0; done < bytes; done += CHUNK) {
      for (int b = 0; b < CHUNK; b += 16) {
        LONGS.set(counters, b, Long.reverseBytes(r));
        LONGS.set(counters, b + 8, Long.reverseBytes(counter++));
      }
      c.update(counters, 0, CHUNK, SCRATCH, 0);
      sum += SCRATCH[0];
    }
    return sum;
  }

  private static double chacha(Cipher c, byte[] key, int r, int bytes) throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(r).array();
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
    double sum = 0;
    for (int done = 0; done < bytes; done += CHUNK) {
      c.update(ZEROS, 0, CHUNK, SCRATCH, 0);
      sum += SCRATCH[0];
    }
    return sum;
  }

  private static double wordsCopied(byte[] keystream, long[] words, int n) {
    long sum = 0;
    long[] chunk = new long[CHUNK_LONGS];
    for (int done = 0; done < n; done += CHUNK_LONGS) {
      ByteBuffer.wrap(keystream, 8 * done, CHUNK).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(chunk);
      for (int k = 0; k < CHUNK_LONGS; k++) {
        sum += chunk[k];
      }
    }
    return sum;
  }

  private static double wordsInPlace(byte[] keystream, int n) {
    long sum = 0;
    for (int done = 0; done < n; done += CHUNK_LONGS) {
      for (int k = 0; k < CHUNK_LONGS; k++) {
        sum += (long) LONGS.get(keystream, 8 * (done + k));
      }
    }
    return sum;
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

  /** The ziggurat's accepted draws only (about 99%): its cost floor in scalar Java. */
  private static double zigguratFastPath(long[] words, double[] out, int n) {
    for (int i = 0; i < n; i++) {
      long w = words[i];
      double u = symmetric(w);
      int layer = (int) (w & 127);
      out[i] = Math.abs(u) < Zig.RATIO[layer] ? u * Zig.X[layer] : 0;
    }
    return out[0];
  }

  /** A step's draws made block by block as dpaudit makes them, from {@code words}' keystream. */
  private static double replicaFill(Words words, long index, DoubleBuffer out, int n) {
    return blockFill(words, index, out, n, (chunk, m) -> {
      for (int k = 0; k < m; k++) {
        chunk[k] = Zig.draw(words.next(), words);
      }
    });
  }

  /** {@link #replicaFill} with the inner loop tried and not kept ({@link CtrWords#gaussians}). */
  private static double localPositionFill(CtrWords words, long index, DoubleBuffer out, int n) {
    return blockFill(words, index, out, n, words::gaussians);
  }

  /** Fills the first {@code m} values of a chunk with draws. */
  private interface ChunkDraws {
    void fill(double[] chunk, int m);
  }

  /** dpaudit's block layout: block b's keystream starts at (index, b << 40), its draws go out chunk by chunk. */
  private static double blockFill(Words words, long index, DoubleBuffer out, int n, ChunkDraws draws) {
    double[] chunk = new double[CHUNK_LONGS];
    for (int b = 0; b * BLOCK < n; b++) {
      words.start(index, (long) b << 40);
      int end = Math.min(n, (b + 1) * BLOCK);
      for (int done = b * BLOCK; done < end; done += CHUNK_LONGS) {
        int m = Math.min(CHUNK_LONGS, end - done);
        draws.fill(chunk, m);
        out.put(done, chunk, 0, m);
      }
    }
    return out.get(0);
  }

  private static double symmetric(long w) {
    return (((w >>> 11) << 1) + 1 - (1L << 53)) * 0x1.0p-53;
  }

  /** A keystream read word by word from (index, first block counter). */
  private abstract static class Words {
    final byte[] block = new byte[CHUNK];
    int next = CHUNK_LONGS;

    abstract void start(long index, long firstCounter);

    abstract long next();
  }

  /** dpaudit's previous reader: counter blocks through ECB, words copied out through a LongBuffer view. */
  private static final class EcbWords extends Words {
    private final Cipher ecb;
    private final byte[] counters = new byte[CHUNK];
    private final long[] words = new long[CHUNK_LONGS];
    private long index;
    private long counter;

    EcbWords(SecretKeySpec key) {
      try {
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, key);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void start(long index, long firstCounter) {
      this.index = index;
      this.counter = firstCounter;
      next = CHUNK_LONGS;
    }

    @Override
    long next() {
      if (next == CHUNK_LONGS) {
        for (int b = 0; b < CHUNK; b += 16) {
          LONGS.set(counters, b, Long.reverseBytes(index));
          LONGS.set(counters, b + 8, Long.reverseBytes(counter++));
        }
        try {
          ecb.update(counters, 0, CHUNK, block, 0);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
        ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words);
        next = 0;
      }
      return words[next++];
    }
  }

  /** dpaudit's current reader: the JDK's AES/CTR on zeros, words read in place. */
  private static final class CtrWords extends Words {
    private final Cipher ctr;
    private final SecretKeySpec key;

    CtrWords(SecretKeySpec key) {
      this.key = key;
      try {
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void start(long index, long firstCounter) {
      try {
        ctr.init(Cipher.ENCRYPT_MODE, key,
            new IvParameterSpec(ByteBuffer.allocate(16).putLong(index).putLong(firstCounter).array()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      next = CHUNK_LONGS;
    }

    @Override
    long next() {
      if (next == CHUNK_LONGS) {
        refill();
      }
      return (long) LONGS.get(block, (next++) << 3);
    }

    void refill() {
      try {
        ctr.update(ZEROS, 0, CHUNK, block, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      next = 0;
    }

    /**
     * m draws by a loop tried for dpaudit's fill and not kept (it did not measure faster): the fast
     * path on words read in place with the position in a local variable (no per-draw check for the
     * chunk's end, no field written per draw), the rare rejected draw through next(). The same values.
     */
    void gaussians(double[] out, int m) {
      byte[] words = block;
      int k = 0;
      while (k < m) {
        if (next == CHUNK_LONGS) {
          refill();
        }
        int pos = next;
        int stop = Math.min(CHUNK_LONGS, pos + (m - k));
        while (pos < stop) {
          long w = (long) LONGS.get(words, pos << 3);
          pos++;
          double u = symmetric(w);
          int layer = (int) (w & 127);
          if (Math.abs(u) < Zig.RATIO[layer]) {
            out[k++] = u * Zig.X[layer];
          } else {
            next = pos;
            out[k++] = Zig.rejected(u, layer, this);
            pos = next;
            stop = Math.min(CHUNK_LONGS, pos + (m - k));
          }
        }
        next = pos;
      }
    }
  }

  /**
   * Doornik's 128-layer ziggurat as dpaudit's sampler makes it (its own class is package-private):
   * the fast path, the wedges and Marsaglia's tail, consuming words in the same order.
   */
  static final class Zig {
    static final double R = 3.442619855899;
    static final double[] X = new double[129];
    static final double[] RATIO = new double[128];

    static {
      double v = 9.91256303526217e-3;
      double f = Math.exp(-0.5 * R * R);
      X[0] = v / f;
      X[1] = R;
      for (int i = 2; i < 128; i++) {
        X[i] = Math.sqrt(-2 * Math.log(v / X[i - 1] + f));
        f = Math.exp(-0.5 * X[i] * X[i]);
      }
      for (int i = 0; i < 128; i++) {
        RATIO[i] = X[i + 1] / X[i];
      }
    }

    static double draw(long w, Words words) {
      double u = symmetric(w);
      int i = (int) (w & 127);
      return Math.abs(u) < RATIO[i] ? u * X[i] : rejected(u, i, words);
    }

    static double rejected(double u, int i, Words words) {
      while (true) {
        if (i == 0) {
          double x;
          double y;
          boolean negative = u < 0;
          do {
            x = Math.log(open(words.next())) / R;
            y = Math.log(open(words.next()));
          } while (-2 * y < x * x);
          return negative ? x - R : R - x;
        }
        double x = u * X[i];
        double f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
        double f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
        if (f1 + open(words.next()) * (f0 - f1) < 1.0) {
          return x;
        }
        long w = words.next();
        u = symmetric(w);
        i = (int) (w & 127);
        if (Math.abs(u) < RATIO[i]) {
          return u * X[i];
        }
      }
    }

    private static double open(long w) {
      return ((w >>> 11) + 1) * 0x1.0p-53;
    }
  }
}
