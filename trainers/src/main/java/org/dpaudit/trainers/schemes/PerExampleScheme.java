package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.List;
import org.dpaudit.trainers.engine.HostMemory;
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
    return clipCoefficients(norms, bound, 1);
  }

  /**
   * {@code min(1, bound / (norm_i + 1e-6)) / divisor}, shape (B): the clipping coefficients divided
   * by what the released sum is divided by (the expected batch size), so one array carries both.
   *
   * <p>On the CPU where dpaudit's native kernels run ({@link HostClipping#serves}), the B values are
   * computed in Java, each step one correctly rounded float32 operation; elsewhere by the engine's
   * operations (a reciprocal by power, a product, a minimum, a division), whose vector library
   * rounds the power within an ulp but not always correctly. Why: at batch 256 the engine's five
   * operations on 256 values cost 0.3-0.4 ms inside a DP step of the MNIST MLP (each wakes the
   * engine's machinery for microseconds of arithmetic), measured with {@code bench dp-step}.
   *
   * @param norms each example's norm, shape (B)
   * @param divisor positive; 1 for the coefficients themselves
   */
  public static NDArray clipCoefficients(NDArray norms, double bound, double divisor) {
    if (HostClipping.serves(norms)) {
      float[] c = HostClipping.coefficients(norms.toFloatArray(), bound, divisor);
      return norms.getManager().create(c, norms.getShape());
    }
    NDArray c = norms.add(NORM_EPSILON).pow(-1).mul(bound).minimum(1f);
    return divisor == 1 ? c : c.div(divisor);
  }

  /** Flat L2 clipping of each example's whole gradient to {@code bound}, shape (B). */
  public static NDArray l2ClipCoefficients(PerSampleGradients grads, double bound) {
    return l2ClipCoefficients(grads, bound, 1);
  }

  /**
   * Flat L2 clipping coefficients divided by {@code divisor} ({@link #clipCoefficients(NDArray,
   * double, double)}); on the host the norms never leave Java between the sum and the coefficients.
   */
  public static NDArray l2ClipCoefficients(PerSampleGradients grads, double bound, double divisor) {
    float[] norms = grads.normsOnHost();
    if (norms == null) {
      return clipCoefficients(grads.norms(), bound, divisor);
    }
    return HostMemory.floatArray(grads.manager(), HostClipping.coefficients(norms, bound, divisor));
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
