package org.dpaudit.reports.view;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.reports.charts.EpsilonChart;
import org.dpaudit.reports.charts.PrivacyUtilityChart;
import org.dpaudit.reports.charts.RocChart;

/** Builds a {@link ComparePage} from several runs' artifacts. */
public final class ComparePages {
  private ComparePages() {}

  /**
   * The comparison of {@code runs} (read from {@code dirs}, same order), to be written at {@code
   * target}.
   */
  public static ComparePage of(List<RunArtifacts> runs, List<Path> dirs, Path target, String generated) {
    List<ComparePage.RunRow> rows = new ArrayList<>();
    List<PrivacyUtilityChart.Point> points = new ArrayList<>();
    List<EpsilonChart.Row> eps = new ArrayList<>();
    List<String> seeded = new ArrayList<>();
    boolean anyAudited = false;
    String confidence = null;
    List<String> labels = labels(runs, dirs);
    for (int i = 0; i < runs.size(); i++) {
      RunArtifacts a = runs.get(i);
      RunFacts f = RunFacts.of(a);
      rows.add(row(a, f, labels.get(i), dirs.get(i), target));
      if (f.testAccuracy() != null) {
        points.add(new PrivacyUtilityChart.Point(labels.get(i), f.scheme(), f.accountant(), f.claimed(),
            f.testAccuracy()));
      }
      eps.add(new EpsilonChart.Row(labels.get(i), f.claimed(), f.accountant(), f.empirical()));
      if (f.seeded()) {
        seeded.add(labels.get(i));
      }
      anyAudited |= f.audited();
      confidence = confidence == null ? f.confidenceText() : confidence;
    }
    // A chart needs two private points to draw a trade-off; with fewer, a table row says it plainly.
    long privatePoints = points.stream().filter(p -> Double.isFinite(epsilonOf(p))).count();
    var pu = privatePoints < 2 ? null : PrivacyUtilityChart.render("privacy-utility",
        "test accuracy over epsilon, one line per scheme", points);
    List<ComparePage.UtilityRow> utility = pu != null ? List.of() : points.stream()
        .map(p -> new ComparePage.UtilityRow(p.run(), p.scheme(), Formats.epsilon(epsilonOf(p)),
            Formats.percent(p.accuracy())))
        .toList();
    var epsChart = EpsilonChart.render("epsilons", "claimed, accountant and empirical epsilon of every run", eps,
        confidence == null ? "95%" : confidence);
    return new ComparePage(generated, rows, pu, utility, epsChart, rocs(runs, labels), ExperimentTables.near(dirs), seeded,
        anyAudited);
  }

  /**
   * What each run is called in the tables and charts: its name, or the directory as given when two
   * runs share a name (an experiment's {@code dpsgd/eps-2} and {@code appdl/eps-2}); the charts need
   * distinct series names.
   */
  static List<String> labels(List<RunArtifacts> runs, List<Path> dirs) {
    Map<String, Integer> count = new LinkedHashMap<>();
    for (RunArtifacts a : runs) {
      count.merge(a.name(), 1, Integer::sum);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      String name = runs.get(i).name();
      out.add(count.get(name) > 1 ? dirs.get(i).toString() : name);
    }
    return out;
  }

  /** The epsilon a point is drawn at: the accountant's where known, else the claim. */
  private static double epsilonOf(PrivacyUtilityChart.Point p) {
    return p.accountant() != null ? p.accountant() : p.claimed();
  }

  private static ComparePage.RunRow row(RunArtifacts a, RunFacts f, String label, Path dir, Path target) {
    AttackRecord best = a.strongestAttack();
    return new ComparePage.RunRow(label, dir.toString(), f.scheme(),
        f.testAccuracy() == null ? Formats.NONE : Formats.percent(f.testAccuracy()), Formats.epsilon(f.claimed()),
        Formats.epsilon(f.accountant()), f.empiricalText(), f.verdict(), f.verdictLabel(), f.standing(),
        Boolean.TRUE.equals(f.leaks()),
        best == null ? Formats.NONE : best.attack(), best == null ? Formats.NONE : Formats.rate(best.auc()),
        best == null ? Formats.NONE : AttackViews.tpr(AttackViews.at(best.tprAtFpr(), 0.001)),
        best == null ? Formats.NONE : AttackViews.tpr(AttackViews.at(best.tprAtFpr(), 0.01)), link(dir, target));
  }

  /** One overlay per attack name, in order of first appearance; one curve per run, coloured by run. */
  private static List<ComparePage.RocGroup> rocs(List<RunArtifacts> runs, List<String> labels) {
    Map<String, List<RocChart.Curve>> curves = new LinkedHashMap<>();
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (AttackRecord r : runs.get(i).attacks()) {
        curves.computeIfAbsent(r.attack(), k -> new ArrayList<>()).add(new RocChart.Curve(
            labels.get(i) + " (" + RunFacts.of(runs.get(i)).scheme() + "), AUC " + Formats.rate(r.auc()),
            AttackViews.points(r.roc()), i, true));
        names.computeIfAbsent(r.attack(), k -> new ArrayList<>()).add(labels.get(i));
      }
    }
    List<ComparePage.RocGroup> out = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, List<RocChart.Curve>> e : curves.entrySet()) {
      var chart = RocChart.render("roc-" + n++, "ROC curves of the " + e.getKey() + " attack on every run", e.getValue());
      out.add(new ComparePage.RocGroup(e.getKey(), AttackViews.title(e.getKey()), chart, names.get(e.getKey())));
    }
    return out;
  }

  /**
   * A relative link from the comparison to the run's report, or null when the run has none. Always
   * starts with {@code ./} or {@code ../} and is percent-encoded, so a directory named like a URL
   * scheme ({@code javascript:...}) stays a relative path.
   */
  static String link(Path runDir, Path target) {
    Path report = runDir.resolve(RunLayout.REPORT_HTML);
    if (!Files.isRegularFile(report)) {
      return null;
    }
    Path from = target.toAbsolutePath().normalize().getParent();
    String rel = from.relativize(report.toAbsolutePath().normalize()).toString().replace('\\', '/');
    if (!rel.startsWith("../")) {
      rel = "./" + rel;
    }
    try {
      return new URI(null, null, rel, null).toASCIIString();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
