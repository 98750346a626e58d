package org.dpaudit.core.random;

import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.dpaudit.core.DpauditException;

/**
 * One array of Gaussian draws being made, block by block, by whichever threads help: each block of
 * {@link CounterStream#GAUSSIAN_BLOCK} draws reads its own stretch of the keystream, so the values
 * never depend on who made which block or in what order.
 *
 * <p>Why: noise made ahead on a background thread of the lowest scheduling class costs the step
 * nothing when a core is idle, but on a machine whose cores are all busy that thread hardly runs.
 * The step then does not wait for it: the thread that needs the draws takes the blocks not yet
 * started ({@link #complete}), and only waits for blocks already in progress.
 *
 * <p>Writes the draws ({@code standard}, optional) and/or {@code scale} times them ({@code scaled},
 * optional), each product rounded once as any float64 multiplication, from index 0 to the
 * buffers' limit.
 */
public final class GaussianFill {
  private final CounterStream stream;
  private final long index;
  private final DoubleBuffer standard;
  private final DoubleBuffer scaled;
  private final double scale;
  private final int n;
  private final int blocks;
  private final AtomicInteger next = new AtomicInteger();
  private int filled;
  private RuntimeException failure;

  GaussianFill(CounterStream stream, long index, DoubleBuffer standard, DoubleBuffer scaled, double scale) {
    if (standard == null && scaled == null) {
      throw new IllegalArgumentException("nothing to fill");
    }
    if (standard != null && scaled != null && standard.limit() != scaled.limit()) {
      throw new IllegalArgumentException("the standard and scaled buffers differ in length");
    }
    this.stream = stream;
    this.index = index;
    this.standard = standard;
    this.scaled = scaled;
    this.scale = scale;
    this.n = (standard != null ? standard : scaled).limit();
    this.blocks = (n + CounterStream.GAUSSIAN_BLOCK - 1) / CounterStream.GAUSSIAN_BLOCK;
  }

  /** Makes blocks until none is left to start; others may still be finishing theirs. */
  public void help() {
    DoubleBuffer mineStandard = standard == null ? null : standard.duplicate();
    DoubleBuffer mineScaled = scaled == null ? null : scaled.duplicate();
    GaussianKernel.Worker worker = null;
    KeystreamWords retries = null;
    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
      try {
        if (worker == null) {
          worker = stream.kernel().worker(stream.keyBytes());
          retries = new KeystreamWords(worker);
        }
        block(b, worker, retries, mineStandard, mineScaled);
        done(null);
      } catch (RuntimeException e) {
        done(e);
        throw e;
      }
    }
  }

  /** Whether every block has been made: then {@link #complete} returns at once, and helpers have nothing to do. */
  public synchronized boolean finished() {
    return filled == blocks;
  }

  /** Helps with the blocks not started yet, then waits for the rest: every draw is made on return. */
  public void complete() {
    help();
    synchronized (this) {
      while (filled < blocks && failure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DpauditException("interrupted while waiting for noise", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * Stops the fill: no block starts any more, and blocks in progress are waited for, so no thread
   * writes into the buffers after the return (they may then be freed).
   */
  public void cancel() {
    int taken = next.getAndSet(Integer.MAX_VALUE / 2);
    synchronized (this) {
      int started = Math.min(taken, blocks);
      while (filled < started && failure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DpauditException("interrupted while waiting for noise", e);
        }
      }
    }
  }

  private synchronized void done(RuntimeException e) {
    if (e != null) {
      failure = e;
    } else {
      filled++;
    }
    notifyAll();
  }

  /**
   * Block b: the worker's draws (the fast path over the block's own words, counters from {@code b
   * << 40}, and as many rejected draws as it finishes), then the pending rejected draws in order from
   * the block's retry words (counters from {@code (b << 40) + 2^32}, far beyond the 2^15 counters the
   * fast path reads), then the draws that reached the base strip's tail, in the order they got
   * there, from the block's tail words (counters from {@code (b << 40) + 2^33}).
   */
  private void block(int b, GaussianKernel.Worker worker, KeystreamWords retries, DoubleBuffer outStandard,
      DoubleBuffer outScaled) {
    long first = (long) b << CounterStream.BLOCK_COUNTER_SHIFT;
    int from = b * CounterStream.GAUSSIAN_BLOCK;
    int count = Math.min(n, from + CounterStream.GAUSSIAN_BLOCK) - from;
    GaussianKernel.Block left = worker.block(index, first, outStandard, outScaled, from, count, scale);
    int[] pendingAt = left.pendingAt();
    int[] tailAt = java.util.Arrays.copyOf(left.tailAt(), left.tailAt().length + pendingAt.length);
    boolean[] tailNegative = java.util.Arrays.copyOf(left.tailNegative(), tailAt.length);
    int tails = left.tailAt().length;
    if (pendingAt.length > 0) {
      retries.restart(index, first + CounterStream.RETRY_COUNTER_OFFSET).skip(left.retryWordsUsed());
      for (int j = 0; j < pendingAt.length; j++) {
        double z = Ziggurat.resolveOrTail(left.pendingWords()[j], retries);
        if (Double.isInfinite(z)) {
          tailAt[tails] = pendingAt[j];
          tailNegative[tails++] = z < 0;
        } else {
          put(outStandard, outScaled, from + pendingAt[j], z);
        }
      }
    }
    if (tails > 0) {
      retries.restart(index, first + CounterStream.TAIL_COUNTER_OFFSET);
      for (int j = 0; j < tails; j++) {
        put(outStandard, outScaled, from + tailAt[j], Ziggurat.tail(retries, tailNegative[j]));
      }
    }
  }

  private void put(DoubleBuffer outStandard, DoubleBuffer outScaled, int at, double z) {
    if (outStandard != null) {
      outStandard.put(at, z);
    }
    if (outScaled != null) {
      outScaled.put(at, z * scale);
    }
  }
}
