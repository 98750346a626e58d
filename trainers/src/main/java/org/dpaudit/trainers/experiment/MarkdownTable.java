package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code table.md}: the experiment's table for people. Two grids (accuracy ours / paper; epsilon
 * claimed / proven), then the settings, notes and each scheme's caveats. Everything shown comes
 * from {@code table.json}; user-given text (labels, notes) is escaped for Markdown tables.
 */
public final class MarkdownTable {
  private MarkdownTable() {}

  /** The Markdown text of {@code t}. */
  public static String render(ExperimentTable t) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(esc(t.preset())).append(": ").append(esc(t.title())).append("\n\n");
    b.append("Published numbers: ").append(esc(t.source())).append("\n\n");
    int seeds = t.rows().get(0).cells().get(0).seeds();
    grid(b, t, "Test accuracy: ours" + (seeds > 1 ? " (mean +- sd over " + seeds + " seeds)" : "") + " / paper",
        c -> accuracy(c) + (c.fusedTestAccuracy() == null ? "" : " (fused " + pct(c.fusedTestAccuracy()) + ")")
            + " / " + (c.publishedAccuracy() == null ? "-" : pct(c.publishedAccuracy())));
    boolean ownDeltas = t.rows().stream().anyMatch(r -> r.settings().containsKey("delta"));
    grid(b, t, "Epsilon: claimed / proven by the accountants (at " + (ownDeltas ? "each row's delta"
        : "delta = " + num(t.settings().delta())) + ")",
        c -> eps(c.claimedEpsilon()) + " / " + eps(c.accountantEpsilon()) + " (" + c.accountant() + ")");
    if (t.rows().stream().flatMap(r -> r.cells().stream()).anyMatch(c -> c.audits() != null)) {
      grid(b, t, "Audit: claimed / proven / empirical epsilon (lower bound at 95% confidence, per seed), verdict",
          MarkdownTable::audit);
      b.append("Empirical: what the run's canaries prove about the trained run (white-box gradient canaries, every "
          + "released update observed, for private schemes; black-box random-input canaries, final model only, for "
          + "non-private training). Each seed's run is audited on its own; each bound holds at 95% confidence by "
          + "itself. A verdict other than consistent is a finding (docs/audit.md).\n\n");
    }
    if (t.noiseMultipliers() != null && t.settings().trainsUntilBudget()) {
      b.append("Each column fixes the noise multiplier sigma of every private row, and each private cell trained "
          + "until the column's epsilon was spent (the most steps whose claimed epsilon stays at most it): the "
          + "epsilons the runs claim (at most the column's) and the accountants prove are in the second grid.\n\n");
    } else if (t.noiseMultipliers() != null) {
      b.append("Each column fixes the noise multiplier sigma of every private row; its epsilon is the paper's "
          + "budget, a label: the epsilons the runs claim and the accountants prove are in the second grid.\n\n");
    }
    b.append("## Settings\n\n");
    CellSettings s = t.settings();
    b.append(String.format(Locale.ROOT, "%s on %s: %d training members, %d test examples; %d epoch(s), expected batch "
            + "%d (%s sampling), %s learning rate %s (%s), momentum %s; L2 clip %s for the Gaussian schemes; "
            + "delta %s. Wall time of the invocation that wrote this table: %s.%n%n", s.model(), s.dataset(), s.members(), s.test(), s.epochs(), s.batchSize(),
        s.sampler().name().toLowerCase(Locale.ROOT), s.optimizer().name().toLowerCase(Locale.ROOT),
        num(s.learningRate()), s.lrSchedule().id(), num(s.momentum()), num(s.clipNorm()),
        num(s.delta()), duration(t.wallSeconds())));
    if (!t.notes().isEmpty()) {
      b.append("## Notes\n\n");
      t.notes().forEach(n -> b.append("- ").append(esc(n)).append('\n'));
      b.append('\n');
    }
    b.append("## Claims and caveats\n\n");
    java.util.Map<String, String> firstSaidFor = new java.util.HashMap<>();
    for (TableRow r : t.rows()) {
      b.append("- **").append(esc(r.label())).append("** (`").append(r.scheme()).append("`")
          .append(r.options().isEmpty() ? "" : ", options " + r.options())
          .append(r.settings().isEmpty() ? "" : ", settings " + r.settings()).append("): claimed: ")
          .append(esc(r.claimBasis())).append('\n');
      for (String c : r.caveats()) {
        String earlier = firstSaidFor.putIfAbsent(c, r.label());
        b.append("  - caveat: ").append(earlier == null ? esc(c) : "the same as for **" + esc(earlier) + "** above")
            .append('\n');
      }
    }
    return b.toString();
  }

  private static void grid(StringBuilder b, ExperimentTable t, String title, Function<TableCell, String> text) {
    b.append("## ").append(title).append("\n\n| scheme |");
    for (int i = 0; i < t.epsilons().size(); i++) {
      b.append(t.noiseMultipliers() == null ? "" : " sigma = " + ExperimentRunner.label(t.noiseMultipliers().get(i))
          + ",").append(" eps = ").append(ExperimentRunner.label(t.epsilons().get(i))).append(" |");
    }
    b.append("\n|---|");
    t.epsilons().forEach(e -> b.append("---|"));
    b.append('\n');
    for (TableRow r : t.rows()) {
      b.append("| ").append(esc(r.label())).append(" |");
      List<TableCell> cells = r.cells();
      cells.forEach(c -> b.append(' ').append(text.apply(c)).append(" |"));
      b.append('\n');
    }
    b.append('\n');
  }

  /** The accuracy, with its spread over the seeds when there are several. */
  static String accuracy(TableCell c) {
    return c.testAccuracySd() == null ? pct(c.testAccuracy())
        : String.format(Locale.ROOT, "%.2f +- %.2f%%", 100 * c.testAccuracy(), 100 * c.testAccuracySd());
  }

  /** Claimed / proven / each seed's empirical lower bound, then the verdicts (counted when they repeat). */
  static String audit(TableCell c) {
    StringBuilder b = new StringBuilder(eps(c.claimedEpsilon())).append(" / ").append(eps(c.accountantEpsilon()))
        .append(" / ");
    if (c.audits() == null) {
      return b.append("not audited").toString();
    }
    b.append(">= ").append(String.join(", ", c.audits().stream().map(a -> eps(a.empiricalEpsilon())).toList()));
    java.util.Map<String, Integer> verdicts = new java.util.LinkedHashMap<>();
    c.audits().forEach(a -> verdicts.merge(a.verdict() + (a.finding() ? " (finding)" : ""), 1, Integer::sum));
    b.append(", ").append(String.join("; ", verdicts.entrySet().stream()
        .map(v -> v.getKey() + (c.audits().size() > 1 ? " x" + v.getValue() : "")).toList()));
    return b.toString();
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  /** Three significant digits; scientific beyond 10^4; "inf" for no privacy. */
  static String eps(double e) {
    if (Double.isInfinite(e)) {
      return "inf";
    }
    return e >= 1e4 ? String.format(Locale.ROOT, "%.2e", e) : String.format(Locale.ROOT, "%.3g", e);
  }

  /** Shortest decimal text of a double. */
  static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
  }

  /** Escapes what would break a Markdown table cell or start markup. */
  static String esc(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ");
  }
}
