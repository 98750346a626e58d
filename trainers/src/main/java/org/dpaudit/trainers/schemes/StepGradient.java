package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;
import org.dpaudit.trainers.noise.NoisyGradient;

/**
 * What one step hands the optimizer: the released gradient estimate and the batch's summed loss
 * (for progress reports only; the loss is never released).
 *
 * @param release one array per parameter, in parameter order (then the white-box audit tensor, if
 *     any), whose noise may still be pending ({@link NoisyGradient}: added by the pass that consumes
 *     it); null only for {@link #skipped()}
 * @param lossSum the sum of the batch's per-example losses (0 for an empty batch)
 */
public record StepGradient(NoisyGradient release, double lossSum) {
  private static final StepGradient SKIPPED = new StepGradient((NoisyGradient) null, 0);

  /** A gradient released as it is (already noisy, or non-private). */
  public StepGradient(NDList gradient, double lossSum) {
    this(NoisyGradient.released(gradient), lossSum);
  }

  /**
   * A step that updates nothing, not even the optimizer's state: non-private training on an empty
   * batch (a private scheme still releases its noise then).
   */
  public static StepGradient skipped() {
    return SKIPPED;
  }

  /** Whether the step updates nothing. */
  public boolean isSkipped() {
    return release == null;
  }

  /** The released arrays, noisy ({@link NoisyGradient#materialize}); null for {@link #skipped()}. */
  public NDList gradient() {
    return release == null ? null : release.materialize();
  }
}
