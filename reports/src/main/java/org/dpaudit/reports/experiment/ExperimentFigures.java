package org.dpaudit.reports.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.reports.charts.SeriesChart;
import org.dpaudit.reports.charts.SeriesChart.Axes;
import org.dpaudit.reports.charts.SeriesChart.Point;
import org.dpaudit.reports.charts.SeriesChart.Series;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableCell;
import org.dpaudit.trainers.experiment.TableRow;
import org.dpaudit.trainers.schemes.Schemes;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatio;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatioTrace;
import org.dpaudit.trainers.schemes.enadpp.RatioAblations;

/**
 * The papers' figures for one experiment, from its {@code table.json} (accuracies as mean and
 * standard deviation over seeds, the proven epsilons) and its runs' {@code run.json} (per-epoch
 * curves). Every preset gets the same list: privacy-utility curves; accuracy against sigma at a
 * fixed epsilon (seed 003, Fig. 4); the epsilon-delta grid (Fig. 5); training curves (Fig. 6);
 * speed-up against batch size (Fig. 7); the per-neuron budget ratios (seed 000, Fig. 1). Those the
 * preset has no data for say why.
 */
public final class ExperimentFigures {
  private static final Axes ACCURACY_VS_EPSILON = new Axes("epsilon the accountant proves", true,
      "test accuracy (mean ± sd over seeds)", true);

  private ExperimentFigures() {}

  /**
   * The figures of {@code table}, whose runs are under {@code dir}; figures drawn from the runs' own
   * files read only those {@code integrity} trusts (as table.json recorded them).
   */
  public static List<ExperimentFigure> of(ExperimentTable table, Path dir, RunIntegrity integrity) {
    List<ExperimentFigure> out = new ArrayList<>();
    out.add(privacyUtility(table));
    out.add(accuracyAgainstSigma(table));
    out.add(epsilonDeltaGrid(table));
    out.add(trainingCurves(table, dir, integrity));
    out.add(SpeedUpFigure.of(table, dir, integrity));
    out.add(recordedBudgetRatios(table, dir, integrity));
    return out;
  }

  private static double sd(TableCell c) {
    return c.testAccuracySd() == null ? 0 : c.testAccuracySd();
  }

  /** Accuracy against the proven epsilon, one line per private row. */
  static ExperimentFigure privacyUtility(ExperimentTable table) {
    String title = "Privacy against utility: accuracy against the proven epsilon, per scheme";
    List<Series> series = new ArrayList<>();
    List<String> unproven = new ArrayList<>();
    List<String> ceilings = new ArrayList<>();
    for (TableRow row : table.rows()) {
      if (!Schemes.isPrivate(row.scheme())) {
        row.cells().stream().findFirst().ifPresent(c -> ceilings.add(row.label() + " " + percent(c.testAccuracy())));
        continue;
      }
      List<Point> ps = new ArrayList<>();
      for (TableCell c : row.cells()) {
        if (Double.isFinite(c.accountantEpsilon()) && c.accountantEpsilon() > 0) {
          ps.add(new Point(c.accountantEpsilon(), c.testAccuracy(), sd(c)));
        }
      }
      if (ps.size() < row.cells().size()) {
        unproven.add(row.label());
      }
      series.add(new Series(row.label(), ps));
    }
    if (series.stream().allMatch(s -> s.points().isEmpty())) {
      return ExperimentFigure.missing(title, "No private cell of this experiment has a finite proven epsilon"
          + (unproven.isEmpty() ? "." : ": " + String.join("; ", unproven) + " (not proven)."));
    }
    String caption = "Each point is one cell: its test accuracy (mean over seeds, bar ± one sd) at the epsilon the "
        + "accountant proves for what the code did (not the claimed one)."
        + (unproven.isEmpty() ? "" : " Cells with no finite proven epsilon are not drawn: "
            + String.join("; ", unproven) + ".")
        + (ceilings.isEmpty() ? "" : " Non-private (epsilon infinite): " + String.join("; ", ceilings) + ".");
    return ExperimentFigure.drawn(title, caption, SeriesChart.render("privacy-utility", title, ACCURACY_VS_EPSILON,
        series));
  }

