package org.dpaudit.reports.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.CanarySummary;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.artifact.audit.WhiteBoxSummary;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;

/**
 * Builds the audit and canary views from {@code audit.json}'s record. Optional blocks the audit did
 * not write (no canaries, no white-box audit, no ledger test) are shown as {@code —} or left out.
 */
final class AuditViews {
  private static final String WHITE_BOX_THREAT = "White-box canaries audit the threat model DP-SGD's accounting is "
      + "proved against: an adversary who sees every released noisy update.";

  private AuditViews() {}

  static AuditView audit(RunArtifacts a) {
    AuditRecord au = a.audit();
    List<AuditView.BoundRow> rows = new ArrayList<>();
    for (EvidenceBound b : au.empiricalEpsilon().bounds()) {
      rows.add(bound(b));
    }
    var p = au.provenance();
    String made = p.created() == null ? null : Formats.instant(p.created());
    String commit = p.environment().gitCommit();
    return new AuditView(Formats.number(100 * au.empiricalEpsilon().confidence(), 4) + "%",
        String.valueOf(au.empiricalEpsilon().comparisons()), au.empiricalEpsilon().note(),
        rows, (made == null ? "" : made) + (commit == null ? "" : " by commit " + Formats.shortHash(commit)));
  }

  /** The canary view, or null when the run has no canaries. */
  static CanaryView canaries(RunArtifacts a) {
    CanaryRecord c = a.run().canaries();
    AuditRecord au = a.audit();
    CanarySummary cs = au == null ? null : au.canaries();
    WhiteBoxSummary w = au == null ? null : au.whiteBox();
    if (c == null && cs == null && w == null) {
      return null;
    }
    List<AuditView.BoundRow> bounds = new ArrayList<>();
    for (EvidenceBound b : au == null ? List.<EvidenceBound>of() : au.empiricalEpsilon().bounds()) {
      if (b.source().startsWith("canaries")) {
        bounds.add(bound(b));
      }
    }
    if (w != null || (c != null && "gradient".equals(c.kind()))) {
      return whiteBox(c, w, bounds);
    }
    List<String> rules = new ArrayList<>();
    for (GuessCounts r : cs == null ? List.<GuessCounts>of() : cs.rules()) {
      rules.add("(" + r.positive() + ", " + r.negative() + ")");
    }
    String count = c != null ? Formats.count(c.count()) : cs == null ? Formats.NONE : String.valueOf(cs.count());
    String kind = c != null ? c.kind() : cs == null ? Formats.NONE : cs.kind();
    return new CanaryView(count, kind, cs == null ? Formats.NONE : String.valueOf(cs.included()),
        cs == null ? Formats.NONE : cs.statistic(), rules.isEmpty() ? Formats.NONE : String.join(" ", rules),
        bounds, cs == null ? null : cs.fdp(), null, ledgerTest(cs == null ? null : cs.ledgerTest()));
  }

  /** The canary view of white-box (gradient) canaries; {@code w} is null when the audit has no white-box block. */
  private static CanaryView whiteBox(CanaryRecord c, WhiteBoxSummary w, List<AuditView.BoundRow> bounds) {
    List<CanaryView.Check> checks = new ArrayList<>();
    for (MechanismCheck k : w == null ? List.<MechanismCheck>of() : w.checks()) {
      checks.add(new CanaryView.Check(k.name(), k.tests(), num(k.statistic()), num(k.expected()),
          String.format(Locale.ROOT, "%.3g", k.pValue()), k.failed()));
    }
    double level = w == null ? 0 : w.checksLevel();
    CanaryView.WhiteBox wb = new CanaryView.WhiteBox(w == null ? WHITE_BOX_THREAT : w.threatModel(),
        w == null ? Formats.NONE : String.valueOf(w.steps()),
        w == null ? Formats.NONE : String.valueOf(w.nullCoordinates()), w == null ? null : w.plan(), checks,
        level == 0 ? null : Formats.number(100 * level, 3) + "%");
    String count = c != null ? Formats.count(c.count()) : w == null ? Formats.NONE : String.valueOf(w.canaries());
    return new CanaryView(count, "gradient (white box)", w == null ? Formats.NONE : String.valueOf(w.included()),
        w == null || w.score() == null ? Formats.NONE : w.score(), Formats.NONE, bounds, null, wb,
        ledgerTest(w == null ? null : w.ledgerTest()));
  }

  /** Whether the accountant's curve stands, in words; null when it was not tested. */
  private static String ledgerTest(LedgerTest t) {
    if (t == null) {
      return null;
    }
    return (t.rejected() ? "REJECTED: the canaries contradict the trade-off curve the accountant proves for the run's "
        + "ledger. " : "The trade-off curve the accountant proves for the run's ledger stands against the canaries. ")
        + t.note() + ".";
  }

  private static AuditView.BoundRow bound(EvidenceBound b) {
    EpsilonLowerBound bd = b.bound();
    return new AuditView.BoundRow(b.source(), Methods.label(bd.method().name()), Formats.epsilon(bd.epsilon()),
        Formats.number(100 * bd.confidence(), 4) + "%", b.decides(), Methods.label(bd.thresholdSelection().name()),
        evidence(bd), Formats.epsilon(b.maxAchievable()), bd.note(), b.caveat());
  }

  /** The counts of a bound in words. */
  static String evidence(EpsilonLowerBound bd) {
    if (bd.counts() != null) {
      var n = bd.counts();
      return "TP " + n.tp() + ", FN " + n.fn() + ", FP " + n.fp() + ", TN " + n.tn()
          + rate(bd.fprUpper(), "; FPR ≤ ") + rate(bd.fnrUpper(), ", FNR ≤ ");
    }
    if (bd.oneRun() != null) {
      GuessCounts g = bd.guessRule();
      String rule = g == null ? "" : " (guess rule k+ = " + g.positive() + ", k- = " + g.negative() + ")";
      return bd.oneRun().correct() + " of " + bd.oneRun().guesses() + " guesses correct on " + bd.oneRun().canaries()
          + " canaries" + rule;
    }
    return Formats.NONE;
  }

  private static String rate(Double v, String prefix) {
    return v == null ? "" : prefix + Formats.percent(v, 2);
  }

  private static String num(double v) {
    return Formats.number(v, 4);
  }
}
