package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout whose masks come from a stream of dpaudit's randomness root (never the engine's
 * global generator, which would make seeded runs irreproducible). Masks are per example, so dropout
 * does not mix examples and per-example gradients stay exact.
 */
public final class DropoutLayer implements DpLayer {
  private final double rate;
  private RandomGenerator rng;

  public DropoutLayer(double rate) {
    this.rate = rate;
  }

  /** Sets the generator masks are drawn from (the trainer gives each run its own stream). */
  public void setRandom(RandomGenerator rng) {
    this.rng = rng;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    if (!training || rate == 0) {
      return x;
    }
    if (rng == null) {
      throw new IllegalStateException("dropout needs a random stream before training (DropoutLayer.setRandom)");
    }
    int n = Math.toIntExact(x.size());
    float[] mask = new float[n];
    float keep = (float) (1 / (1 - rate));
    for (int i = 0; i < n; i++) {
      mask[i] = rng.nextDouble() < rate ? 0f : keep;
    }
    return x.mul(x.getManager().create(mask, x.getShape()));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
