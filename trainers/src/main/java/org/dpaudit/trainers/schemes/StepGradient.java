package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;

/**
 * What one step hands the optimizer: the gradient estimate and the batch's summed loss (for
 * progress reports only; the loss is never released).
 *
 * @param gradient one array per parameter, in parameter order; null only for {@link #skipped()}
 * @param lossSum the sum of the batch's per-example losses (0 for an empty batch)
 */
public record StepGradient(NDList gradient, double lossSum) {
  private static final StepGradient SKIPPED = new StepGradient(null, 0);

  /**
   * A step that updates nothing, not even the optimizer's state: non-private training on an empty
   * batch (a private scheme still releases its noise then).
   */
  public static StepGradient skipped() {
    return SKIPPED;
  }

  /** Whether the step updates nothing. */
  public boolean isSkipped() {
    return gradient == null;
  }
}
