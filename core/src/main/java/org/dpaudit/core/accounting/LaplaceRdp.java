package org.dpaudit.core.accounting;

/**
 * The Renyi DP of the Laplace mechanism, in closed form.
 *
 * <p>For noise scale b and L1 sensitivity s, with {@code eps = s / b} (the mechanism's pure-DP
 * epsilon), at order alpha > 1:
 * <pre>
 *   D_alpha = 1/(alpha - 1) log( alpha/(2 alpha - 1) exp((alpha - 1) eps) + (alpha - 1)/(2 alpha - 1) exp(-alpha eps) )
 *           = eps + log1p( (alpha - 1) expm1((1 - 2 alpha) eps) / (2 alpha - 1) ) / (alpha - 1)
 *
 *   Ilya Mironov. Renyi Differential Privacy. CSF 2017, Proposition 6 (arXiv:1702.07476).
 * </pre>
 * The second form (the one dp_accounting uses) never overflows: the expm1 argument is negative and
 * the log1p argument lies in (-1/2, 0]. It is exact, not a bound, and tends to eps as alpha grows.
 */
final class LaplaceRdp {
  private LaplaceRdp() {}

  /** RDP at {@code order > 1} of one Laplace release with pure-DP epsilon {@code eps = sensitivity / scale}. */
  static double rdp(double eps, double order) {
    double am1 = order - 1;
    return eps + Math.log1p(am1 * Math.expm1((1 - 2 * order) * eps) / (2 * order - 1)) / am1;
  }
}
