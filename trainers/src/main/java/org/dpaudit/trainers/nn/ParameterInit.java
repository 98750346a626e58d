package org.dpaudit.trainers.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.random.RandomGenerator;

/**
 * Initial parameter values, drawn from dpaudit's randomness root (stream {@code init}) rather than
 * the engine's global generator, so a seeded run starts from the same weights every time.
 *
 * <p>PyTorch's defaults: weights and biases of Linear and Conv2d uniform on {@code [-1/sqrt(fan_in),
 * 1/sqrt(fan_in)]} (kaiming_uniform with a = sqrt(5)); normalisation scales 1 and shifts 0.
 */
public final class ParameterInit {
  private ParameterInit() {}

  /** Initialises one parameter in place; {@code fanIn} is the weight's inputs per output. */
  public static void initialise(Parameter p, long fanIn, RandomGenerator rng) {
    NDArray a = p.getArray();
    int n = Math.toIntExact(a.size());
    float[] values = new float[n];
    switch (p.getType()) {
      case GAMMA -> java.util.Arrays.fill(values, 1f);
      case BETA -> java.util.Arrays.fill(values, 0f);
      default -> {
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < n; i++) {
          values[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
      }
    }
    ArrayValues.copyInto(a, values);
  }
}
