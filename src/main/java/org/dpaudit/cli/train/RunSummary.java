package org.dpaudit.cli.train;

import java.io.PrintWriter;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.RunRecord;

/** The few lines a user reads after training. */
final class RunSummary {
  private final PrintWriter out;

  RunSummary(PrintWriter out) {
    this.out = out;
  }

  void print(RunRecord run, java.nio.file.Path dir) {
    var p = run.privacy();
    out.printf("run %s: %s on %s, test accuracy %.2f%%, train accuracy %.2f%%%n", run.name(), p.scheme(),
        run.dataset().name(), 100 * run.metrics().testAccuracy(), 100 * run.metrics().trainAccuracy());
    if (run.metrics().fusedTestAccuracy() != null) {
      out.printf("  fused predictor     test accuracy %.2f%% (adaptive weighted fusion of the last epochs' models)%n",
          100 * run.metrics().fusedTestAccuracy());
    }
    out.printf("  claimed epsilon     %s  (%s)%n", eps(p.claimedEpsilon()), p.claimBasis());
    if (p.accountantEpsilon().epsilon() == Double.POSITIVE_INFINITY && p.claimedEpsilon() < Double.POSITIVE_INFINITY) {
      // A private scheme whose ledger records a release without noise: nothing is proven, which is
      // not the same as "no privacy" (the caveat says what was released).
      out.printf("  accountant epsilon  not proven: its ledger records a release without noise (see the caveats) "
          + "at delta %s%n", p.delta());
    } else {
      out.printf("  accountant epsilon  %s  (%s) at delta %s%n", eps(p.accountantEpsilon().epsilon()),
          accountants(p.accountantEpsilon()), p.delta());
    }
    for (String c : p.caveats()) {
      out.println("  caveat: " + c);
    }
    var cfg = org.dpaudit.trainers.run.LoadedRun.config(run);
    if (cfg != null && cfg.optim().emaDecay() != null) {
      out.printf("  released model      the exponential moving average of the iterates (decay %s), measured above; "
          + "post-processing: the epsilon is the iterates'%n", cfg.optim().emaDecay());
    }
    Double until = cfg == null ? null : cfg.privacy().untilEpsilon();
    out.printf("  %d steps%s in %.0f s (median step %.1f ms); written to %s%n", p.steps(),
        until == null ? "" : " (the most whose claimed epsilon stays at most " + eps(until) + ")",
        run.metrics().trainingSeconds(), run.metrics().medianStepMillis(), dir);
    out.flush();
  }

  /** "RDP 1.234, PLD 1.1" for the accountants that answered. */
  static String accountants(AccountantEpsilons a) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (a.rdp() != null) {
      parts.add("RDP " + eps(a.rdp().epsilon()));
    }
    if (a.pld() != null) {
      parts.add("PLD " + eps(a.pld().epsilon()));
    }
    if (a.pureDp() != null) {
      parts.add("pure-DP composition " + eps(a.pureDp().epsilon()));
    }
    return String.join(", ", parts);
  }

  static String eps(double e) {
    return Double.isInfinite(e) ? "inf (no privacy)" : String.format("%.3f", e);
  }
}
