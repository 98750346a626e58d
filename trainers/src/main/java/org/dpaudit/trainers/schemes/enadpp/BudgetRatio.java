package org.dpaudit.trainers.schemes.enadpp;

import java.util.Arrays;
import org.dpaudit.core.Checks;

/**
 * How a relevance-based scheme turns one layer's neuron relevances into per-neuron privacy budget
 * ratios {@code alpha_q} (the neuron's budget is {@code epsilon_q = alpha_q * epsilon}).
 */
public enum BudgetRatio {
  /**
   * EnADPP (seed 000, Zhang et al. 2023, eqs. 2-5): with {@code p_q = R_q / sum_q' R_q'},
   * <pre>
   *   En(h_l) = - sum_q p_q log p_q                                  (2)
   *   Ga(q)   = En(h_l) - p_q log p_q                                (3)
   *   alpha_q = (Ga(q) - min Ga) / (max Ga - min Ga)                 (4), (5)
   * </pre>
   * {@code 0 log 0 = 0}. The base of the logarithm cancels in (4), and so does En(h_l): alpha is the
   * min-max normalised {@code -p_q log p_q}. Where (4) is 0/0 (every gain equal, or no relevance at
   * all) every neuron gets ratio 1: no neuron is preferred. The largest ratio is always exactly 1.
   */
  ENTROPY_GAIN {
    @Override
    double[] ratiosOf(double[] p) {
      double[] ga = new double[p.length];
      double entropy = 0;
      for (int q = 0; q < p.length; q++) {
        double h = p[q] > 0 ? -p[q] * Math.log(p[q]) : 0;
        ga[q] = h;
        entropy += h;
      }
      for (int q = 0; q < p.length; q++) {
        ga[q] += entropy;
      }
      double min = Arrays.stream(ga).min().orElse(0);
      double max = Arrays.stream(ga).max().orElse(0);
      double[] alpha = new double[p.length];
      for (int q = 0; q < p.length; q++) {
        alpha[q] = max > min ? (ga[q] - min) / (max - min) : 1;
      }
      return alpha;
    }
  },
  /**
   * ADPPL (Gong et al. 2020, as seed 000 describes it): the neuron's share of its layer's
   * relevance, {@code alpha_q = R_q / sum_q' R_q'} (ratios sum to 1 in each layer). With no
   * relevance at all every neuron gets the equal share.
   */
  RELEVANCE_SHARE {
    @Override
    double[] ratiosOf(double[] p) {
      return p.clone();
    }
  };

  /**
   * The ratio of each neuron of one layer.
   *
   * @param relevance each neuron's relevance, every value finite and at least 0
   */
  public double[] ratios(double[] relevance) {
    Checks.check(relevance.length > 0, "a layer needs at least one neuron");
    double total = 0;
    for (double r : relevance) {
      Checks.check(r >= 0 && r < Double.POSITIVE_INFINITY, "relevance must be finite and at least 0; got " + r);
      total += r;
    }
    double[] p = new double[relevance.length];
    for (int q = 0; q < p.length; q++) {
      p[q] = total > 0 ? relevance[q] / total : 1.0 / p.length;
    }
    return ratiosOf(p);
  }

  abstract double[] ratiosOf(double[] shares);
}
