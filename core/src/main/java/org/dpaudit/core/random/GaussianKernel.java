package org.dpaudit.core.random;

import java.nio.DoubleBuffer;

/**
 * The ziggurat's fast path over one block of a Gaussian fill: for draw {@code k} of the block, the
 * keystream word {@code k} (from the block's first counter on) gives {@code u * X[i]} when it lies
 * in layer i's rectangle (97.2% of draws); the other draws are returned, with their words,
 * for {@code Ziggurat.resolve} to finish in order.
 *
 * <p>Why an interface: the fast path is nearly all of a DP step's noise cost, and the scalar Java
 * loop ({@link JavaGaussianKernel}) runs at about a third of what a native one does. A faster
 * implementation (the trainers module's native kernel) is found through {@link java.util.ServiceLoader};
 * each must give exactly the values of the Java one, which defines them (tested bit for bit).
 */
public interface GaussianKernel {
  /** Whether this implementation runs here (its library is loaded, the CPU has what it needs). */
  boolean available();

  /**
   * A worker for one thread over the AES-256-CTR keystream under {@code key}: it may keep buffers
   * and a cipher between calls, so a thread makes many blocks without setting them up again.
   */
  Worker worker(byte[] key);

  /** One thread's fast path and keystream (not thread-safe). */
  interface Worker {
    /**
     * Writes the fast-path draws of one block: for {@code k < count}, the draw from word {@code k}
     * of the keystream of {@code index} read from block counter {@code firstCounter}, at position
     * {@code from + k} of {@code standard} and, times {@code scale}, of {@code scaled} (either may
     * be null; absolute positions, buffer positions ignored). Positions of rejected draws get
     * unspecified values.
     *
     * @return the rejected draws, in increasing order of k
     */
    Rejections fastPath(long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled, int from, int count,
        double scale);

    /**
     * Fills {@code words} with the keystream words of {@code index} from block counter {@code
     * counter} on (two words a counter; {@code words.length} even): what rejected draws read on.
     */
    void keystream(long index, long counter, long[] words);
  }

  /**
   * Draws of a block that fell outside their layer's rectangle: {@code at[j]} is the position in
   * the block (k), {@code words[j]} its keystream word, for {@code j < count}.
   */
  record Rejections(int count, int[] at, long[] words) {
    /** No rejected draw. */
    public static final Rejections NONE = new Rejections(0, new int[0], new long[0]);
  }
}
