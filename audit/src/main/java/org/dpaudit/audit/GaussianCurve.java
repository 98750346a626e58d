package org.dpaudit.audit;

import java.util.Objects;
import org.dpaudit.core.privacy.DpEvent;

/**
 * Whether a run's mechanism has an exactly Gaussian trade-off curve, the assumption of the
 * Gaussian-DP bound and of the f-DP one-run refinement.
 *
 * <p>A composition of Gaussian mechanisms (noise multipliers sigma_i, L2 sensitivity 1) is exactly
 * mu-GDP with {@code mu = sqrt(sum 1/sigma_i^2)} (Dong, Roth, Su 2019, Corollary 3.3), and
 * post-processing (the final model, a loss on it) keeps the curve at least as private. Poisson
 * subsampling at a rate below 1 breaks this: the subsampled Gaussian's curve is not Gaussian (it is
 * close only asymptotically, by the central limit theorem of the same paper), and an
 * (eps, delta)-DP guarantee for it does not imply mu(eps, delta)-GDP. So DP-SGD with q < 1, the usual
 * case, does not qualify; full-batch noisy gradient descent does.
 */
public final class GaussianCurve {
  private GaussianCurve() {}

  /** True iff {@code event} is built from Gaussian releases only, none of them subsampled. */
  public static boolean holds(DpEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof DpEvent.Gaussian g) {
      return g.noiseMultiplier() > 0;
    }
    if (event instanceof DpEvent.SelfComposed s) {
      return holds(s.event());
    }
    if (event instanceof DpEvent.Composed c) {
      return !c.events().isEmpty() && c.events().stream().allMatch(GaussianCurve::holds);
    }
    if (event instanceof DpEvent.PoissonSampled p) {
      return p.samplingRate() == 1 && holds(p.event());
    }
    return false;
  }
}
