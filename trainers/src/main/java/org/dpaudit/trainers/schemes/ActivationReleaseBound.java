package org.dpaudit.trainers.schemes;

import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.RdpAccountant;

/**
 * What NeuralDP's activation noise does buy, under the most favourable reading of its privacy
 * argument: the privacy of the stream of noisy activations one identified example sends to the
 * layers above, when its label is public, the layers below are fixed, and its features are replaced
 * by anyone else's (so its clipped activation moves by at most 2C, against noise of std sigma C).
 *
 * <p>At each step the example is in the batch with probability q; when it is not, nothing of it is
 * released, in either world. The release is the mixture {@code (1 - q) [absent] + q N(mu, sigma^2 C^2)}
 * against the same mixture at mu', whose absent parts cancel exactly, so at Renyi order alpha
 * <pre>
 *   D_alpha = log(1 - q + q exp(alpha (alpha - 1) Delta^2 / 2)) / (alpha - 1),   Delta = 2 / sigma
 * </pre>
 * (the Gaussian's own Renyi divergence is alpha Delta^2 / 2; Mironov 2017). Unlike Poisson
 * subsampling under add/remove-one, this amplifies only the probability of a loss, not its size: a
 * per-example release is local, not central, privacy. T steps compose to T D_alpha, and the
 * conversion is Mironov 2017's {@code epsilon = T D_alpha + log(1/delta) / (alpha - 1)}, minimised
 * over dpaudit's default orders (a valid, slightly loose bound).
 */
public final class ActivationReleaseBound {
  private ActivationReleaseBound() {}

  /** The Renyi divergence of one step at order {@code alpha}, in nats. */
  static double stepRdp(double alpha, double sigma, double q) {
    double x = alpha * (alpha - 1) * 2 / (sigma * sigma); // (alpha - 1) * alpha * Delta^2 / 2, Delta = 2 / sigma
    if (q == 1) {
      return x / (alpha - 1);
    }
    // log((1 - q) + q e^x), stably
    double a = Math.log1p(-q);
    double b = Math.log(q) + x;
    double hi = Math.max(a, b);
    return (hi + Math.log1p(Math.exp(Math.min(a, b) - hi))) / (alpha - 1);
  }

  /**
   * The (epsilon, delta) bound of T steps.
   *
   * @param sigma the activation noise multiplier (noise std / activation clip norm), positive
   * @param q the sampling rate
   */
  public static double epsilon(double sigma, double q, long steps, double delta) {
    Checks.positive("activation noise multiplier", sigma);
    Checks.samplingRate("sampling rate", q);
    Checks.positive("steps", steps);
    Checks.openUnit("delta", delta);
    double best = Double.POSITIVE_INFINITY;
    for (double alpha : RdpAccountant.defaultOrders()) {
      double eps = steps * stepRdp(alpha, sigma, q) + Math.log(1 / delta) / (alpha - 1);
      best = Math.min(best, eps);
    }
    return best;
  }
}
