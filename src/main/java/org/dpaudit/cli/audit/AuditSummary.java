package org.dpaudit.cli.audit;

import java.nio.file.Path;
import java.util.Locale;
import org.dpaudit.core.artifact.audit.AttackSummary;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.CanarySummary;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.WhiteBoxSummary;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.artifact.audit.Standing;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.cli.TextWrap;

/** The terminal summary of an audit: the three epsilons side by side, the bounds, the attacks, the verdict. */
public final class AuditSummary {
  private AuditSummary() {}

  static String text(AuditRecord r, Path written) {
    EmpiricalEpsilon e = r.empiricalEpsilon();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "audit of run %s (%s), delta %s%n", r.run(), r.scheme(), Texts.number(r.delta())));
    s.append(String.format(Locale.ROOT, "  %-10s %-12s %-12s %s%n", "", "claimed", "accountant",
        "empirical (" + Texts.percent(e.confidence()) + " confidence)"));
    s.append(String.format(Locale.ROOT, "  %-10s %-12s %-12s >= %.3f  (%s, %s)%n", "epsilon", eps(r.claimedEpsilon()),
        Double.isInfinite(r.accountantEpsilon()) && r.accountantNote() != null ? "not proven" : eps(r.accountantEpsilon()),
        e.lower(), e.source(), Texts.name(e.method())));
    if (r.accountantNote() != null) {
      s.append("  accountant: ").append(TextWrap.wrap(r.accountantNote(), TextWrap.WIDTH - 14, "    ")).append('\n');
    }
    s.append('\n');
    s.append(String.format(Locale.ROOT, "  %-12s %9s %13s   %s%n", "bound", "epsilon", "max possible", "method"));
    for (EvidenceBound b : e.bounds()) {
      s.append(String.format(Locale.ROOT, "  %-12s >= %6.3f %13.3f   %s%s%n", b.source(), b.epsilon(), b.maxAchievable(),
          method(b.bound()), b.decides() ? "" : b.source().startsWith("attack:") ? estimate(b) : " (information only)"));
    }
    s.append("  ").append(TextWrap.wrap(e.note(), TextWrap.WIDTH - 2, "  ")).append('\n');
    if (!r.attacks().isEmpty()) {
      s.append(String.format(Locale.ROOT, "%n  %-8s %7s %13s %11s%n", "attack", "AUC", "TPR@0.1%FPR", "TPR@1%FPR"));
      for (AttackSummary a : r.attacks().values()) {
        s.append(String.format(Locale.ROOT, "  %-8s %7.4f %13s %11s%n", a.attack(), a.auc(), tpr(a, 0.001),
            tpr(a, 0.01)));
      }
    }
    CanarySummary c = r.canaries();
    if (c != null) {
      s.append(String.format(Locale.ROOT, "%n  canaries: %d %s, %d included; guesses ranked by %s, %d rules%n", c.count(),
          c.kind(), c.included(), c.statistic(), c.rules().size()));
      if (c.ledgerTest() != null) {
        s.append("  the accountant's trade-off curve ").append(c.ledgerTest().rejected() ? "is REJECTED" : "stands")
            .append(" against the canaries\n");
      }
    }
    WhiteBoxSummary w = r.whiteBox();
    if (w != null) {
      s.append('\n').append("  ").append(TextWrap.wrap(w.threatModel(), TextWrap.WIDTH - 2, "  ")).append('\n');
      s.append(String.format(Locale.ROOT, "  white-box canaries: %d (%d included) over %d released updates, %d null "
          + "coordinates%n", w.canaries(), w.included(), w.steps(), w.nullCoordinates()));
      for (int i = 0; i < w.counts().size(); i++) {
        var k = w.counts().get(i);
        s.append(String.format(Locale.ROOT, "  guessed \"in\" for the %d highest scores: %d correct%n", k.guesses(),
            k.correct()));
      }
      if (w.ledgerTest() != null) {
        s.append("  the accountant's trade-off curve for the ledger ").append(w.ledgerTest().rejected()
            ? "is REJECTED" : "stands").append(String.format(Locale.ROOT, " (level %.3g per rule)%n",
                w.ledgerTest().level()));
      }
      if (!w.checks().isEmpty()) {
        s.append(String.format(Locale.ROOT, "  %-26s %10s %10s %10s%n", "check (exact tests)", "statistic", "expected",
            "p-value"));
        for (MechanismCheck m : w.checks()) {
          s.append(String.format(Locale.ROOT, "  %-26s %10.4g %10.4g %10.3g%s%n", m.name(), m.statistic(), m.expected(),
              m.pValue(), m.failed() ? "  FAILED" : ""));
        }
        s.append(String.format(Locale.ROOT, "  (each judged at level %.3g: the checks share %s)%n",
            w.checks().get(0).level(), Texts.percent(w.checksLevel())));
      }
    }
    s.append(String.format(Locale.ROOT, "%nheadline: %s%n", headline(Standing.of(r), r.verdict())));
    s.append(String.format(Locale.ROOT, "verdict: %s%s%n  %s%n", r.verdict().id(),
        r.leaks() ? " (the model measurably leaks)" : "", TextWrap.wrap(r.reason(), TextWrap.WIDTH - 2, "  ")));
    s.append("written to ").append(written).append('\n');
    return s.toString();
  }

  /**
   * The headline on a terminal ({@link Standing}): what needs action in capitals ({@code LEAKS
   * TRAINING DATA}), the formal verdict beside it when it says something else.
   */
  public static String headline(Standing s, Verdict v) {
    String label = s.needsAction() ? s.label().toUpperCase(Locale.ROOT) : s.label().toLowerCase(Locale.ROOT);
    return v == null || s.id().equals(v.id()) ? label : label + " (formal verdict: " + v.id() + ")";
  }

  private static String estimate(EvidenceBound b) {
    return b.replaceOneEpsilon() == null ? " (estimate)"
        : String.format(Locale.ROOT, " (estimate; %.3f as an add/remove epsilon for replace-one pairs)",
            b.replaceOneEpsilon());
  }

  private static String method(EpsilonLowerBound b) {
    String m = Texts.name(b.method());
    boolean canary = b.oneRun() != null;
    if (b.thresholdSelection() == ThresholdSelection.SPLIT) {
      return m + ", threshold chosen on a random half";
    }
    if (b.thresholdSelection() == ThresholdSelection.BONFERRONI) {
      return m + (canary ? ", best of " + b.tests() + " guess rules" : ", Bonferroni over " + b.tests() + " rate bounds");
    }
    return m;
  }

  private static String tpr(AttackSummary a, double fpr) {
    var t = a.tprAt(fpr);
    return t.isPresent() ? String.format(Locale.ROOT, "%.4f", t.getAsDouble()) : "-";
  }

  private static String eps(double e) {
    return Double.isInfinite(e) ? "inf" : String.format(Locale.ROOT, "%.3f", e);
  }
}
