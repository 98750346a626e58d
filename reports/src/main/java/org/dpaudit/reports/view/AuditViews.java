package org.dpaudit.reports.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.reports.AuditTree;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.core.artifact.run.CanaryRecord;

/**
 * Builds the audit and canary views from {@code audit.json}, read as a tree: fields the audit does
 * not (yet) write are shown as {@code —} rather than failing the report.
 */
final class AuditViews {
  private AuditViews() {}

  static AuditView audit(RunArtifacts a) {
    JsonNode au = a.audit();
    List<AuditView.BoundRow> rows = new ArrayList<>();
    for (JsonNode b : AuditTree.array(au, "empiricalEpsilon.bounds")) {
      rows.add(bound(b));
    }
    Double c = AuditTree.number(au, "empiricalEpsilon.confidence");
    String made = AuditTree.text(au, "provenance.created") == null ? null
        : Formats.instant(AuditTree.text(au, "provenance.created"));
    String commit = AuditTree.text(au, "provenance.environment.gitCommit");
    return new AuditView(c == null ? Formats.NONE : Formats.number(100 * c, 4) + "%",
        orNone(AuditTree.text(au, "empiricalEpsilon.comparisons")), AuditTree.text(au, "empiricalEpsilon.note"),
        rows, (made == null ? "" : made) + (commit == null ? "" : " by commit " + Formats.shortHash(commit)));
  }

  /** The canary view, or null when the run has no canaries. */
  static CanaryView canaries(RunArtifacts a) {
    CanaryRecord c = a.run().canaries();
    JsonNode au = a.audit();
    if (c == null && AuditTree.at(au, "canaries") == null && AuditTree.at(au, "whiteBox") == null) {
      return null;
    }
    List<AuditView.BoundRow> bounds = new ArrayList<>();
    for (JsonNode b : AuditTree.array(au, "empiricalEpsilon.bounds")) {
      String source = AuditTree.text(b, "source");
      if (source != null && source.startsWith("canaries")) {
        bounds.add(bound(b));
      }
    }
    if (AuditTree.at(au, "whiteBox") != null || (c != null && "gradient".equals(c.kind()))) {
      return whiteBox(c, au, bounds);
    }
    List<String> rules = new ArrayList<>();
    for (JsonNode r : AuditTree.array(au, "canaries.rules")) {
      rules.add("(" + AuditTree.text(r, "positive") + ", " + AuditTree.text(r, "negative") + ")");
    }
    String count = c != null ? Formats.count(c.count()) : orNone(AuditTree.text(au, "canaries.count"));
    String kind = c != null ? c.kind() : orNone(AuditTree.text(au, "canaries.kind"));
    return new CanaryView(count, kind, orNone(AuditTree.text(au, "canaries.included")),
        orNone(AuditTree.text(au, "canaries.statistic")), rules.isEmpty() ? Formats.NONE : String.join(" ", rules),
        bounds, AuditTree.text(au, "canaries.fdp"), null, ledgerTest(AuditTree.at(au, "canaries.ledgerTest")));
  }

