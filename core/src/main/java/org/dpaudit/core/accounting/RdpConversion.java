package org.dpaudit.core.accounting;

/**
 * From Renyi DP at a set of orders to (epsilon, delta), and back, with the tight conversion that
 * dp_accounting and Opacus use.
 *
 * <pre>
 *   eps(delta) = min over alpha of  rdp(alpha) + log1p(-1/alpha) - (log(delta) + log(alpha)) / (alpha - 1)
 *   delta(eps) = min over alpha of  exp( (alpha - 1)(rdp(alpha) - eps + log1p(-1/alpha)) - log(alpha) )
 *
 *   Borja Balle, Gilles Barthe, Marco Gaboardi, Justin Hsu, Tetsuya Sato. Hypothesis Testing
 *   Interpretations and Renyi Differential Privacy. AISTATS 2020, Theorem 21 (arXiv:1905.09982).
 *   Clement Canonne, Gautam Kamath, Thomas Steinke. The Discrete Gaussian for Differential
 *   Privacy. NeurIPS 2020, Proposition 12 (arXiv:2004.00010).
 * </pre>
 * Guards, as dp_accounting's {@code compute_epsilon}: orders at or below 1.01 are skipped (the
 * formula is numerically unstable as alpha tends to 1, and useless there); and at any order, if
 * {@code delta^2 >= 1 - exp(-rdp)} then epsilon = 0 holds, because D_alpha >= KL and the total
 * variation distance is at most {@code sqrt(1 - exp(-KL))} (Bretagnolle-Huber). An RDP value below
 * zero can only be rounding (Renyi divergences are non-negative) and is read as zero.
 */
final class RdpConversion {
  /** Orders at or below this are not used for the conversion (dp_accounting's threshold). */
  static final double MIN_CONVERSION_ORDER = 1.01;

  private RdpConversion() {}

  /** The best (epsilon, order) pair; order is NaN when epsilon is infinite at every order. */
  record Best(double value, double order) {}

  /** The smallest epsilon over the orders at {@code delta} in (0, 1), and the order achieving it. */
  static Best epsilon(double[] orders, double[] rdp, double delta) {
    double best = Double.POSITIVE_INFINITY;
    double bestOrder = Double.NaN;
    for (int k = 0; k < orders.length; k++) {
      double eps = epsilonAt(orders[k], Math.max(0, rdp[k]), delta);
      if (eps < best) {
        best = eps;
        bestOrder = orders[k];
      }
    }
    return new Best(Math.max(0, best), bestOrder);
  }

  private static double epsilonAt(double a, double r, double delta) {
    if (delta * delta + Math.expm1(-r) > 0) {
      return 0;
    }
    if (a > MIN_CONVERSION_ORDER) {
      return r + Math.log1p(-1 / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The smallest delta over the orders at {@code epsilon >= 0}, and the order achieving it. */
  static Best delta(double[] orders, double[] rdp, double epsilon) {
    double bestLog = Double.POSITIVE_INFINITY;
    double bestOrder = Double.NaN;
    for (int k = 0; k < orders.length; k++) {
      double r = Math.max(0, rdp[k]);
      double logDelta = r == 0 ? Double.NEGATIVE_INFINITY : 0.5 * Math.log1p(-Math.exp(-r));
      double a = orders[k];
      if (a > MIN_CONVERSION_ORDER) {
        logDelta = Math.min(logDelta, (a - 1) * (r - epsilon + Math.log1p(-1 / a)) - Math.log(a));
      }
      if (logDelta < bestLog) {
        bestLog = logDelta;
        bestOrder = a;
      }
    }
    return new Best(Math.min(1, Math.exp(bestLog)), bestOrder);
  }
}
