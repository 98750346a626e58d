package org.dpaudit.trainers.schemes;

import java.util.function.DoubleFunction;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.trainers.loop.PrivacyConfig;

/**
 * A Gaussian scheme's noise multiplier and claimed epsilon, resolved once from the run's
 * configuration: sigma as given ({@code --noise-multiplier}; the claim is then the RDP epsilon of
 * the planned steps, the moments accountant's modern form) or calibrated for the target ({@code
 * --epsilon}; the claim is the target). Every Gaussian scheme starts here; only the words of its
 * claim are its own.
 *
 * @param sigma the noise multiplier (a schedule's first)
 * @param epsilon the epsilon the scheme's paper would claim for the planned run
 * @param delta the run's delta
 * @param calibrated whether sigma was calibrated for a target epsilon (false: given)
 */
public record NoisePlan(double sigma, double epsilon, double delta, boolean calibrated) {
  /**
   * The plan for {@code totalSteps} Poisson-sampled Gaussian steps of one multiplier at rate q;
   * a target is calibrated with the run's calibration accountant (RDP unless {@code
   * --calibrate-with pld}).
   */
  public static NoisePlan gaussian(String scheme, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    if (cfg.noiseMultiplier() != null) {
      double sigma = cfg.noiseMultiplier();
      return new NoisePlan(sigma, ctx.accounting().rdp(poissonGaussian(q, sigma, steps), cfg.delta()).epsilon(),
          cfg.delta(), false);
    }
    if (cfg.targetEpsilon() != null) {
      double sigma = ctx.accounting().calibrateNoiseMultiplier(q, steps, cfg.targetEpsilon(), cfg.delta());
      return new NoisePlan(sigma, cfg.targetEpsilon(), cfg.delta(), true);
    }
    throw new InvalidInputException("scheme " + scheme + " needs --epsilon (to calibrate the noise) or "
        + "--noise-multiplier");
  }

  /**
   * The plan for a run whose steps' multipliers follow from sigma ({@code planned} gives the whole
   * run's event for a sigma): a target is calibrated with the RDP accountant.
   *
   * @param what the noise multiplier's name in messages, e.g. {@code sigma_0}
   */
  public static NoisePlan planned(String scheme, SchemeContext ctx, DoubleFunction<DpEvent> planned, String what) {
    PrivacyConfig cfg = ctx.config();
    if (cfg.noiseMultiplier() != null) {
      double sigma = cfg.noiseMultiplier();
      return new NoisePlan(sigma, ctx.accounting().rdp(planned.apply(sigma), cfg.delta()).epsilon(), cfg.delta(),
          false);
    }
    if (cfg.targetEpsilon() != null) {
      double sigma = ctx.accounting().calibrate(RdpAccountant::new, planned,
          new PrivacyBudget(cfg.targetEpsilon(), cfg.delta()), null, 1e-6);
      return new NoisePlan(sigma, cfg.targetEpsilon(), cfg.delta(), true);
    }
    throw new InvalidInputException("scheme " + scheme + " needs --epsilon (to calibrate " + what + ") or "
        + "--noise-multiplier (" + what + ")");
  }

  /** {@code steps} Poisson-sampled Gaussian steps of multiplier {@code sigma} at rate {@code q}. */
  public static DpEvent poissonGaussian(double q, double sigma, long steps) {
    return new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q, new DpEvent.Gaussian(sigma)), steps);
  }

  /** The claim this plan supports, in the scheme's words. */
  public PrivacyClaim claim(String basis) {
    return new PrivacyClaim(epsilon, delta, basis);
  }
}
