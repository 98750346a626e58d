package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * NeuralDP's privatisation layer (seed 004): in training, each example's activation vector is
 * clipped to L2 norm C and Gaussian noise of std sigma C is added to every coordinate; at inference
 * it is the identity (as dropout and Keras' GaussianNoise), so the saved network is the plain
 * architecture and evaluations and attacks see exactly the model that was released.
 *
 * <pre>
 * a~_i = a_i min(1, C / ||a_i||) + N(0, sigma^2 C^2 I)      ||.|| over all of the example's features
 * </pre>
 * The noise is formed in float64 and the noisy activation rounded to float32 (as {@link
 * org.dpaudit.trainers.noise.NoiseSource#addNoise}); the backward pass sees the clipping's own
 * derivative and passes straight through the noise.
 *
 * <p>The noise comes from the caller, set before each training forward pass ({@link #setNoise}),
 * as flat standard normal draws of the run's noise source: this layer makes none itself.
 */
public final class PrivatisationLayer implements DpLayer {
  private final double clip;
  private final double noiseMultiplier;
  private NDArray standardNoise;

  /**
   * @param clip C, the per-example L2 bound of the activation
   * @param noiseMultiplier sigma: the noise std is sigma C
   */
  public PrivatisationLayer(double clip, double noiseMultiplier) {
    this.clip = clip;
    this.noiseMultiplier = noiseMultiplier;
  }

  /**
   * The standard normal draws (flat, float64, at least as many as the activation has values) the
   * next training forward pass scales by sigma C.
   */
  public void setNoise(NDArray standardNormal) {
    this.standardNoise = standardNormal;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    if (!training) {
      return x;
    }
    if (standardNoise == null || standardNoise.size() < x.size()) {
      throw new IllegalStateException("the privatisation layer needs " + x.size() + " noise values for this batch");
    }
    long b = x.getShape().get(0);
    NDArray flat = x.reshape(b, -1);
    NDArray norms = flat.square().sum(new int[] {1}).sqrt();
    NDArray factor = norms.add(1e-6).pow(-1).mul(clip).minimum(1f).reshape(b, 1);
    NDArray clipped = flat.mul(factor);
    NDArray noise = standardNoise.get("0:" + x.size()).reshape(clipped.getShape()).mul(noiseMultiplier * clip);
    NDArray noisy = clipped.stopGradient().toType(DataType.FLOAT64, false).add(noise).toType(DataType.FLOAT32, false);
    standardNoise = null; // one batch's noise is used once
    return clipped.add(noisy.sub(clipped).stopGradient()).reshape(x.getShape());
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /** C. */
  public double clip() {
    return clip;
  }

  /** sigma. */
  public double noiseMultiplier() {
    return noiseMultiplier;
  }
}
