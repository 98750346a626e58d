package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.List;
import org.dpaudit.trainers.grad.PerSampleGradients;

/**
 * The base of every private scheme: it starts from per-example gradients and clips them with the
 * one rule every paper here uses, {@code c_i = min(1, C / (||g_i|| + 1e-6))}, whatever the norm (the
 * whole gradient's L2 norm for DP-SGD, one layer's for ICGC-DP, the L1 norm for the Laplace
 * schemes). Schemes whose release is a rule on the batch's per-example gradients extend {@link
 * NoisySumScheme}; the others (collaborative workers, activation privatisation) compute their step
 * themselves in {@link #gradient}.
 */
public abstract non-sealed class PerExampleScheme implements DpScheme {
  /** Guards the division for zero-gradient examples (Opacus uses the same). */
  public static final double NORM_EPSILON = 1e-6;

  /**
   * The clipping coefficients {@code min(1, bound / (norm_i + 1e-6))}, shape (B): multiplying
   * example i's gradient by its coefficient brings its norm to at most {@code bound}.
   *
   * @param norms each example's norm, shape (B)
   */
  public static NDArray clipCoefficients(NDArray norms, double bound) {
    return norms.add(NORM_EPSILON).pow(-1).mul(bound).minimum(1f);
  }

  /** Flat L2 clipping of each example's whole gradient to {@code bound}, shape (B). */
  public static NDArray l2ClipCoefficients(PerSampleGradients grads, double bound) {
    return clipCoefficients(grads.norms(), bound);
  }

  /** Zeros in the shape of every released parameter (an empty batch's sum). */
  public static NDList emptySum(StepContext ctx) {
    return emptySum(ctx, ctx.parameters());
  }

  /** Zeros in the shape of {@code params}, on the step's manager. */
  public static NDList emptySum(StepContext ctx, List<Parameter> params) {
    NDList z = new NDList();
    for (Parameter p : params) {
      z.add(ctx.manager().zeros(p.getShape()));
    }
    return z;
  }

  /** Private schemes claim some privacy. */
  @Override
  public abstract PrivacyClaim claim();
}
