package org.dpaudit.trainers.schemes.collab;

/**
 * The collaborative workers' disjoint partitions of the training set: contiguous ranges of
 * positions, fixed before training (so that parallel composition holds), {@code k(i) = min(K - 1,
 * floor(i K / N))}. Positions past N (included white-box canaries) belong to the last worker.
 */
final class Partitions {
  private Partitions() {}

  /** The partition of position {@code i} among {@code workers} ranges of {@code publicSize}. */
  static int of(int i, int workers, int publicSize) {
    return (int) Math.min(workers - 1, (long) i * workers / publicSize);
  }

  /**
   * Where each worker's slice of the batch starts: rows [from[k], from[k + 1]) are worker k's (the
   * batch's positions are ascending and the partitions contiguous).
   *
   * @param batch the batch's positions, ascending (may be null when {@code b} is 0)
   * @param b the number of rows
   */
  static int[] sliceStarts(int[] batch, int b, int workers, int publicSize) {
    int[] from = new int[workers + 1];
    int r = 0;
    for (int k = 0; k < workers; k++) {
      from[k] = r;
      while (r < b && of(batch[r], workers, publicSize) == k) {
        r++;
      }
    }
    from[workers] = b;
    if (r != b) {
      throw new IllegalStateException("the batch's positions are not ascending");
    }
    return from;
  }
}
