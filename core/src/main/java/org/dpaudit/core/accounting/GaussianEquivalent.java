package org.dpaudit.core.accounting;

import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;

/**
 * The single Gaussian mechanism equivalent to a composition of Gaussian mechanisms on the same
 * input, when an event is one.
 *
 * <p>Composing Gaussian mechanisms with noise multipliers sigma_i (each of L2 sensitivity 1) is
 * exactly the Gaussian mechanism with
 * <pre>
 *   sigma_eff = ( sum_i sigma_i^-2 )^(-1/2)      (so T copies of sigma give sigma / sqrt(T))
 *
 *   Jinshuo Dong, Aaron Roth, Weijie Su. Gaussian Differential Privacy. JRSS-B 2022, Corollary 2.
 *   H. Brendan McMahan, Galen Andrew. A General Approach to Adding Differential Privacy to
 *   Iterative Training Procedures. arXiv:1812.06210, Section 3.
 * </pre>
 * This is what lets a Poisson-sampled step that runs several Gaussian queries on the same batch be
 * accounted as one subsampled Gaussian (as dp_accounting's {@code
 * _effective_gaussian_noise_multiplier}), and lets the PLD accountant treat unsubsampled Gaussian
 * compositions exactly instead of by numerical convolution.
 */
final class GaussianEquivalent {
  private GaussianEquivalent() {}

  /**
   * The equivalent noise multiplier if {@code event} is a Gaussian, or a non-empty nest of {@link
   * DpEvent.Composed} and {@link DpEvent.SelfComposed} with only Gaussians at the leaves; 0 means no
   * noise at all. Empty otherwise.
   */
  static OptionalDouble noiseMultiplier(DpEvent event) {
    double inverseVariance = inverseVariance(event);
    if (Double.isNaN(inverseVariance)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(inverseVariance == Double.POSITIVE_INFINITY ? 0 : 1 / Math.sqrt(inverseVariance));
  }

  /** sum of sigma^-2 over the leaves; NaN when the event is not a Gaussian composition. */
  private static double inverseVariance(DpEvent event) {
    if (event instanceof DpEvent.Gaussian g) {
      double s = g.noiseMultiplier();
      return s == 0 ? Double.POSITIVE_INFINITY : 1 / (s * s);
    }
    if (event instanceof DpEvent.SelfComposed s) {
      return inverseVariance(s.event()) * s.count();
    }
    if (event instanceof DpEvent.Composed c && !c.events().isEmpty()) {
      double sum = 0;
      for (DpEvent e : c.events()) {
        sum += inverseVariance(e);
      }
      return sum;
    }
    return Double.NaN;
  }
}
