package org.dpaudit.core.random;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ziggurat's fast path in Java: the definition every other {@link GaussianKernel} must match,
 * and the one used where no faster kernel runs. The keystream comes from the JDK's AES/CTR
 * ({@link CounterStream.Words}), a chunk at a time; draws are written by bulk copies (far cheaper
 * than a direct buffer's put per element).
 */
final class JavaGaussianKernel implements GaussianKernel {
  static final JavaGaussianKernel INSTANCE = new JavaGaussianKernel();

  private JavaGaussianKernel() {}

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Worker worker(byte[] key) {
    return new JavaWorker(new SecretKeySpec(key, "AES"));
  }

  /** One thread's words: the cipher is made once (the JDK's provider look-up is dear), then re-keyed per block. */
  private static final class JavaWorker implements Worker {
    private final SecretKeySpec key;
    private CounterStream.Words words;

    JavaWorker(SecretKeySpec key) {
      this.key = key;
    }

    private CounterStream.Words words(long index, long counter) {
      if (words == null || words.index() != index) {
        words = new CounterStream.Words(key, index, counter);
      } else {
        words.restart(counter);
      }
      return words;
    }

    @Override
    public void keystream(long index, long counter, long[] out) {
      if (out.length % 2 != 0) {
        throw new IllegalArgumentException("whole counter blocks only: " + out.length + " words");
      }
      CounterStream.Words w = words(index, counter);
      for (int i = 0; i < out.length; i++) {
        out[i] = w.next();
      }
    }

    /** The fast path only: every rejected draw is left pending. */
    @Override
    public Block block(long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled, int from,
        int count, double scale) {
      CounterStream.Words words = words(index, firstCounter);
      int chunkSize = Math.max(1, Math.min(count, CounterStream.CHUNK_LONGS));
      double[] chunk = new double[chunkSize];
      double[] times = scaled == null ? null : new double[chunkSize];
      int[] at = new int[16];
      long[] rejected = new long[16];
      int r = 0;
      for (int done = 0; done < count; done += chunkSize) {
        int m = Math.min(chunkSize, count - done);
        for (int k = 0; k < m; k++) {
          long w = words.next();
          double u = Ziggurat.symmetricUniform(w);
          int i = (int) (w & (Ziggurat.LAYERS - 1));
          chunk[k] = u * Ziggurat.X[i];
          if (!(Math.abs(u) < Ziggurat.RATIO[i])) {
            if (r == at.length) {
              at = Arrays.copyOf(at, 2 * r);
              rejected = Arrays.copyOf(rejected, 2 * r);
            }
            at[r] = done + k;
            rejected[r++] = w;
          }
        }
        if (standard != null) {
          standard.put(from + done, chunk, 0, m);
        }
        if (scaled != null) {
          for (int k = 0; k < m; k++) {
            times[k] = chunk[k] * scale;
          }
          scaled.put(from + done, times, 0, m);
        }
      }
      return r == 0 ? Block.DONE
          : new Block(Arrays.copyOf(at, r), Arrays.copyOf(rejected, r), 0, new int[0], new boolean[0]);
    }
  }
}
