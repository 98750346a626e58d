package org.dpaudit.core.privacy;

import java.util.Optional;
import org.dpaudit.core.Checks;

/**
 * What one step's released value at a white-box canary's coordinate looks like under the step's
 * ledger event, in units of the per-example sensitivity: {@code x = b + s Z}, where {@code b} is 1
 * when the canary was sampled into the step (probability {@code q}) and 0 otherwise, and {@code Z}
 * is standard Gaussian or standard Laplace noise of scale {@code s}.
 *
 * <p>Why it matters: a Dirac canary is the worst case of its event (its whole sensitivity on one
 * coordinate, nothing else there), so the log-likelihood ratio of its observations, summed over the
 * steps, is exactly the privacy loss the accountant composes. An auditor that scores canaries by it
 * uses the whole per-step signal, with the weight the ledger itself gives each step. The model is
 * the ledger's <em>claim</em>: a wrong model costs the audit power, never validity (the one-run
 * bounds hold for any score).
 *
 * @param noise the noise distribution
 * @param samplingRate q, the probability the canary is in a step's batch (1 without subsampling)
 * @param scale s, the noise scale in sensitivity units (Gaussian: the noise multiplier sigma;
 *     Laplace: b / sensitivity)
 */
public record ReleaseModel(Noise noise, double samplingRate, double scale) {
  /** The noise distribution of a release. */
  public enum Noise {
    GAUSSIAN,
    LAPLACE
  }

  public ReleaseModel {
    Checks.notNull("noise", noise);
    Checks.check(samplingRate > 0 && samplingRate <= 1, "sampling rate must be in (0, 1]; got " + samplingRate);
    Checks.positive("noise scale", scale);
  }

  /**
   * The model of one step's event, when it is a single (possibly Poisson-sampled) Gaussian or Laplace
   * release with noise; empty for anything else (compositions within a step, parallel workers,
   * non-private releases), where no per-step likelihood ratio is defined.
   */
  public static Optional<ReleaseModel> of(DpEvent step) {
    Checks.notNull("step", step);
    double q = 1;
    DpEvent e = step;
    if (e instanceof DpEvent.PoissonSampled p) {
      q = p.samplingRate();
      e = p.event();
    }
    if (q <= 0) {
      return Optional.empty();
    }
    if (e instanceof DpEvent.Gaussian g && g.noiseMultiplier() > 0) {
      return Optional.of(new ReleaseModel(Noise.GAUSSIAN, q, g.noiseMultiplier()));
    }
    if (e instanceof DpEvent.Laplace l && l.scale() > 0 && l.sensitivity() > 0) {
      return Optional.of(new ReleaseModel(Noise.LAPLACE, q, l.scale() / l.sensitivity()));
    }
    return Optional.empty();
  }

  /**
   * {@code ln [ ((1 - q) p(x) + q p(x - 1)) / p(x) ]}: the log-likelihood ratio of "the canary is in
   * the training set" against "it is not" for one observation {@code x}, computed without overflow.
   */
  public double logLikelihoodRatio(double x) {
    double a = noise == Noise.GAUSSIAN ? (x - 0.5) / (scale * scale) : (Math.abs(x) - Math.abs(x - 1)) / scale;
    double q = samplingRate;
    if (q == 1) {
      return a;
    }
    // ln(1 - q + q e^a), stable for large |a|
    return a > 0 ? a + Math.log(q + (1 - q) * Math.exp(-a)) : Math.log1p(q * Math.expm1(a));
  }
}
