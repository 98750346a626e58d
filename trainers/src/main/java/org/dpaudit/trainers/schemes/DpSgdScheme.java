package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoisyGradient;

/**
 * DP-SGD (Abadi et al. 2016), also seed 000's pSGD baseline.
 *
 * <pre>
 * c_i   = min(1, C / (||g_i||_2 + 1e-6))                 flat per-example L2 clipping to C
 * g~    = (sum_i c_i g_i + N(0, sigma^2 C^2 I)) / (q N)  noise on the clipped sum, divided by the
 *                                                        expected batch size
 * event = PoissonSampled(q, Gaussian(sigma))             per step
 * </pre>
 *
 * Noise is calibrated to the quantity it is added to (the sum, sensitivity C under add/remove-one)
 * and only then divided: the mistake jax_privacy issue #383 found in an official example is
 * avoided by construction. An empty batch still gets its noise (the mechanism ran).
 */
public class DpSgdScheme extends NoisySumScheme {
  private final String name;
  private final double clipNorm;
  private final double noiseMultiplier;
  private final double samplingRate;
  private final PrivacyClaim claim;

  /**
   * @param claim what the scheme's paper claims for this run (for DP-SGD: the target epsilon, or
   *     what the moments accountant gives)
   */
  public DpSgdScheme(String name, double clipNorm, double noiseMultiplier, double samplingRate, PrivacyClaim claim) {
    this.name = name;
    this.clipNorm = Checks.positive("clip norm", clipNorm);
    this.noiseMultiplier = Checks.nonNegative("noise multiplier", noiseMultiplier);
    this.samplingRate = Checks.samplingRate("sampling rate", samplingRate);
    this.claim = claim;
  }

  /**
   * DP-SGD with sigma given or calibrated. The claim is DP-SGD's own: the moments accountant's
   * epsilon for the planned steps (computed here with the RDP accountant, its modern form), or the
   * target the noise was calibrated for.
   */
  static DpScheme dpsgd(SchemeId id, SchemeOptions options, SchemeContext ctx) {
    return create(id, ctx, "");
  }

  /** pSGD, seed 000's baseline [35]: DP-SGD under another name, its claim saying so. */
  static DpScheme psgd(SchemeId id, SchemeOptions options, SchemeContext ctx) {
    return create(id, ctx, "pSGD, seed 000's name for DP-SGD: ");
  }

  private static DpScheme create(SchemeId id, SchemeContext ctx, String who) {
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    String basis = plan.calibrated()
        ? who + "target epsilon; sigma " + String.format("%.4f", plan.sigma())
            + (ctx.accounting().calibrationAccountant() == AccountantKind.PLD
                ? " calibrated for it with the PLD accountant (DP-SGD, Abadi et al. 2016, accounted by its privacy "
                    + "loss distribution)"
                : " calibrated for it with the RDP accountant (moments accountant, Abadi et al. 2016)")
        : who + "moments accountant (Abadi et al. 2016) for the planned " + ctx.totalSteps() + " steps at sigma "
            + plan.sigma() + ", computed with RDP";
    return new DpSgdScheme(id.name(), ctx.config().clipNorm(), plan.sigma(), ctx.samplingRate(), plan.claim(basis));
  }

  @Override
  public String name() {
    return name;
  }

  /** The noise multiplier sigma (for a schedule: its value at step 0). */
  @Override
  public double noiseMultiplier() {
    return noiseMultiplier;
  }

  /** The clipping norm C. */
  public double clipNorm() {
    return clipNorm;
  }

  /** The sampling rate q the ledger records. */
  public double samplingRate() {
    return samplingRate;
  }

  /**
   * The noisy gradient estimate: {@link #release}'s, its noise added. Final, so that it cannot
   * differ from what the trainer applies: a subclass that changes the release overrides {@link
   * #release}.
   */
  @Override
  public final NDList privatize(PerSampleGradients grads, StepContext ctx) {
    return release(grads, ctx).materialize();
  }

  /**
   * The noisy gradient estimate with its noise left for the consuming pass to add (for plain SGD
   * on the CPU, the update's pass). The division by the expected batch size E = qN (never the
   * realised batch size, which would leak it) is folded into the clipping coefficients and the
   * noise scale: {@code (sum_i c_i g_i + sigma C z) / E = sum_i (c_i / E) g_i + (sigma C / E) z}.
   */
  @Override
  protected NoisyGradient release(PerSampleGradients grads, StepContext ctx) {
    double e = ctx.expectedBatchSize();
    NDList sum = grads == null ? emptySum(ctx) : grads.weightedSum(clipCoefficients(grads, e));
    double std = noiseMultiplierAt(ctx.step()) * clipNorm / e;
    long coordinates = 0;
    for (NDArray s : sum) {
      coordinates += s.size();
    }
    if (coordinates != ctx.parameterCount()) {
      throw new IllegalStateException("the clipped sum has " + coordinates + " coordinates for "
          + ctx.parameterCount() + " parameters");
    }
    return ctx.noise().gaussianRelease(sum, ctx.manager(), ctx.step(), std);
  }

  /** The noise multiplier of step {@code step}: constant here; a schedule in subclasses (APPDL). */
  public double noiseMultiplierAt(long step) {
    return noiseMultiplier;
  }

  /** Flat clipping coefficients {@code min(1, C / ||g_i||)}, shape (B). */
  public NDArray clipCoefficients(PerSampleGradients grads) {
    return clipCoefficients(grads, 1);
  }

  /**
   * {@link #clipCoefficients(PerSampleGradients)} divided by {@code divisor} (the expected batch
   * size, in {@link #privatize}), computed together ({@link #clipCoefficients(NDArray, double,
   * double)}).
   */
  public NDArray clipCoefficients(PerSampleGradients grads, double divisor) {
    return l2ClipCoefficients(grads, clipNorm, divisor);
  }

  /** The clip norm C: the L2 sensitivity of the clipped sum under add/remove-one. */
  @Override
  public java.util.OptionalDouble sumSensitivity(long step) {
    return java.util.OptionalDouble.of(clipNorm);
  }

  @Override
  public boolean replayable() {
    return true;
  }

  @Override
  public DpEvent stepEvent(long step) {
    return new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(noiseMultiplierAt(step)));
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    return List.of();
  }
}
