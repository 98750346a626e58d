package org.dpaudit.trainers.canary;

import java.util.Arrays;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.grad.CanaryRows;

/**
 * A run's white-box gradient canaries: m synthetic examples, each included in the training set
 * with probability 1/2 (the inclusion bits come from the run's own random stream, drawn once), and
 * K null coordinates that no example ever touches.
 *
 * <p>An included canary is an example like any other: the sampler draws it into a step's batch
 * with the same probability q as a real one (the sampler's population is the real examples followed
 * by the included canaries), and in the batch it is a gradient row of norm {@code norm} on its own
 * audit coordinate, which the scheme clips and noises with the rest. The canaries are extra
 * records: they do not count in the public size the sampling rate, the steps and the divisor come
 * from, so a run with canaries trains the model exactly as one without (Poisson sampling's
 * guarantee holds for any q fixed in advance, whatever the number of records).
 *
 * <p>Why a norm above the clip norm: correct clipping brings every canary down to exactly the
 * sensitivity the ledger assumes, the strongest signal a record may have; an implementation that
 * skips clipping lets the larger norm through, and the audit sees it.
 *
 * @param count m, the number of canaries (audit coordinates 0 .. m-1)
 * @param nulls K, the null coordinates (m .. m+K-1)
 * @param norm the canaries' gradient norm before clipping
 * @param included the inclusion bit of each canary
 */
public record GradientCanaries(int count, int nulls, double norm, boolean[] included) {
  /** The default number of null coordinates: enough for exact noise tests at 0.1% precision per thousand steps. */
  public static final int DEFAULT_NULLS = 1000;
  /** The canaries' gradient norm as a multiple of the clip norm. */
  public static final double NORM_FACTOR = 10;

  public GradientCanaries {
    Checks.positive("canaries", count);
    Checks.nonNegative("null coordinates", nulls);
    Checks.positive("canary gradient norm", norm);
    Checks.check(included.length == count, "expected " + count + " inclusion bits; got " + included.length);
    included = included.clone();
  }

  /** The audit tensor's size, m + K. */
  public int auditSize() {
    return count + nulls;
  }

  /** The audit coordinates of the included canaries, ascending: the sampler's positions n, n+1, ... map to these. */
  public int[] includedCoordinates() {
    int[] out = new int[count];
    int k = 0;
    for (int c = 0; c < count; c++) {
      if (included[c]) {
        out[k++] = c;
      }
    }
    return Arrays.copyOf(out, k);
  }

  @Override
  public boolean[] included() {
    return included.clone();
  }

  /**
   * The canary rows of a batch: the sampled positions at or above {@code realExamples} name
   * included canaries in order.
   *
   * @param positions the step's sampled positions, ascending
   * @param from the index of the first position that is a canary
   * @param realExamples n, the number of real examples (positions below it)
   * @param includedCoordinates {@link #includedCoordinates()}
   * @param hostLayer the layer the audit tensor belongs to
   */
  public CanaryRows rows(int[] positions, int from, int realExamples, int[] includedCoordinates, int hostLayer) {
    int[] coords = new int[positions.length - from];
    for (int i = from; i < positions.length; i++) {
      coords[i - from] = includedCoordinates[positions[i] - realExamples];
    }
    return new CanaryRows(coords, norm, auditSize(), hostLayer);
  }
}
