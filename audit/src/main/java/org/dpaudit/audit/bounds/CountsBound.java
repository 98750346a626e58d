package org.dpaudit.audit.bounds;

import java.util.Locale;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;

/**
 * The epsilon lower bound from one confusion matrix, by the hypothesis-testing argument.
 *
 * <pre>
 * Kairouz, P., Oh, S. and Viswanath, P. (2015). The composition theorem for differential privacy.
 *   ICML. If M is (eps, delta)-DP, every test between neighbouring datasets satisfies
 *   FPR + e^eps FNR >= 1 - delta   and   FNR + e^eps FPR >= 1 - delta.
 * Nasr, M., Song, S., Thakurta, A., Papernot, N. and Carlini, N. (2021). Adversary instantiation:
 *   lower bounds for differentially private machine learning. IEEE S&amp;P; arXiv:2101.04535.
 * </pre>
 *
 * <p>With one-sided Clopper–Pearson upper bounds {@code FPR_hi} and {@code FNR_hi}, each at error
 * level {@code (1 - c)/2} so that both hold together with probability at least {@code c} (a union
 * bound, as jax_privacy does):
 *
 * <pre>
 * eps_lb = max( ln((1 - delta - FPR_hi) / FNR_hi),  ln((1 - delta - FNR_hi) / FPR_hi) ),  clamped at 0
 * </pre>
 *
 * Both right-hand sides fall as either rate grows, so replacing the true rates by upper bounds keeps
 * the bound valid; delta stays in the formula (several public tools silently use delta = 0, which
 * overstates the bound against an (eps, delta) claim). A term whose numerator is not positive gives
 * nothing. Clopper–Pearson upper bounds are never 0, so the ratios are always finite.
 *
 * <p>The Gaussian-DP variant (Nasr et al. 2023) uses the same two rate bounds, see {@link
 * GaussianTradeoff#muLowerBound}, and needs {@code delta > 0}.
 */
public final class CountsBound {
  private CountsBound() {}

  /** The Clopper–Pearson bound from counts of a test fixed in advance. */
  public static EpsilonLowerBound clopperPearson(ConfusionCounts counts, BoundParameters params) {
    return of(counts, params, BoundMethod.CLOPPER_PEARSON);
  }

  /** The Gaussian-DP bound from counts of a test fixed in advance; needs {@code delta > 0}. */
  public static EpsilonLowerBound gdp(ConfusionCounts counts, BoundParameters params) {
    return of(counts, params, BoundMethod.GDP);
  }

  /** The bound by {@code method} ({@link BoundMethod#CLOPPER_PEARSON} or {@link BoundMethod#GDP}). */
  public static EpsilonLowerBound of(ConfusionCounts counts, BoundParameters params, BoundMethod method) {
    return at(counts, params, method, 2, ThresholdSelection.FIXED, null,
        "counts of one test fixed before the outcomes were seen; FPR and FNR bounded at "
            + percent(params.errorRate() / 2) + " each");
  }

  /**
   * The bound with the error budget divided over {@code tests} one-sided tests, of which this
   * matrix's two rates are two.
   */
  static EpsilonLowerBound at(ConfusionCounts counts, BoundParameters params, BoundMethod method, int tests,
      ThresholdSelection selection, Double threshold, String note) {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(params, "params");
    Checks.check(method == BoundMethod.CLOPPER_PEARSON || method == BoundMethod.GDP,
        "a confusion matrix is bounded by CLOPPER_PEARSON or GDP; got " + method);
    requireGdpDelta(method, params);
    double level = params.errorRate() / tests;
    double fprHi = ClopperPearson.upper(counts.fp(), counts.negatives(), level);
    double fnrHi = ClopperPearson.upper(counts.fn(), counts.positives(), level);
    Double mu = null;
    double eps;
    if (method == BoundMethod.GDP) {
      mu = GaussianTradeoff.muLowerBound(fprHi, fnrHi);
      eps = GaussianTradeoff.epsilon(mu, params.delta());
    } else {
      eps = epsilonFromRates(fprHi, fnrHi, params.delta());
    }
    return new EpsilonLowerBound(eps, params.confidence(), params.delta(), method, selection, tests, level,
        counts, fprHi, fnrHi, threshold, mu, null, null, note);
  }

  /**
   * The algebra of the bound: {@code max(ln((1 - delta - fpr)/fnr), ln((1 - delta - fnr)/fpr))}
   * clamped at 0, for upper bounds {@code fpr, fnr} in (0, 1].
   */
  public static double epsilonFromRates(double fprUpper, double fnrUpper, double delta) {
    Checks.samplingRate("fprUpper", fprUpper);
    Checks.samplingRate("fnrUpper", fnrUpper);
    Checks.zeroToOneExclusive("delta", delta);
    return Math.max(0, Math.max(logRatio(1 - delta - fprUpper, fnrUpper), logRatio(1 - delta - fnrUpper, fprUpper)));
  }

  static void requireGdpDelta(BoundMethod method, BoundParameters params) {
    Checks.check(method != BoundMethod.GDP || params.delta() > 0,
        "the Gaussian-DP bound needs delta > 0 (a mu-GDP mechanism with mu > 0 is not (eps, 0)-DP for any eps); got "
            + params.delta());
  }

  private static double logRatio(double numerator, double denominator) {
    return numerator > 0 ? Math.log(numerator) - Math.log(denominator) : Double.NEGATIVE_INFINITY;
  }

  static String percent(double level) {
    return String.format(Locale.ROOT, "%.3g%%", 100 * level);
  }
}
