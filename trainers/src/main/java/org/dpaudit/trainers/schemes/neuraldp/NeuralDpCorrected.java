package org.dpaudit.trainers.schemes.neuraldp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code neuraldp-corrected}: DP-SGD on every parameter (clip C, noise sigma C on the sum, / E),
 * through the same privatisation layer, which is kept but credited nothing. Each step is
 * DP-SGD's, a Poisson-sampled Gaussian of multiplier sigma.
 */
public final class NeuralDpCorrected extends NeuralDp {
  /** The activation noise multiplier when not given (ours). */
  public static final double DEFAULT_ACTIVATION_NOISE = 1.0;

  private final double gradientClip;
  private final double gradientSigma;

  NeuralDpCorrected(String name, NeuralDpOptions options, double activationSigma, double gradientClip, double gradientSigma,
      double samplingRate, PrivacyClaim claim) {
    super(name, options, activationSigma, samplingRate, claim, List.of());
    this.gradientClip = gradientClip;
    this.gradientSigma = gradientSigma;
  }

  /** Builds neuraldp-corrected: DP-SGD's sigma given or calibrated, the activation noise an option. */
  public static NeuralDpCorrected create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    NeuralDpOptions options = NeuralDpOptions.read(o);
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    double activationSigma = o.positive("activation-noise", DEFAULT_ACTIVATION_NOISE);
    String basis = plan.calibrated()
        ? String.format(Locale.ROOT, "; sigma %.4f calibrated for the target epsilon", sigma) : "";
    PrivacyClaim claim = plan.claim(String.format(Locale.ROOT, "neuraldp-corrected: DP-SGD on every parameter, each "
        + "step a Poisson-sampled Gaussian of multiplier %.4g at rate %.4g, %d steps (RDP)%s; the activation noise is "
        + "not credited", sigma, ctx.samplingRate(), ctx.totalSteps(), basis));
    return new NeuralDpCorrected(id.name(), options, activationSigma, ctx.config().clipNorm(), sigma,
        ctx.samplingRate(), claim);
  }

  /** DP-SGD's noise multiplier. */
  @Override
  public double noiseMultiplier() {
    return gradientSigma;
  }

  @Override
  long gradientNoiseSize(long p) {
    return p;
  }

  @Override
  NDArray gradientNoise(NDArray z, long p, double e) {
    long act = activationDraw();
    return z.get(act + ":" + (act + p)).mul(gradientSigma * gradientClip / e);
  }

  /** DP-SGD's clipped sum plus the gradient noise, over E. */
  @Override
  NDList release(PerSampleGradients g, NDArray gradientNoise, double e, StepContext ctx) {
    return NoiseSource.addNoise(g.weightedSum(l2ClipCoefficients(g, gradientClip).div(e)), gradientNoise);
  }

  /** The gradient clip norm (DP-SGD through the layer). */
  @Override
  public OptionalDouble sumSensitivity(long step) {
    return OptionalDouble.of(gradientClip);
  }

  @Override
  public DpEvent stepEvent(long step) {
    return new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(gradientSigma));
  }
}
