package org.dpaudit.core.random;

/**
 * The words a block's rejected draws read on ({@link Ziggurat#resolveOrTail}) or a block's tail draws: the keystream from one
 * counter on, fetched from a {@link GaussianKernel.Worker} a few thousand words at a time (a block's
 * 65,536 draws reject about 1,800 and read about 2,000 further words).
 */
final class KeystreamWords implements Ziggurat.Words {
  private static final int CHUNK = 2048;

  private final GaussianKernel.Worker worker;
  private final long[] chunk = new long[CHUNK];
  private long index;
  private long counter;
  private int next;

  KeystreamWords(GaussianKernel.Worker worker) {
    this.worker = worker;
  }

  /** Reads the keystream of {@code index} from block counter {@code counter} on. */
  KeystreamWords restart(long index, long counter) {
    this.index = index;
    this.counter = counter;
    this.next = CHUNK;
    return this;
  }

  /** Passes over {@code words} words (read elsewhere already). */
  KeystreamWords skip(long words) {
    counter += words / 2;
    if (words % 2 != 0) {
      next();
    }
    return this;
  }

  @Override
  public long next() {
    if (next == CHUNK) {
      worker.keystream(index, counter, chunk);
      counter += CHUNK / 2;
      next = 0;
    }
    return chunk[next++];
  }
}