  /** Accuracy against the columns' fixed sigma (seed 003, Fig. 4), when the preset fixes sigma. */
  static ExperimentFigure accuracyAgainstSigma(ExperimentTable table) {
    String title = "Accuracy against the noise multiplier sigma (seed 003, Fig. 4)";
    if (table.noiseMultipliers() == null) {
      return ExperimentFigure.missing(title, "This preset calibrates sigma for each epsilon instead of fixing it; "
          + "accuracy against sigma at one fixed epsilon is the seed003-fig4 preset.");
    }
    if (table.noiseMultipliers().stream().distinct().count() < 2) {
      return ExperimentFigure.missing(title, "Every column of this preset has sigma " + labels(table.noiseMultipliers())
          + "; it varies epsilon instead (accuracy against sigma at a fixed epsilon is the seed003-fig4 preset).");
    }
    boolean budget = table.settings().trainsUntilBudget();
    List<Series> series = new ArrayList<>();
    for (TableRow row : table.rows()) {
      if (!Schemes.isPrivate(row.scheme())) {
        continue;
      }
      List<Point> ps = new ArrayList<>();
      for (int i = 0; i < row.cells().size(); i++) {
        TableCell c = row.cells().get(i);
        ps.add(new Point(table.noiseMultipliers().get(i), c.testAccuracy(), sd(c)));
      }
      ps.sort(java.util.Comparator.comparingDouble(Point::x));
      series.add(new Series(row.label(), ps));
    }
    String caption = budget
        ? "Every private cell trained until its column's epsilon (" + labels(table.epsilons()) + ") was spent at its "
            + "sigma: a larger sigma buys more steps. Bars: ± one sd over seeds."
        : "Every cell trained for the preset's epochs at its column's sigma; the epsilons (" + labels(table.epsilons())
            + ") only label the columns, so this is not Fig. 4's fixed-epsilon curve. Bars: ± one sd over seeds.";
    return ExperimentFigure.drawn(title, caption, SeriesChart.render("accuracy-sigma", title,
        new Axes("noise multiplier sigma", false, "test accuracy (mean ± sd over seeds)", true), series));
  }

  /**
   * Accuracy against the column's epsilon, one line per delta (seed 003, Fig. 5), when the preset's
   * private rows differ in their delta.
   */
  static ExperimentFigure epsilonDeltaGrid(ExperimentTable table) {
    String title = "Accuracy over the epsilon × delta grid (seed 003, Fig. 5)";
    List<Series> series = new ArrayList<>();
    java.util.Set<Object> deltas = new java.util.HashSet<>();
    for (TableRow row : table.rows()) {
      if (!Schemes.isPrivate(row.scheme())) {
        continue;
      }
      Object delta = row.settings().getOrDefault("delta", table.settings().delta());
      deltas.add(Double.valueOf(String.valueOf(delta)));
      List<Point> ps = new ArrayList<>();
      for (int i = 0; i < row.cells().size(); i++) {
        ps.add(new Point(table.epsilons().get(i), row.cells().get(i).testAccuracy(), sd(row.cells().get(i))));
      }
      ps.sort(java.util.Comparator.comparingDouble(Point::x));
      series.add(new Series(row.label() + " (delta " + delta + ")", ps));
    }
    if (deltas.size() < 2) {
      return ExperimentFigure.missing(title, "Not in this preset: every private cell is at delta "
          + table.settings().delta() + "; the grid over epsilon and delta (Fig. 5 fixes sigma 4 and varies epsilon "
          + "0.1-10 and delta 1e-5 to 1e-1) is the seed003-fig5 preset.");
    }
    String caption = (table.settings().trainsUntilBudget() ? "Every private cell trained until its epsilon (x) was "
        + "spent at delta (one line each)" : "Every cell trained for the preset's epochs; epsilon (x) labels the "
        + "column") + (table.noiseMultipliers() == null ? "." : " at sigma " + labels(table.noiseMultipliers()) + ".")
        + " Bars: ± one sd over seeds.";
    return ExperimentFigure.drawn(title, caption, SeriesChart.render("epsilon-delta", title,
        new Axes("epsilon (the column's budget)", true, "test accuracy (mean ± sd over seeds)", true),
        series));
  }

  /**
   * Seed 000's Figure 1 from the runs: per neuron of the output layer, the budget ratio each
   * relevance-based row's first run used at its last step ({@code budget-ratios.json}, checked
   * against the SHA-256 its run.json recorded), neurons in order of rising relevance; the
   * illustrative figure ({@link #budgetRatios}) when no run recorded them.
   */
  static ExperimentFigure recordedBudgetRatios(ExperimentTable table, Path dir, RunIntegrity integrity) {
    List<Series> series = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    List<TableRow> rows = table.rows().stream().filter(r -> RatioAblations.appliesTo(r.scheme())).toList();
    boolean published = rows.stream().anyMatch(r -> r.options().isEmpty());
    for (TableRow row : rows) {
      if (published && !row.options().isEmpty()) {
        continue; // the paper's methods only, when the preset has them (ablations would crowd the figure)
      }
      BudgetRatioTrace trace = RecordedRatios.read(dir, row.cells().get(0).run(), integrity);
      if (trace == null) {
        continue;
      }
      BudgetRatioTrace.Snapshot s = trace.snapshots().get(trace.snapshots().size() - 1);
      series.add(new Series(row.label() + " (step " + (s.step() + 1) + ")", RecordedRatios.byRelevance(s)));
      runs.add(row.cells().get(0).run() + " at step " + (s.step() + 1));
    }
    if (series.isEmpty()) {
      return budgetRatios(table);
    }
    String title = "Per-neuron privacy budget ratios, ADPPL against EnADPP (seed 000, Fig. 1), from the runs";
    String caption = "The ratio alpha_q each run gave the neurons of its output layer (one per class) at its last "
        + "step, neurons ordered by the relevance the run computed at that step (x: 1 = least relevant). Recorded "
        + "by the runs in budget-ratios.json (checked against the SHA-256 in their run.json): " + String.join("; ", runs)
        + ". For the as-published schemes the relevance comes from the private batch: these values are statistics of "
        + "the private members, not part of the model's release.";
    return ExperimentFigure.drawn(title, caption, SeriesChart.render("budget-ratios", title,
        new Axes("output neuron, by rising relevance", false, "privacy budget ratio alpha_q", false), series));
  }

