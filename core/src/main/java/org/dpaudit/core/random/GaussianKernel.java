package org.dpaudit.core.random;

import java.nio.DoubleBuffer;

/**
 * The ziggurat's fast path over one block of a Gaussian fill: for draw {@code k} of the block, the
 * keystream word {@code k} (from the block's first counter on) gives {@code u * X[i]} when it lies
 * in layer i's rectangle (97.2% of draws); the others take wedge tests and new tries from the
 * block's retry words, in order, and the few that reach the base strip's tail are drawn last from
 * words of their own. A worker does what it can of this and returns the rest ({@link Block}) for
 * {@code Ziggurat} to finish.
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
     * Makes one block's draws as far as it can: for {@code k < count}, the draw from word {@code k}
     * of the keystream of {@code index} read from block counter {@code firstCounter}, at position
     * {@code from + k} of {@code standard} and, times {@code scale}, of {@code scaled} (either may
     * be null; absolute positions, buffer positions ignored). Draws outside their layer's
     * rectangle it may finish (wedge tests and new tries from the block's retry words, in order of
     * k), stopping at the first it cannot decide exactly as {@code Ziggurat.resolveOrTail} would;
     * positions it leaves pending or sends to the tail get unspecified values.
     */
    Block block(long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled, int from, int count,
        double scale);

    /**
     * Fills {@code words} with the keystream words of {@code index} from block counter {@code
     * counter} on (two words a counter; {@code words.length} even): what rejected draws read on.
     */
    void keystream(long index, long counter, long[] words);
  }

  /**
   * What a worker left of a block: the draws it did not finish ({@code pendingAt[j]}, the position
   * k in the block, and {@code pendingWords[j]}, its first word, in increasing k), how many of the
   * block's retry words it read before the first of them, and the draws it sent to the base
   * strip's tail ({@code tailAt[j]}, in the order they got there; {@code tailNegative[j]} the side).
   */
  record Block(int[] pendingAt, long[] pendingWords, long retryWordsUsed, int[] tailAt, boolean[] tailNegative) {
    /** Every draw finished. */
    public static final Block DONE = new Block(new int[0], new long[0], 0, new int[0], new boolean[0]);
  }
}
