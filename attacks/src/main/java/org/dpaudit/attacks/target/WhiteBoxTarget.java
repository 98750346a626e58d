package org.dpaudit.attacks.target;

/**
 * A target whose gradients with respect to its inputs are available (dpaudit's models, TorchScript
 * models): what white-box model inversion needs.
 */
public interface WhiteBoxTarget extends Target {
  /** The log-probability of each input's target class and its gradient w.r.t. that input. */
  record Gradient(float[] logProbabilities, float[] inputGradients) {}

  /**
   * @param inputs n inputs of {@code exampleShape}, row-major
   * @param exampleShape the shape of one input
   * @param targetClasses the class whose log-probability to differentiate, per input
   */
  Gradient logProbabilityGradient(float[] inputs, int[] exampleShape, int[] targetClasses);
}
