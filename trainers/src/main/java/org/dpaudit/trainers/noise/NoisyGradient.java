package org.dpaudit.trainers.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * A step's released gradient, possibly with its Gaussian noise still to be added by the pass that
 * consumes it.
 *
 * <p>Why: for plain SGD on the CPU, adding the noise and taking the update are one pass over the
 * memory ({@link #descend}): the noisy gradient is never written and read back (for the MNIST MLP,
 * 4.3 MB less memory traffic a step), with the same bits as adding the noise and then updating.
 *
 * <p>Safety: a pending gradient holds the un-noised clipped sum, and this class is the only holder
 * of it once made ({@link NoiseSource#gaussianRelease}): there is no accessor for the sum, and each
 * way out ({@link #materialize}, {@link #descend}) adds the noise to every coordinate it releases.
 * Code that forgets the noise cannot be written against this type; the white-box audit reads its
 * audit tensor through the same {@link #descend} that updates the model.
 *
 * <p>It is consumed once: {@link #materialize} may be called again (it returns the same arrays),
 * but not after {@link #descend}, whose noisy values of the updated arrays never exist. The
 * standard draws belong to the {@link NoiseSource} until its next draw: consuming a pending
 * gradient after that is refused (its draws' memory is gone).
 */
public final class NoisyGradient {
  private final NoiseSource source;
  private final long generation;
  private final double scale;
  private final int arrays;
  private NDList sum;
  private NDArray standard;
  private NDList noisy;
  private boolean descended;

  private NoisyGradient(NoiseSource source, long generation, NDList sum, NDArray standard, double scale,
      NDList noisy) {
    this.source = source;
    this.generation = generation;
    this.sum = sum;
    this.standard = standard;
    this.scale = scale;
    this.noisy = noisy;
    this.arrays = sum != null ? sum.size() : noisy.size();
  }

  /**
   * A gradient released as it is: already noisy (a scheme that adds its own noise), or a
   * non-private gradient.
   */
  public static NoisyGradient released(NDList gradient) {
    if (gradient == null) {
      throw new IllegalArgumentException("no gradient");
    }
    return new NoisyGradient(null, 0, null, null, 0, gradient);
  }

  /** {@code sum} plus {@code scale} times the standard draws {@code standard}, not yet added. */
  static NoisyGradient pending(NoiseSource source, long generation, NDList sum, NDArray standard, double scale) {
    return new NoisyGradient(source, generation, sum, standard, scale, null);
  }

  /** The number of arrays released (one per parameter, then any audit tensor). */
  public int arrays() {
    return arrays;
  }

  /**
   * The released arrays, noisy: the noise is added now if it was pending (over the sum's memory;
   * {@link NoiseSource#addScaledNoise}). Refused after {@link #descend}.
   */
  public NDList materialize() {
    if (descended) {
      throw new IllegalStateException("this gradient was consumed by an update: its noisy values were never formed");
    }
    if (noisy == null) {
      requireDraws();
      noisy = NoiseSource.addScaledNoise(sum, standard, scale);
      sum = null;
      standard = null;
    }
    return noisy;
  }

  /**
   * Plain SGD with learning rate {@code lr} with the noise added in the same pass, where the noise
   * is pending and the kernels serve these arrays (the CPU): {@code w_i = w_i - float32(lr) *
   * noisy_i} for the first {@code weights.size()} arrays, in place, each value the same bits as
   * {@link #materialize} and then the optimizer's plain SGD ({@code NativeKernels.sgdUpdate}). The
   * remaining arrays (a white-box audit tensor: released, not a parameter) are returned noisy.
   *
   * @return the remaining arrays, noisy; or null, touching nothing, when the update cannot be fused
   *     here (the noise was added already, another device or type): the caller then materialises
   *     and updates
   */
  public NDList descend(List<NDArray> weights, double lr) {
    if (weights.size() > arrays) {
      throw new IllegalArgumentException(weights.size() + " weights for a gradient of " + arrays + " arrays");
    }
    if (descended) {
      throw new IllegalStateException("this gradient was already consumed by an update");
    }
    if (noisy != null) {
      return null;
    }
    requireDraws();
    NDList rest = FusedNoiseAddition.descend(weights, sum, standard, scale, (float) lr);
    if (rest != null) {
      descended = true;
      sum = null;
      standard = null;
    }
    return rest;
  }

  private void requireDraws() {
    if (!source.holds(generation)) {
      throw new IllegalStateException("the noise of this gradient was freed by a later draw: a released gradient "
          + "must be consumed before its source draws again");
    }
  }
}
