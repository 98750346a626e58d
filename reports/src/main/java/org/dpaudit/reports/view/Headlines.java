package org.dpaudit.reports.view;

import java.util.ArrayList;
import java.util.List;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.reports.charts.EpsilonChart;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.PrivacyRecord;

/** Builds a run's {@link Headline}: the verdict and the three epsilons. */
final class Headlines {
  private Headlines() {}

  static Headline of(RunFacts f, RunArtifacts a, String runArg) {
    String auditCommand = f.audited() ? null : "dpaudit audit --run " + runArg;
    String reason = f.audited() ? f.reason()
        : "The run has not been audited yet, so there is no empirical epsilon and no verdict.";
    // A leak inside a finite claim is what DP allows: said plainly, not in red beside a green headline.
    boolean alarming = Boolean.TRUE.equals(f.leaks()) && f.standing().needsAction();
    String leaks = f.leaks() == null ? null : !f.leaks()
        ? "no measurable leak (which a weak attack would also give)"
        : alarming ? "leaks: the evidence shows an epsilon above 0"
        : "a measurable leak, within the claim";
    var chart = EpsilonChart.render("eps", "the claimed, accountant and empirical epsilons of " + f.name(),
        List.of(new EpsilonChart.Row(f.name(), f.claimed(), f.accountant(), f.empirical())),
        f.confidence() == null ? "95%" : f.confidenceText());
    return new Headline(f.verdict(), f.verdictLabel(), f.standing(), reason, leaks, alarming, auditCommand, claimed(f, a), accountant(f, a),
        empirical(f, a), Formats.small(f.delta()), chart);
  }

  private static EpsilonCell claimed(RunFacts f, RunArtifacts a) {
    PrivacyRecord p = a.run().privacy();
    String basis = p == null || p.claimBasis() == null ? "no claim recorded" : p.claimBasis();
    return new EpsilonCell("claimed", "what the scheme claims", Formats.epsilon(f.claimed()), "", basis, true);
  }

  private static EpsilonCell accountant(RunFacts f, RunArtifacts a) {
    if (f.accountant() == null) {
      return new EpsilonCell("accountant", "proven upper bound", Formats.NONE, "",
          "not computed: the run records no training parameters to account for (an imported model)", false);
    }
    PrivacyRecord p = a.run().privacy();
    AccountantEpsilons e = p == null ? null : p.accountantEpsilon();
    String detail = "what an accountant proves for what the code did";
    if (e != null) {
      // Any of the accountants may not apply (RDP has no result for the Laplace schemes' ledgers).
      List<String> parts = new ArrayList<>();
      if (e.rdp() != null) {
        parts.add("RDP " + Formats.epsilon(e.rdp().epsilon())
            + (e.rdp().optimalOrder() == null ? "" : " (order " + Formats.number(e.rdp().optimalOrder(), 3) + ")"));
      }
      if (e.pld() != null) {
        parts.add("PLD " + Formats.epsilon(e.pld().epsilon()));
      }
      if (e.pureDp() != null) {
        parts.add("pure-DP composition " + Formats.epsilon(e.pureDp().epsilon()));
      }
      String each = String.join(", ", parts);
      detail = each + (parts.size() > 1 ? "; the smallest holds" : "");
    }
    return new EpsilonCell("accountant", "proven upper bound", Formats.epsilon(f.accountant()), "", detail, true);
  }

  private static EpsilonCell empirical(RunFacts f, RunArtifacts a) {
    if (f.empirical() == null) {
      return new EpsilonCell("empirical", "measured lower bound", Formats.NONE, "",
          "not audited yet", false);
    }
    EmpiricalEpsilon e = a.audit().empiricalEpsilon();
    String method = e.method() == null ? null : e.method().name();
    double max = e.maxAchievable();
    String detail = "at " + f.confidenceText() + " confidence, interval [" + Formats.epsilon(f.empirical()) + ", ∞)"
        + (f.empiricalSource() == null ? "" : ", from " + f.empiricalSource())
        + (method == null ? "" : " (" + Methods.label(method) + ")")
        + ("; a perfect attack on these samples could show at most " + Formats.epsilon(max));
    return new EpsilonCell("empirical", "measured lower bound", Formats.epsilon(f.empirical()), "≥", detail, true);
  }
}
