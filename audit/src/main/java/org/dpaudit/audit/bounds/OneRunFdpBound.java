package org.dpaudit.audit.bounds;

import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;

/**
 * The f-DP refinement of the one-run canary bound.
 *
 * <pre>
 * Mahloujifar, S., Melis, L. and Chaudhuri, K. (2024). Auditing f-differential privacy in one run.
 *   arXiv:2410.22235 (ICML 2025); the "audit_rh_with_cap" procedure, as implemented in
 *   google-deepmind/jax_privacy auditing.py (_epsilon_one_run_fdp).
 * </pre>
 *
 * <p>For a candidate eps, the null is "the mechanism is mu-GDP with mu = {@link
 * GaussianTradeoff#mu}(eps, delta)", the Gaussian trade-off curve through (eps, delta). With
 * {@code f^-1(x) = Phi(Phi^-1(x) - mu)}, starting from {@code r = beta v / m} and {@code h = beta (n -
 * v) / m} (n guesses, v correct, m canaries), repeat for {@code i = v-1, ..., 0}: {@code h' = max(h,
 * f^-1(r))}, {@code r' = min(r + i/(n - i) (h' - h), 1)}; the claim is falsified at level beta when
 * {@code r + h > n/m} at the end. The bound is the largest falsified eps (a stronger claim, smaller
 * eps, is falsified too: a smaller mu blows up less).
 *
 * <p><b>Assumption.</b> Falsifying a Gaussian curve bounds (eps, delta) only for mechanisms whose
 * trade-off curve is Gaussian (the Gaussian mechanism; DP-SGD canaries in the white-box setting). On
 * other mechanisms, e.g. randomized response, it can exceed the true epsilon. Results carry {@link
 * BoundMethod#ONE_RUN_FDP} so a verdict can tell them apart from {@link BoundMethod#ONE_RUN}.
 */
public final class OneRunFdpBound {
  private OneRunFdpBound() {}

  /** The bound at {@code params.confidence()} from one guess rule fixed in advance; needs delta > 0. */
  public static EpsilonLowerBound bound(OneRunCounts counts, BoundParameters params) {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(params, "params");
    double beta = params.errorRate();
    double eps = epsilon(counts, params.delta(), beta);
    return new EpsilonLowerBound(eps, params.confidence(), params.delta(), BoundMethod.ONE_RUN_FDP,
        ThresholdSelection.FIXED, 1, beta, null, null, null, null, null, counts, null,
        "one guess rule fixed in advance; Gaussian f-DP curves falsified at level " + CountsBound.percent(beta)
            + " (assumes a Gaussian trade-off curve)");
  }

  /** The largest eps whose Gaussian curve is falsified at level beta (0 if none), to within 1e-9. */
  static double epsilon(OneRunCounts counts, double delta, double beta) {
    Checks.openUnit("delta (the f-DP one-run bound needs delta > 0)", delta);
    Checks.openUnit("beta", beta);
    if (counts.correct() == 0 || slack(counts, delta, beta, 0) <= 0) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    for (int k = 0; slack(counts, delta, beta, hi) > 0 && k < 60; k++) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-9 * Math.max(1, hi)) {
      double mid = (lo + hi) / 2;
      if (slack(counts, delta, beta, mid) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Positive when the Gaussian curve through (eps, delta) is falsified at level beta. */
  static double slack(OneRunCounts counts, double delta, double beta, double eps) {
    return FdpOneRun.slack(TradeoffCurve.gaussian(GaussianTradeoff.mu(eps, delta)), counts, beta);
  }
}
