package org.dpaudit.audit.bounds;

import java.util.Objects;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.dpaudit.core.Checks;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;

/**
 * The one-training-run canary bound.
 *
 * <pre>
 * Steinke, T., Nasr, M. and Jagielski, M. (2023). Privacy auditing with one (1) training run.
 *   NeurIPS 2023; arXiv:2305.08846. Theorem 3.3 and its code snippet (p_value_DP_audit).
 * </pre>
 *
 * <p>m canaries are each included independently with probability 1/2; the auditor makes r guesses
 * and v are right. If training is (eps, delta)-DP, then with {@code q = e^eps / (1 + e^eps)}
 *
 * <pre>
 * P[v or more correct] <= p(eps) = P[Binom(r, q) >= v] + 2 m delta max_{i=1..v} P[v > Binom(r, q) >= v - i] / i
 * </pre>
 *
 * and {@code eps_lb = sup{eps : p(eps) < beta}} with {@code beta = 1 - confidence}.
 *
 * <h2>Implementation notes: why the search is valid</h2>
 * The error event is "some eps at or above the true one gets p(eps) < beta". If {@code p} is
 * non-decreasing in eps this is the event {@code p(eps_true) < beta}, of probability at most beta,
 * and bisection finds the sup. {@code P[Binom(r,q) >= v]} grows with q; each term of the max,
 * {@code A(q) + (c/i) S_i(q)} with {@code c = 2 m delta} and {@code S_i = P[v > B >= v - i]}, has
 * derivative {@code r [b(v-1)(1 - c/i) + (c/i) b(v-i-1)]} ({@code b} the Binom(r-1, q) pmf), which
 * is non-negative whenever {@code c <= 1}. So for {@code 2 m delta <= 1} (every practical audit:
 * m = 10^4 canaries at delta = 10^-5 gives 0.2) the paper's p-value is monotone and used as is.
 * For {@code 2 m delta > 1} each {@code S_i} (unimodal in q, with its peak in closed form) is
 * replaced by its running maximum over {@code [1/2, q]}: the result is monotone and at least p, so
 * still a valid, slightly conservative p-value. The bisection returns the lower end of its last
 * bracket, where {@code p < beta} was checked.
 */
public final class OneRunBound {
  private OneRunBound() {}

  /** The bound at {@code params.confidence()} from one guess rule fixed in advance. */
  public static EpsilonLowerBound bound(OneRunCounts counts, BoundParameters params) {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(params, "params");
    double beta = params.errorRate();
    double eps = epsilon(counts, params.delta(), beta);
    return new EpsilonLowerBound(eps, params.confidence(), params.delta(), BoundMethod.ONE_RUN,
        ThresholdSelection.FIXED, 1, beta, null, null, null, null, null, counts, null,
        "one guess rule fixed before the outcomes were seen; p-value of Steinke et al. (2023) below "
            + CountsBound.percent(beta));
  }

  /**
   * The p-value {@code p(eps)} of Steinke et al. (capped at 1): the probability, under an (eps,
   * delta)-DP null, of at least {@code v} correct guesses out of {@code r}.
   */
  public static double pValue(OneRunCounts counts, double epsilon, double delta) {
    Objects.requireNonNull(counts, "counts");
    Checks.nonNegative("epsilon", epsilon);
    Checks.zeroToOneExclusive("delta", delta);
    return new PValue(counts, delta).at(epsilon);
  }

  /** {@code sup{eps : p(eps) < beta}} (0 when even eps = 0 is not rejected). */
  static double epsilon(OneRunCounts counts, double delta, double beta) {
    Checks.openUnit("beta", beta);
    PValue p = new PValue(counts, delta);
    int r = counts.guesses();
    if (counts.correct() == 0 || p.at(0) >= beta) {
      return 0;
    }
    // p >= P[Binom(r,q) = r] = q^r, which reaches beta at q = beta^(1/r).
    double qHi = Math.exp(Math.log(beta) / r);
    // Beyond eps = 40, q = 1 - 4e-18 is 1 in double precision and p = 1.
    double hi = Math.min(40, Math.log(qHi) - Math.log1p(-qHi));
    double lo = 0;
    for (int k = 0; p.at(hi) < beta && k < 64; k++) {
      lo = hi;
      hi = 2 * hi + 1;
    }
    for (int k = 0; k < 200 && hi - lo > 1e-10 * Math.max(1, hi); k++) {
      double mid = (lo + hi) / 2;
      if (p.at(mid) < beta) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {@code p(eps)} for fixed (m, r, v, delta); monotone in eps (see the class notes). */
  private static final class PValue {
    private final int r;
    private final int v;
    private final double c;
    /** For 2 m delta > 1: the q in [1/2, 1) at which each S_i peaks (index i = 1..v). */
    private final double[] peak;

    PValue(OneRunCounts counts, double delta) {
      this.r = counts.guesses();
      this.v = counts.correct();
      this.c = 2.0 * counts.canaries() * delta;
      this.peak = c > 1 && v >= 1 ? peaks(r, v) : null;
    }

    double at(double epsilon) {
      if (v == 0) {
        return 1;
      }
      double q = 1 / (1 + Math.exp(-epsilon));
      BinomialDistribution b = BinomialDistribution.of(r, q);
      double tail = b.survivalProbability(v - 1);
      if (c == 0) {
        return Math.min(1, tail);
      }
      double term = peak == null ? maxAverage(b) : envelope(q);
      return Math.min(1, tail + c * term);
    }

    /** {@code max_i S_i(q)/i}: the largest running average of pmf(v-1), pmf(v-2), ... */
    private double maxAverage(BinomialDistribution b) {
      int mode = (int) Math.floor((r + 1) * b.getProbabilityOfSuccess());
      double sum = 0;
      double best = 0;
      for (int i = 1; i <= v; i++) {
        int x = v - i;
        double pmf = b.probability(x);
        // Below the mode the pmf only falls as x falls; once a term is under the running average,
        // every later average is smaller.
        if (i > 1 && x <= mode && pmf < sum / (i - 1)) {
          break;
        }
        sum += pmf;
        best = Math.max(best, sum / i);
      }
      return best;
    }

    /** {@code max_i max_{q' in [1/2, q]} S_i(q')/i}: monotone in q, and at least maxAverage. */
    private double envelope(double q) {
      double best = 0;
      for (int i = 1; i <= v; i++) {
        BinomialDistribution b = BinomialDistribution.of(r, Math.min(q, peak[i]));
        double s = b.cumulativeProbability(v - 1) - (v - i - 1 >= 0 ? b.cumulativeProbability(v - i - 1) : 0);
        best = Math.max(best, s / i);
      }
      return best;
    }

    /**
     * dS_i/dq = r [b(v-i-1) - b(v-1)] with b the Binom(r-1, q) pmf changes sign once, where
     * ((1-q)/q)^i = C(r-1, v-1) / C(r-1, v-i-1); S_v = P[B < v] only falls, so peaks at 1/2.
     */
    private static double[] peaks(int r, int v) {
      double[] peak = new double[v + 1];
      for (int i = 1; i <= v; i++) {
        if (v - i - 1 < 0) {
          peak[i] = 0.5;
          continue;
        }
        double logRatio = logChoose(r - 1, v - 1) - logChoose(r - 1, v - i - 1);
        peak[i] = Math.max(0.5, 1 / (1 + Math.exp(logRatio / i)));
      }
      return peak;
    }

    private static double logChoose(int n, int k) {
      return LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
    }
  }
}
