package org.dpaudit.audit.mutants;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.noise.NoisyGradient;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * DP-SGD with one bug in its release, and the correct scheme's name, ledger events and claim: the
 * paperwork of a correct implementation over broken code, as the bugs found in real DP libraries
 * look (see shared/research/white-box-auditing.md, section 7). Test code for the audit; no training
 * option selects it.
 */
final class MutantScheme extends DpSgdScheme {
  /** The bugs that live in the release itself (the sampling-rate bug lives in the sampler). */
  enum Bug {
    /** Noise of a fraction of the recorded multiplier. */
    NOISE_FACTOR,
    /** No noise on the bias tensors (coordinates released clipped but un-noised, cf. NVIDIA/NVFlare#343). */
    NO_BIAS_NOISE,
    /** Per-example clipping skipped. */
    NO_CLIPPING,
    /** The same noise vector at every step (a generator reseeded per step, cf. jax_privacy's pitfalls). */
    REUSED_NOISE,
    /** Noise added to the clipped sum, then divided by the realised batch size (cf. opacus#571). */
    REALISED_DIVISOR
  }

  private final Bug bug;
  private final double noiseFactor;

  private MutantScheme(DpSgdScheme correct, Bug bug, double noiseFactor) {
    super(correct.name(), correct.clipNorm(), correct.noiseMultiplier(), correct.samplingRate(), correct.claim());
    this.bug = bug;
    this.noiseFactor = noiseFactor;
  }

  /** {@code correct} with {@code bug} (noise factor used by {@link Bug#NOISE_FACTOR} only). */
  static DpScheme of(DpScheme correct, Bug bug, double noiseFactor) {
    if (!(correct instanceof DpSgdScheme d) || correct.getClass() != DpSgdScheme.class) {
      throw new InvalidInputException("the mutation suite breaks DP-SGD; got " + correct.name());
    }
    return new MutantScheme(d, bug, noiseFactor);
  }

  @Override
  protected NoisyGradient release(PerSampleGradients grads, StepContext ctx) {
    double e = ctx.expectedBatchSize();
    NDArray coefficients = grads == null ? null
        : bug == Bug.NO_CLIPPING ? ctx.manager().ones(new ai.djl.ndarray.types.Shape(grads.batchSize()))
        : clipCoefficients(grads);
    double divisor = bug == Bug.REALISED_DIVISOR ? Math.max(1, grads == null ? 0 : grads.batchSize()) : e;
    NDList sum = grads == null ? zeros(ctx) : grads.weightedSum(coefficients.div(divisor));
    double std = noiseMultiplier() * (bug == Bug.NOISE_FACTOR ? noiseFactor : 1) * clipNorm() / divisor;
    long key = bug == Bug.REUSED_NOISE ? 0 : ctx.step();
    NDArray z = ctx.noise().gaussian(ctx.manager(), key, ctx.parameterCount(), std);
    if (bug == Bug.NO_BIAS_NOISE) {
      z = withoutBiasNoise(z, ctx.parameters());
    }
    return NoisyGradient.released(NoiseSource.addNoise(sum, z));
  }

  /** The noise with the slices of the model's bias tensors set to 0. */
  private static NDArray withoutBiasNoise(NDArray z, List<Parameter> parameters) {
    List<NDArray> parts = new ArrayList<>();
    long offset = 0;
    for (Parameter p : parameters) {
      long n = p.getArray().size();
      NDArray part = z.get(offset + ":" + (offset + n));
      parts.add(p.getType() == Parameter.Type.BIAS ? part.zerosLike() : part);
      offset += n;
    }
    NDArray out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.concat(parts.get(i));
    }
    return out.toType(DataType.FLOAT64, false);
  }

  private static NDList zeros(StepContext ctx) {
    NDList z = new NDList();
    for (Parameter p : ctx.parameters()) {
      z.add(ctx.manager().zeros(p.getShape()));
    }
    return z;
  }
}
