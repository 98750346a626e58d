package org.dpaudit.datasets.canary;

import java.util.Objects;
import org.dpaudit.datasets.Dataset;

/**
 * The m canaries of a one-run audit, as examples, and where each came from.
 *
 * @param examples the m canary examples (index = canary number)
 * @param sourceIndices for mislabeled canaries, the training-partition index each was made from
 *     (-1 for random inputs)
 */
public record CanarySet(Dataset examples, CanaryKind kind, long seed, int[] sourceIndices) {
  public CanarySet {
    Objects.requireNonNull(examples, "examples");
    sourceIndices = sourceIndices.clone();
  }

  /** The number of canaries. */
  public int size() {
    return examples.size();
  }
}
