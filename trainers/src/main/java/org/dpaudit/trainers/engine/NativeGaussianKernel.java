package org.dpaudit.trainers.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.dpaudit.core.random.GaussianKernel;
import org.dpaudit.core.random.GaussianKernels;

/**
 * A Gaussian fill's blocks by dpaudit's native kernel ({@code dpaudit_noise.c}): the AES-256-CTR
 * keystream by AES-NI (VAES with AVX-512 where the CPU has it), the ziggurat's fast path a vector
 * at a time, written straight into the engine's memory, and the rejected draws' wedge tests (with
 * glibc's exp, each decided only when it is clear by {@link #MARGIN}; the rare closer call, and
 * the tails, go to Java). Found by core through {@link java.util.ServiceLoader};
 * gives exactly the values of core's Java definition (tested bit for bit), so whether it runs
 * never changes a draw.
 *
 * <p>Heap buffers (a Java array wrapped) go to the Java definition: the kernel writes only direct
 * memory.
 */
public final class NativeGaussianKernel implements GaussianKernel {
  /**
   * How close a wedge test's point may come to the density before Java decides it: glibc's exp and
   * StrictMath's are each within an ulp, so beyond four ulps (relative 2^-50) they decide alike.
   */
  static final double MARGIN = 0x1.0p-50;

  private final double margin;

  /** For the service loader. */
  public NativeGaussianKernel() {
    this(MARGIN);
  }

  /** With another margin: 1 leaves every wedge test to Java (tests of the hand-over). */
  NativeGaussianKernel(double margin) {
    this.margin = margin;
  }

  @Override
  public boolean available() {
    return NativeKernels.noiseAvailable();
  }

  @Override
  public Worker worker(byte[] key) {
    return new NativeWorker(key.clone(), margin);
  }

  @Override
  public String toString() {
    return "native";
  }

  /** One fill's worker on one thread: the key, and its Java fallback for heap buffers. */
  private static final class NativeWorker implements Worker {
    private final byte[] key;
    private final double margin;
    private Worker java;

    NativeWorker(byte[] key, double margin) {
      this.key = key;
      this.margin = margin;
    }

    @Override
    public Block block(long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled, int from, int count,
        double scale) {
      if (!direct(standard) || !direct(scaled) || (standard == null && scaled == null)) {
        if (java == null) {
          java = GaussianKernels.java().worker(key);
        }
        return java.block(index, firstCounter, standard, scaled, from, count, scale);
      }
      Scratch room = Scratch.of(count);
      IntBuffer pendingAt = room.pendingAt;
      LongBuffer pendingWords = room.pendingWords;
      IntBuffer tailAt = room.tailAt;
      long[] state = NativeKernels.gaussianBlock(key, index, firstCounter, standard, scaled, from, count, scale,
          margin, pendingAt, pendingWords, tailAt);
      int pending = Math.toIntExact(state[0]);
      int tails = Math.toIntExact(state[2]);
      if (pending == 0 && tails == 0) {
        return Block.DONE;
      }
      int[] at = new int[pending];
      long[] words = new long[pending];
      pendingAt.get(0, at);
      pendingWords.get(0, words);
      int[] tail = new int[tails];
      boolean[] negative = new boolean[tails];
      tailAt.get(0, tail);
      for (int j = 0; j < tails; j++) {
        negative[j] = tail[j] < 0;
        tail[j] = negative[j] ? -tail[j] - 1 : tail[j];
      }
      return new Block(at, words, state[1], tail, negative);
    }

    @Override
    public void keystream(long index, long counter, long[] out) {
      NativeKernels.keystream(key, index, counter, out);
    }

    private static boolean direct(DoubleBuffer b) {
      return b == null || (b.isDirect() && b.order() == ByteOrder.nativeOrder());
    }
  }

  /**
   * A thread's room for one block's rejected draws (1 MB for a block of 65,536), kept for the
   * thread's life. Why: a worker lives for one fill, and allocating and zeroing this room for every
   * fill cost each noise thread about a tenth of a millisecond a step, and direct memory churn. The
   * room holds no key material, only positions and rejected words that the kernel overwrites before
   * reading, and a thread uses it for one block at a time.
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> MINE = new ThreadLocal<>();

    final IntBuffer pendingAt;
    final LongBuffer pendingWords;
    final IntBuffer tailAt;

    private Scratch(int size) {
      pendingAt = ByteBuffer.allocateDirect(size * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
      pendingWords = ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
      tailAt = ByteBuffer.allocateDirect(size * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /** This thread's room, for at least {@code count} draws. */
    static Scratch of(int count) {
      Scratch room = MINE.get();
      if (room == null || room.pendingAt.capacity() < count) {
        room = new Scratch(Math.max(count, 1 << 16));
        MINE.set(room);
      }
      return room;
    }
  }
}
