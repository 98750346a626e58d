package org.dpaudit.cli.train;

import java.io.PrintWriter;
import org.dpaudit.core.provenance.DatasetCard;

/**
 * A warning when a claim's delta is at least 1/N for the run's N training examples.
 *
 * <p>Why: (epsilon, delta)-DP with delta >= 1/N allows a mechanism that publishes one training
 * record, chosen at random, in the clear: it meets (0, 1/N)-DP. Such a claim protects little
 * whatever its epsilon, and no accountant or audit will say so, because the arithmetic is right.
 * The command still runs (small experiments sometimes want it), but says it once on standard
 * error, as {@link DefaultDelta} does for a delta it chose.
 */
public final class WeakDelta {
  private WeakDelta() {}

  /** Whether {@code delta} is at least 1/{@code members} (false when there are no members). */
  static boolean weak(double delta, long members) {
    return members > 0 && delta * members >= 1.0;
  }

  /**
   * One line on {@code err} when a claim is computed at a delta of at least 1/N, N the members of
   * the run's split (nothing when the run has no split: a scores import without a dataset).
   */
  public static void warn(double delta, DatasetCard dataset, boolean claimComputed, PrintWriter err) {
    if (dataset == null || dataset.split() == null) {
      return;
    }
    long members = dataset.split().members();
    if (claimComputed && weak(delta, members)) {
      err.println("warning: delta " + delta + " is at least 1/N for N = " + members + " training examples: "
          + "publishing one training record in the clear meets (0, 1/N)-DP, so this claim protects little "
          + "whatever its epsilon; state a delta well below 1/N with --delta");
      err.flush();
    }
  }
}
