package org.dpaudit.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.audit.AuditConfig;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.audit.RunAuditor;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.reports.ReportWriter;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;

/**
 * The end-to-end main job: fetch MNIST; train a non-private model and a DP-SGD model (epsilon 2)
 * on the same members (black-box canaries in the non-private run, white-box gradient canaries in the
 * DP-SGD run); run the loss attack and LiRA on both (estimates); audit both (the canaries decide);
 * write a report per run and a comparison. Each step is an ordinary dpaudit command underneath, so
 * every artifact is the same as a user's own.
 *
 * <p>It lives in the CLI module because it is orchestration of the other modules' commands (train,
 * attack, audit, report); the reports module only renders.
 */
public final class Demo {
  private Demo() {}

  /** The outcome: the two audits and the report written. */
  public record Result(List<AuditRecord> audits, Path report) {}

  /** The two runs' directory names under the demo's output directory. */
  public static final String NON_PRIVATE = "nonprivate";
  public static final String DP_SGD = "dpsgd-eps2";

  /** Runs the demo into {@code out}; {@code seed} null means secure randomness. */
  public static Result run(DemoPlan plan, Path out, Long seed, DeviceChoice device, Consumer<String> progress) {
    progress.accept("[1/5] fetching MNIST");
    new Datasets(progress, true).fetch("mnist");
    List<Path> runs = new ArrayList<>();
    int step = 2;
    for (var entry : List.of(java.util.Map.entry(NON_PRIVATE, plan.nonPrivate()), java.util.Map.entry(DP_SGD,
        plan.dpSgd()))) {
      Path dir = out.resolve(entry.getKey());
      boolean whiteBox = entry.getKey().equals(DP_SGD);
      int canaries = whiteBox ? plan.gradientCanaries() : plan.canaries();
      progress.accept("[" + step + "/5] training " + entry.getKey() + " (" + plan.model() + ", "
          + plan.split().members() + " members, " + canaries + (whiteBox ? " white-box gradient canaries)"
              : " mislabeled canaries)"));
      train(entry.getValue(), dir, seed, canaries, whiteBox ? CanaryKind.GRADIENT : CanaryKind.MISLABELED, device,
          progress);
      runs.add(dir);
      step++;
    }
    progress.accept("[" + step + "/5] attacking and auditing both models");
    List<AuditRecord> audits = new ArrayList<>();
    for (Path dir : runs) {
      attack(dir, AttackKind.LOSS, 0, seed, device, progress);
      attack(dir, AttackKind.LIRA, plan.shadows(), seed, device, progress);
      audits.add(RunAuditor.run(dir, new RunAuditor.Options(new AuditConfig(BoundParameters.DEFAULT_CONFIDENCE,
          List.of(AttackKind.LOSS, AttackKind.LIRA), ThresholdSelection.SPLIT), seed, device), progress));
    }
    progress.accept("[5/5] writing the reports");
    return new Result(audits, writeReports(runs, out));
  }

  /** Writes a report per run (next to it) and the comparison of all of them; returns the comparison's path. */
  private static Path writeReports(List<Path> runs, Path out) {
    ReportWriter writer = new ReportWriter();
    for (Path run : runs) {
      writer.writeRunReport(run, run.resolve(RunLayout.REPORT_HTML));
    }
    return writer.writeComparison(runs, out.resolve(ReportWriter.COMPARE_HTML));
  }

  private static void train(TrainingConfig cfg, Path dir, Long seed, int canaries, CanaryKind kind,
      DeviceChoice device, Consumer<String> progress) {
    TrainingRun.execute(new TrainRequest(cfg, dir, device, seed, canaries, kind, false, true),
        new TrainingListener() {
          @Override
          public void epochDone(org.dpaudit.core.artifact.run.EpochMetrics m, long totalSteps) {
            progress.accept(String.format("    epoch %d: test %.1f%%, epsilon %s", m.epoch(), 100 * m.testAccuracy(),
                Double.isInfinite(m.epsilonSpent()) ? "inf" : String.format("%.2f", m.epsilonSpent())));
          }
        }, progress);
  }

  private static void attack(Path dir, AttackKind kind, int shadows, Long seed, DeviceChoice device,
      Consumer<String> progress) {
    progress.accept("    " + kind.id() + " attack on " + dir.getFileName());
    AttackRunner.run(dir, new AttackRunner.Options(kind, shadows, 1000, 1.0, true, seed, Engines.device(device), null),
        m -> progress.accept("      " + m));
  }
}
