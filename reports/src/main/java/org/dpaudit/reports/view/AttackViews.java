package org.dpaudit.reports.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.core.artifact.attack.RocCurve;
import org.dpaudit.core.artifact.attack.TprAtFpr;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.charts.RocChart;

/** Builds {@link AttackView}s from attack records. */
public final class AttackViews {
  private static final Map<String, String> TITLES = Map.of(
      "loss", "Loss threshold (Yeom et al. 2018)",
      "lira", "LiRA, likelihood-ratio attack (Carlini et al. 2022)",
      "rmia", "RMIA, relative membership inference (Zarifzadeh et al. 2024)",
      "shadow", "Shadow models (Shokri et al. 2017)");

  private AttackViews() {}

  /**
   * Why {@code nonMembers} cannot resolve a false-positive rate of {@code fpr}, or null when they can:
   * with N non-members the smallest non-zero FPR is 1/N, so below it the row only reports the
   * threshold that lets no non-member through (TPR at 0.01% FPR with 1000 non-members).
   */
  static String unresolved(double fpr, int nonMembers) {
    if (nonMembers <= 0 || fpr * nonMembers >= 1 - 1e-9) {
      return null;
    }
    return "not resolved: with " + nonMembers + " non-members the smallest non-zero FPR is "
        + Formats.percent(1.0 / nonMembers, 2) + "; this row is the threshold with no false positive";
  }

  /** The view of {@code r}, its chart's element id {@code id}. */
  static AttackView of(AttackRecord r, String id) {
    List<AttackView.TprRow> rows = new ArrayList<>();
    for (Map.Entry<String, TprAtFpr> e : r.tprAtFpr().entrySet()) {
      TprAtFpr t = e.getValue();
      rows.add(new AttackView.TprRow(Formats.fprKey(e.getKey()), Formats.percent(t.tpr(), 2),
          Formats.percentInterval(t.tprLower(), t.tprUpper(), 2), Formats.percent(t.achievedFpr(), 2),
          unresolved(t.fpr(), r.nonMembers())));
    }
    TprAtFpr t01 = at(r.tprAtFpr(), 0.001);
    TprAtFpr t1 = at(r.tprAtFpr(), 0.01);
    List<Field> details = new ArrayList<>();
    if (r.details() != null) {
      r.details().forEach((k, v) -> details.add(Field.of(k, String.valueOf(v))));
    }
    String selected = r.details() == null ? null : String.valueOf(r.details().get("variant"));
    List<AttackView.VariantRow> variants = new ArrayList<>();
    List<RocChart.Curve> curves = new ArrayList<>();
    curves.add(new RocChart.Curve(label(r, selected), points(r.roc()), 0, true));
    if (r.variants() != null) {
      int colour = 1;
      for (Map.Entry<String, AttackMetrics> e : r.variants().entrySet()) {
        AttackMetrics m = e.getValue();
        boolean isSelected = e.getKey().equals(selected);
        variants.add(new AttackView.VariantRow(e.getKey(), Formats.rate(m.auc()), tpr(at(m.tprAtFpr(), 0.001)),
            tpr(at(m.tprAtFpr(), 0.01)), isSelected));
        if (!isSelected) {
          curves.add(new RocChart.Curve(e.getKey(), points(m.roc()), colour++, false));
        }
      }
    }
    var chart = RocChart.render(id, "ROC curve of the " + r.attack() + " attack on log-log axes", curves);
    return new AttackView(r.attack(), title(r.attack()), Formats.rate(r.auc()),
        interval(r.aucInterval()), Formats.rate(r.balancedAccuracy()), tpr(t01),
        t01 == null ? "" : Formats.percentInterval(t01.tprLower(), t01.tprUpper(), 2), tpr(t1),
        t1 == null ? "" : Formats.percentInterval(t1.tprLower(), t1.tprUpper(), 2), rows,
        Formats.count(r.members()), Formats.count(r.nonMembers()), details, variants, chart);
  }

  /** The attack's name in words, with its paper. */
  public static String title(String attack) {
    return TITLES.getOrDefault(attack, attack);
  }

  /** The entry of {@code m} at {@code fpr} (keys compared as numbers), or null. */
  public static TprAtFpr at(Map<String, TprAtFpr> m, double fpr) {
    if (m == null) {
      return null;
    }
    for (Map.Entry<String, TprAtFpr> e : m.entrySet()) {
      try {
        if (Double.parseDouble(e.getKey()) == fpr) {
          return e.getValue();
        }
      } catch (NumberFormatException ignored) {
        // a key that is not a number is not an FPR
      }
    }
    return null;
  }

  /** A TPR as shown: {@code 0.20%}, or {@code —} when not reported. */
  public static String tpr(TprAtFpr t) {
    return t == null ? Formats.NONE : Formats.percent(t.tpr(), 2);
  }

  /** The (FPR, TPR) pairs of {@code roc}. */
  public static List<double[]> points(RocCurve roc) {
    List<double[]> out = new ArrayList<>();
    if (roc != null) {
      for (RocCurve.Point p : roc.points()) {
        out.add(new double[] {p.fpr(), p.tpr()});
      }
    }
    return out;
  }

  private static String label(AttackRecord r, String selected) {
    return r.attack() + (selected == null || "null".equals(selected) ? "" : " (" + selected + ")")
        + ", AUC " + Formats.rate(r.auc());
  }

  private static String interval(List<Double> ci) {
    return ci == null || ci.size() != 2 ? "" : Formats.rateInterval(ci.get(0), ci.get(1));
  }
}
