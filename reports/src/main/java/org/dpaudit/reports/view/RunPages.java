package org.dpaudit.reports.view;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.reports.charts.TrainingChart;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.artifact.run.MetricsRecord;

/** Builds a {@link RunPage} from a run directory's artifacts. */
public final class RunPages {
  private RunPages() {}

  /**
   * The page of {@code a}.
   *
   * @param runArg the run directory as the user gave it (shown, and used in suggested commands)
   * @param generated when and by which dpaudit the page is written
   */
  public static RunPage of(RunArtifacts a, String runArg, String generated) {
    RunFacts f = RunFacts.of(a);
    List<AttackView> attacks = new ArrayList<>();
    for (int i = 0; i < a.attacks().size(); i++) {
      attacks.add(AttackViews.of(a.attacks().get(i), "roc-" + i));
    }
    var p = a.run().privacy();
    return new RunPage(a.name(), runArg, f.scheme(), generated, f.seeded(), f.seed() == null ? null : f.seed().toString(),
        Headlines.of(f, a, runArg), caveats(a), utility(a.run().metrics(), f.claimed()), attacks,
        AuditViews.canaries(a), a.inversion() == null ? null : InversionViews.of(a),
        a.audit() == null ? null : AuditViews.audit(a), p == null ? null : PrivacyViews.of(p), ProvenanceViews.of(a),
        a.leftOut());
  }

  /** The run's caveats and its ledger's, without duplicates. */
  static List<String> caveats(RunArtifacts a) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (a.run().privacy() != null) {
      out.addAll(a.run().privacy().caveats());
      out.addAll(a.run().privacy().ledger().caveats());
    }
    return List.copyOf(out);
  }

  private static RunPage.Utility utility(MetricsRecord m, double claimed) {
    if (m == null) {
      return null;
    }
    List<TrainingChart.Epoch> epochs = new ArrayList<>();
    for (EpochMetrics e : m.history()) {
      epochs.add(new TrainingChart.Epoch(e.epoch(), e.trainAccuracy(), e.testAccuracy(), e.epsilonSpent()));
    }
    var chart = epochs.isEmpty() ? null
        : TrainingChart.render("training", "train and test accuracy and epsilon spent per epoch", epochs, claimed);
    String gap = String.format(Locale.ROOT, "%.1f points", 100 * (m.trainAccuracy() - m.testAccuracy()));
    String loss = m.history().isEmpty() ? Formats.NONE
        : Formats.number(m.history().get(m.history().size() - 1).trainLoss(), 3);
    return new RunPage.Utility(Formats.percent(m.testAccuracy()), Formats.percent(m.trainAccuracy()), gap,
        String.valueOf(m.history().size()), loss, chart, m.privateMetrics());
  }
}
