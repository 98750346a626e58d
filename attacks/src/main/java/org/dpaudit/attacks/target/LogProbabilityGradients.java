package org.dpaudit.attacks.target;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.dpaudit.attacks.target.WhiteBoxTarget.Gradient;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.engine.Engines;

/**
 * The one way a white-box target differentiates its target-class log-probability with respect to
 * its inputs, whatever computes the logits (a dpaudit network or a TorchScript module). The input
 * is a leaf array, because DJL silently returns zeros for the gradient of a non-leaf.
 */
final class LogProbabilityGradients {
  private LogProbabilityGradients() {}

  /**
   * @param logitsOf the differentiable forward pass from a batch of inputs to its logits
   */
  static Gradient compute(NDManager manager, UnaryOperator<NDArray> logitsOf, int numClasses, float[] inputs,
      int[] exampleShape, int[] targetClasses) {
    long[] dims = new long[exampleShape.length + 1];
    dims[0] = targetClasses.length;
    long size = targetClasses.length;
    for (int i = 0; i < exampleShape.length; i++) {
      dims[i + 1] = exampleShape[i];
      size *= exampleShape[i];
    }
    if (size != inputs.length) {
      throw new InvalidInputException(inputs.length + " input values do not make " + targetClasses.length
          + " inputs of shape " + Arrays.toString(exampleShape));
    }
    try (NDScope scope = new NDScope()) {
      NDArray x = manager.create(inputs, new Shape(dims));
      x.setRequiresGradient(true);
      NDArray logp;
      try (GradientCollector gc = Engines.engine().newGradientCollector()) {
        NDArray oneHot = manager.create(targetClasses).oneHot(numClasses, DataType.FLOAT32);
        logp = logitsOf.apply(x).logSoftmax(1).mul(oneHot).sum(new int[] {1});
        gc.backward(logp.sum());
      }
      return new Gradient(logp.toFloatArray(), x.getGradient().toFloatArray());
    }
  }
}
