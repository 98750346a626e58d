package org.dpaudit.cli.accountant;

import java.util.Locale;
import org.dpaudit.core.accounting.AccountantAnswer;
import org.dpaudit.core.accounting.AccountantAnswer.Entry;
import org.dpaudit.core.privacy.SamplingSchedule;

/** What {@code dpaudit accountant} prints without {@code --json}: the short human statement of an answer. */
final class AccountantText {
  private AccountantText() {}

  /** The statement: the setting, one line per accountant, the best proven bound and the caveats. */
  static String of(AccountantAnswer a) {
    StringBuilder b = new StringBuilder();
    b.append(setting(a)).append('\n');
    if (a.results().size() == 1) {
      Entry e = a.results().get(0);
      b.append("  ").append(e.accountant().toUpperCase(Locale.ROOT)).append(": ").append(line(a, e)).append('\n');
    } else {
      for (Entry e : a.results()) {
        b.append(String.format(Locale.ROOT, "  %-5s %s%n", e.accountant(), line(a, e)));
      }
      a.skipped().forEach(s -> b.append(String.format(Locale.ROOT, "  %-5s not run: %s%n", s.accountant(), s.reason())));
      b.append(String.format(Locale.ROOT, "Best proven bound: %s%n", best(a)));
    }
    if (a.epsilon() == Double.POSITIVE_INFINITY && a.noiseMultiplier() != null && a.noiseMultiplier() == 0) {
      b.append("Epsilon is infinite: a noise multiplier of 0 adds no noise, so there is no privacy.\n");
    }
    a.caveats().forEach(c -> b.append(c).append('\n'));
    return b.toString();
  }

  private static boolean gaussian(AccountantAnswer a) {
    return "gaussian".equals(a.mechanism());
  }

  private static String setting(AccountantAnswer a) {
    String sampling = a.samplingRate() == 1 ? "no sampling (every example in every step)"
        : "Poisson sampling rate q = " + num(a.samplingRate());
    String noise = gaussian(a)
        ? (a.solvedFor() != null ? "noise multiplier to be found" : "noise multiplier " + num(a.noiseMultiplier()))
        : "Laplace noise, L1 sensitivity " + num(a.sensitivity())
            + (a.solvedFor() != null ? ", scale to be found" : ", scale " + num(a.scale()));
    AccountantAnswer.Derivation d = a.derivedFrom();
    String derived = d == null ? "" : String.format(Locale.ROOT,
        " (q = batch size / dataset size = %d/%d; steps = ceil(epochs x ceil(dataset size / batch size)) = ceil(%s x %d))",
        d.batchSize(), d.datasetSize(), num(d.epochs()), SamplingSchedule.stepsPerEpoch(d.datasetSize(), d.batchSize()));
    String target = a.solvedFor() == null ? "" : ", target epsilon " + num(a.targetEpsilon());
    return String.format(Locale.ROOT, "%s: %s, %s, %d steps%s, delta = %s%s",
        gaussian(a) ? "DP-SGD (Gaussian)" : "Laplace", sampling, noise, a.steps(), derived, num(a.delta()), target);
  }

  private static String line(AccountantAnswer a, Entry e) {
    String eps = e.epsilon() == Double.POSITIVE_INFINITY ? "infinity" : num(e.epsilon());
    String solved = a.solvedFor() == null ? ""
        : gaussian(a) ? "noise multiplier " + num(e.noiseMultiplier()) + " gives "
            : "scale " + num(e.scale()) + " gives ";
    String order = e.optimalOrder() == null ? "" : " at Renyi order " + num(e.optimalOrder());
    return String.format(Locale.ROOT, "%sepsilon = %s%s  [%s]", solved, eps, order, e.note());
  }

  private static String best(AccountantAnswer a) {
    String eps = a.epsilon() == Double.POSITIVE_INFINITY ? "infinity" : num(a.epsilon());
    String noise = a.solvedFor() == null ? ""
        : gaussian(a) ? "noise multiplier " + num(a.noiseMultiplier()) + ", " : "scale " + num(a.scale()) + ", ";
    return noise + "epsilon = " + eps + " (" + a.accountant().toUpperCase(Locale.ROOT) + ")";
  }

  static String num(Double v) {
    return org.dpaudit.core.accounting.AccountantQuery.num(v);
  }
}
