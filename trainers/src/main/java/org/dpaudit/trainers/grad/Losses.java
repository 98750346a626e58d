package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Per-example losses, as a vector, so DP code can sum (not average) them before the backward pass. */
public final class Losses {
  private Losses() {}

  /**
   * Softmax cross-entropy per example: {@code log sum_k exp(z_k) - z_y}.
   *
   * @param logits (B, K)
   * @param labels (B) integer class labels
   * @return (B)
   */
  public static NDArray crossEntropy(NDArray logits, NDArray labels) {
    int classes = Math.toIntExact(logits.getShape().get(1));
    NDArray oneHot = labels.oneHot(classes, DataType.FLOAT32);
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
  }
}
