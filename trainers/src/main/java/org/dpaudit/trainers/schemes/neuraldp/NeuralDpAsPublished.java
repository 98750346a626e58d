package org.dpaudit.trainers.schemes.neuraldp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.schemes.ActivationReleaseBound;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code neuraldp}, NeuralDP as published: the ordinary (non-private) gradient of the mean loss,
 * through the privatisation layer.
 *
 * <p>The post-processing argument covers what is computed from the privatised activations alone.
 * The layers below the privatised activation are trained with unclipped, un-noised gradients of the
 * raw examples; the labels reach the layers above without noise; and each noisy activation is one
 * example's own release (a row of the batch), not a noisy sum, so under add/remove-one the rows
 * reveal membership. The model therefore has no finite epsilon: each step is recorded as a {@link
 * DpEvent.NonPrivate} release. What the activation noise does buy is reported as a caveat: {@link
 * ActivationReleaseBound} for one identified example under feature substitution with its label
 * public.
 */
public final class NeuralDpAsPublished extends NeuralDp {
  NeuralDpAsPublished(String name, NeuralDpOptions options, double activationSigma, double samplingRate, PrivacyClaim claim,
      List<String> caveats) {
    super(name, options, activationSigma, samplingRate, claim, caveats);
  }

  /** Builds neuraldp: the activation noise multiplier given or calibrated as the paper accounts it. */
  public static NeuralDpAsPublished create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    NeuralDpOptions options = NeuralDpOptions.read(o);
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    String basis = plan.calibrated()
        ? String.format(Locale.ROOT, "; sigma %.4f calibrated for the target epsilon", sigma) : "";
    PrivacyClaim claim = plan.claim(String.format(Locale.ROOT, "NeuralDP (Knolle et al. 2021) as we reconstruct its "
        + "accounting: the activation noise multiplier %.4g accounted per step as a Poisson-sampled Gaussian at rate "
        + "%.4g, %d steps (RDP), and the network DP by post-processing%s", sigma, q, steps, basis));
    double feature = ActivationReleaseBound.epsilon(sigma, q, steps, plan.delta());
    List<String> caveats = List.of(
        "neuraldp: the layers below the privatised activation are trained with unclipped, un-noised gradients of the "
            + "raw examples; post-processing covers only what is computed from the privatised activations, so the "
            + "model has no finite epsilon (every step is recorded as a non-private release)",
        "neuraldp: the labels reach the layers above without noise, and each noisy activation is one example's own "
            + "release (a row of the batch), not a noisy sum: under add/remove-one the rows reveal membership, so "
            + "even the layers above have no central DP guarantee",
        String.format(Locale.ROOT, "neuraldp: what the activation noise does buy: for one identified example whose "
            + "label is public, against anyone who sees the noisy activations, with its features replaced by anyone "
            + "else's (activation sensitivity 2 C_a), the run's activation stream is (%.4g, %s)-DP (local privacy of "
            + "each step's sampled-or-absent release, composed over %d steps; ActivationReleaseBound)", feature,
            plan.delta(), steps));
    return new NeuralDpAsPublished(id.name(), options, sigma, q, claim, caveats);
  }

  /** The activation noise multiplier. */
  @Override
  public double noiseMultiplier() {
    return privatisation.noiseMultiplier();
  }

  @Override
  long gradientNoiseSize(long p) {
    return 0;
  }

  @Override
  NDArray gradientNoise(NDArray z, long p, double e) {
    return null;
  }

  /** The mean of every row's gradient over the realised batch: no clipping, no gradient noise. */
  @Override
  NDList release(PerSampleGradients g, NDArray gradientNoise, double e, StepContext ctx) {
    int rows = g.batchSize();
    return g.weightedSum(ctx.manager().ones(new Shape(rows)).div(rows));
  }

  @Override
  public DpEvent stepEvent(long step) {
    return new DpEvent.NonPrivate();
  }
}
