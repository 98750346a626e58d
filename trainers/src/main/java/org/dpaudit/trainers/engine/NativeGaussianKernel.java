package org.dpaudit.trainers.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.dpaudit.core.random.GaussianKernel;
import org.dpaudit.core.random.GaussianKernels;

/**
 * The ziggurat's fast path by dpaudit's native kernel ({@code dpaudit_noise.c}): the AES-256-CTR
 * keystream by AES-NI (VAES with AVX-512 where the CPU has it) and the draws a vector at a time,
 * written straight into the engine's memory. Found by core through {@link java.util.ServiceLoader};
 * gives exactly the values of core's Java definition (tested bit for bit), so whether it runs
 * never changes a draw.
 *
 * <p>Heap buffers (a Java array wrapped) go to the Java definition: the kernel writes only direct
 * memory.
 */
public final class NativeGaussianKernel implements GaussianKernel {
  /** For the service loader. */
  public NativeGaussianKernel() {}

  @Override
  public boolean available() {
    return NativeKernels.noiseAvailable();
  }

  @Override
  public Worker worker(byte[] key) {
    return new NativeWorker(key.clone());
  }

  @Override
  public String toString() {
    return "native";
  }

  /** One thread's room for a block's rejected draws, and its Java fallback for heap buffers. */
  private static final class NativeWorker implements Worker {
    private final byte[] key;
    private IntBuffer at;
    private LongBuffer words;
    private Worker java;

    NativeWorker(byte[] key) {
      this.key = key;
    }

    @Override
    public Rejections fastPath(long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled, int from,
        int count, double scale) {
      if (!direct(standard) || !direct(scaled) || (standard == null && scaled == null)) {
        if (java == null) {
          java = GaussianKernels.java().worker(key);
        }
        return java.fastPath(index, firstCounter, standard, scaled, from, count, scale);
      }
      if (at == null || at.capacity() < count) {
        int size = Math.max(count, 1 << 16);
        at = ByteBuffer.allocateDirect(size * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
        words = ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
      }
      int r = NativeKernels.gaussianFast(key, index, firstCounter, standard, scaled, from, count, scale, at, words);
      if (r == 0) {
        return Rejections.NONE;
      }
      int[] rejectedAt = new int[r];
      long[] rejectedWords = new long[r];
      at.get(0, rejectedAt);
      words.get(0, rejectedWords);
      return new Rejections(r, rejectedAt, rejectedWords);
    }

    @Override
    public void keystream(long index, long counter, long[] out) {
      NativeKernels.keystream(key, index, counter, out);
    }

    private static boolean direct(DoubleBuffer b) {
      return b == null || (b.isDirect() && b.order() == ByteOrder.nativeOrder());
    }
  }
}