  /** The canary view of white-box (gradient) canaries. */
  private static CanaryView whiteBox(CanaryRecord c, JsonNode au, List<AuditView.BoundRow> bounds) {
    JsonNode w = AuditTree.at(au, "whiteBox");
    List<CanaryView.Check> checks = new ArrayList<>();
    for (JsonNode k : AuditTree.array(au, "whiteBox.checks")) {
      Double p = AuditTree.number(k, "pValue");
      checks.add(new CanaryView.Check(orNone(AuditTree.text(k, "name")), orNone(AuditTree.text(k, "tests")),
          num(AuditTree.number(k, "statistic")), num(AuditTree.number(k, "expected")),
          p == null ? Formats.NONE : String.format(java.util.Locale.ROOT, "%.3g", p),
          Boolean.TRUE.equals(AuditTree.bool(k, "failed"))));
    }
    Double level = AuditTree.number(au, "whiteBox.checksLevel");
    CanaryView.WhiteBox wb = new CanaryView.WhiteBox(
        w == null ? "White-box canaries audit the threat model DP-SGD's accounting is proved against: an adversary who "
            + "sees every released noisy update." : AuditTree.text(w, "threatModel"),
        orNone(AuditTree.text(au, "whiteBox.steps")), orNone(AuditTree.text(au, "whiteBox.nullCoordinates")),
        AuditTree.text(au, "whiteBox.plan"), checks,
        level == null || level == 0 ? null : Formats.number(100 * level, 3) + "%");
    String count = c != null ? Formats.count(c.count()) : orNone(AuditTree.text(au, "whiteBox.canaries"));
    return new CanaryView(count, "gradient (white box)", orNone(AuditTree.text(au, "whiteBox.included")),
        orNone(AuditTree.text(au, "whiteBox.score")), Formats.NONE, bounds, null, wb,
        ledgerTest(AuditTree.at(au, "whiteBox.ledgerTest")));
  }

  /** Whether the accountant's curve stands, in words; null when it was not tested. */
  private static String ledgerTest(JsonNode t) {
    if (t == null) {
      return null;
    }
    boolean rejected = Boolean.TRUE.equals(AuditTree.bool(t, "rejected"));
    return (rejected ? "REJECTED: the canaries contradict the trade-off curve the accountant proves for the run's "
        + "ledger. " : "The trade-off curve the accountant proves for the run's ledger stands against the canaries. ")
        + orNone(AuditTree.text(t, "note")) + ".";
  }

  private static AuditView.BoundRow bound(JsonNode b) {
    JsonNode bd = AuditTree.at(b, "bound");
    Double conf = AuditTree.number(bd, "confidence");
    return new AuditView.BoundRow(orNone(AuditTree.text(b, "source")),
        Methods.label(AuditTree.text(bd, "method")), Formats.epsilon(AuditTree.number(bd, "epsilon")),
        conf == null ? Formats.NONE : Formats.number(100 * conf, 4) + "%",
        Boolean.TRUE.equals(AuditTree.bool(b, "decides")), Methods.label(AuditTree.text(bd, "thresholdSelection")),
        evidence(bd), Formats.epsilon(AuditTree.number(b, "maxAchievable")), AuditTree.text(bd, "note"),
        AuditTree.text(b, "caveat"));
  }

  /** The counts of a bound in words. */
  static String evidence(JsonNode bd) {
    if (AuditTree.at(bd, "counts") != null) {
      return "TP " + AuditTree.text(bd, "counts.tp") + ", FN " + AuditTree.text(bd, "counts.fn") + ", FP "
          + AuditTree.text(bd, "counts.fp") + ", TN " + AuditTree.text(bd, "counts.tn")
          + rate(bd, "fprUpper", "; FPR ≤ ") + rate(bd, "fnrUpper", ", FNR ≤ ");
    }
    if (AuditTree.at(bd, "oneRun") != null) {
      String rule = AuditTree.at(bd, "guessRule") == null ? ""
          : " (guess rule k+ = " + AuditTree.text(bd, "guessRule.positive") + ", k- = "
              + AuditTree.text(bd, "guessRule.negative") + ")";
      return AuditTree.text(bd, "oneRun.correct") + " of " + AuditTree.text(bd, "oneRun.guesses")
          + " guesses correct on " + AuditTree.text(bd, "oneRun.canaries") + " canaries" + rule;
    }
    return Formats.NONE;
  }

  private static String rate(JsonNode n, String field, String prefix) {
    Double v = AuditTree.number(n, field);
    return v == null ? "" : prefix + Formats.percent(v, 2);
  }

  private static String num(Double v) {
    return v == null ? Formats.NONE : Formats.number(v, 4);
  }

  private static String orNone(String s) {
    return s == null ? Formats.NONE : s;
  }
}
