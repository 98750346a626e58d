package org.dpaudit.audit.whitebox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.dpaudit.audit.bounds.FdpOneRun;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.LossDistribution;

/**
 * The guess rules of a white-box one-run audit, fixed before any inclusion bit is read.
 *
 * <p>With log-likelihood scores the canaries' privacy losses follow the ledger's own loss
 * distribution (for a correct implementation), so the number of "in" guesses that gives the
 * highest bound can be worked out in advance from public information alone: for each candidate k,
 * the expected number of correct guesses among the k highest losses, and the bound that count
 * would give. One rule chosen that way pays no multiple-comparison price. Without such scores
 * (a scheme with no per-step model) a short grid of k is tried and paid for by Bonferroni.
 *
 * @param rules the rules, each "in" guesses only
 * @param levelPerRule the error level each rule's test is run at
 * @param how one sentence on how the rules were chosen
 */
public record GuessPlan(List<GuessCounts> rules, double levelPerRule, String how) {
  /** The fractions of m guessed "in" when no loss distribution can plan a single rule. */
  static final double[] GRID = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2};

  public GuessPlan {
    rules = List.copyOf(rules);
    Checks.check(!rules.isEmpty(), "a guess plan needs at least one rule");
    Checks.openUnit("levelPerRule", levelPerRule);
  }

  /**
   * One rule planned from {@code loss} (the ledger's privacy loss with the example in the
   * numerator), for m canaries, at error level {@code level}, testing (eps, {@code delta}) curves.
   */
  public static GuessPlan planned(LossDistribution loss, int m, double delta, double level) {
    double[] p = loss.probs();
    int n = p.length;
    // rates of "loss above grid point j", from the top
    double[] tpr = new double[n + 1];
    double[] fpr = new double[n + 1];
    tpr[n] = loss.infinityMass();
    for (int j = n - 1; j >= 0; j--) {
      tpr[j] = tpr[j + 1] + p[j];
      fpr[j] = fpr[j + 1] + p[j] * Math.exp(-loss.loss(j));
    }
    double half = m / 2.0;
    int bestK = -1;
    double best = -1;
    int bestV = 0;
    for (int k : candidates(m)) {
      // the threshold where the expected number of guesses reaches k
      int j = n;
      while (j > 0 && half * (tpr[j - 1] + Math.min(1, fpr[j - 1])) <= k) {
        j--;
      }
      double above = half * (tpr[j] + Math.min(1, fpr[j]));
      double correct = half * tpr[j];
      if (j > 0 && above < k) {
        // the next grid point's examples, proportionally
        double extraAll = half * (tpr[j - 1] - tpr[j] + Math.min(1, fpr[j - 1]) - Math.min(1, fpr[j]));
        double extraIn = half * (tpr[j - 1] - tpr[j]);
        correct += extraAll > 0 ? extraIn * (k - above) / extraAll : 0;
      }
      int v = (int) Math.min(k, Math.floor(correct));
      double eps = FdpOneRun.epsilonDelta(new OneRunCounts(m, k, Math.max(0, v)), delta, level);
      if (eps > best) {
        best = eps;
        bestK = k;
        bestV = v;
      }
    }
    return new GuessPlan(List.of(new GuessCounts(bestK, 0)), level, String.format(Locale.ROOT,
        "one rule, planned before the inclusion bits were read from the ledger's own privacy-loss distribution: "
            + "guess \"in\" for the %d highest log-likelihood scores of %d canaries (expected %d correct for a "
            + "correct implementation, an expected bound of %.3f)", bestK, m, bestV, Math.max(0, best)));
  }

  /** The grid of rules for scores without a loss distribution, Bonferroni over their number. */
  public static GuessPlan grid(int m, double level) {
    LinkedHashSet<GuessCounts> rules = new LinkedHashSet<>();
    for (double f : GRID) {
      rules.add(new GuessCounts(Math.max(1, Math.min(m, (int) Math.ceil(f * m))), 0));
    }
    List<GuessCounts> list = List.copyOf(rules);
    return new GuessPlan(list, level / list.size(), "the best of " + list.size() + " rules guessing \"in\" for the "
        + "highest 0.5% to 20% of the scores, each at level " + String.format(Locale.ROOT, "%.3g", level / list.size())
        + " (Bonferroni)");
  }

  /** Candidate numbers of guesses: about 40 values from 5 to m/2, geometrically spaced. */
  static List<Integer> candidates(int m) {
    LinkedHashSet<Integer> ks = new LinkedHashSet<>();
    int top = Math.max(1, m / 2);
    double k = Math.min(5, top);
    while (k <= top) {
      ks.add((int) Math.round(k));
      k *= 1.2;
    }
    ks.add(top);
    return new ArrayList<>(ks);
  }
}
