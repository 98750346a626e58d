package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;
import java.util.Objects;

/**
 * What one private step hands the optimizer: the gradient estimate and the batch's summed loss (for
 * progress reports only; the loss is never released).
 *
 * @param gradient one array per parameter, in parameter order
 * @param lossSum the sum of the batch's per-example losses (0 for an empty batch)
 */
public record StepGradient(NDList gradient, double lossSum) {
  public StepGradient {
    Objects.requireNonNull(gradient, "gradient");
  }
}