  /**
   * Seed 000's Figure 1: the budget ratios ADPPL and EnADPP give ten neurons of rising relevance,
   * computed by the functions the schemes run ({@link BudgetRatio}), when the experiment has a row
   * of either.
   */
  static ExperimentFigure budgetRatios(ExperimentTable table) {
    String title = "Per-neuron privacy budget ratios, ADPPL against EnADPP (seed 000, Fig. 1)";
    if (table.rows().stream().noneMatch(r -> RatioAblations.appliesTo(r.scheme()))) {
      return ExperimentFigure.missing(title, "No EnADPP or ADPPL row in this preset (seed000-table1 and ablations "
          + "have them).");
    }
    double[] relevance = new double[10];
    for (int q = 0; q < relevance.length; q++) {
      relevance[q] = q + 1;
    }
    List<Series> series = new ArrayList<>();
    for (BudgetRatio ratio : new BudgetRatio[] {BudgetRatio.RELEVANCE_SHARE, BudgetRatio.ENTROPY_GAIN}) {
      double[] alpha = ratio.ratios(relevance);
      List<Point> ps = new ArrayList<>();
      for (int q = 0; q < alpha.length; q++) {
        ps.add(new Point(q + 1, alpha[q], 0));
      }
      series.add(new Series(ratio == BudgetRatio.ENTROPY_GAIN ? "EnADPP (normalised information gain)"
          : "ADPPL (relevance share)", ps));
    }
    String caption = "The ratio alpha_q each method gives ten neurons whose relevance rises linearly (1, 2, ..., 10; "
        + "ours: the paper does not give its values), computed by the same functions the schemes run every step "
        + "(BudgetRatio). ADPPL's shares sum to 1; EnADPP's min-max normalised gains span 0 to 1, the greater "
        + "range of change the paper points out. Illustrative values: no run of this experiment has a "
        + "budget-ratios.json as its run.json recorded it (runs made before dpaudit recorded them, or changed since).";
    return ExperimentFigure.drawn(title, caption, SeriesChart.render("budget-ratios", title,
        new Axes("neuron (relevance rising)", false, "privacy budget ratio alpha_q", false), series));
  }

  /** Test accuracy per epoch of each cell's first-seed run (seed 003, Fig. 6's training curves). */
  static ExperimentFigure trainingCurves(ExperimentTable table, Path dir, RunIntegrity integrity) {
    String title = "Training curves: test accuracy per epoch, first seed of each cell (seed 003, Fig. 6)";
    List<Series> series = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    int multiEpoch = 0;
    for (TableRow row : table.rows()) {
      for (int i = 0; i < row.cells().size(); i++) {
        TableCell c = row.cells().get(i);
        Path runJson = dir.resolve(c.run()).resolve(RunLayout.RUN_JSON);
        if (!seen.add(c.run()) || !Files.isRegularFile(runJson) || !integrity.trusts(c.run())) {
          continue;
        }
        List<EpochMetrics> history = ArtifactSchema.RUN.read(runJson).metrics().history();
        List<Point> ps = new ArrayList<>();
        for (EpochMetrics m : history) {
          ps.add(new Point(m.epoch(), m.testAccuracy(), 0));
        }
        multiEpoch += ps.size() > 1 ? 1 : 0;
        String column = table.noiseMultipliers() == null ? "ε " + label(table.epsilons().get(i))
            : "σ " + label(table.noiseMultipliers().get(i));
        series.add(new Series(row.label() + ", " + column, ps));
      }
    }
    if (multiEpoch == 0) {
      return ExperimentFigure.missing(title, "Every run of this experiment trained one epoch (or recorded none), so "
          + "there is no curve to draw; the full preset trains more.");
    }
    return ExperimentFigure.drawn(title, "Test accuracy after each epoch of the first seed's run of each cell.",
        SeriesChart.render("training-curves", title, new Axes("epoch", false, "test accuracy", true), series));
  }

  private static String percent(double f) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * f);
  }

  private static String label(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String labels(List<Double> vs) {
    return String.join(", ", vs.stream().distinct().map(ExperimentFigures::label).toList());
  }
}
