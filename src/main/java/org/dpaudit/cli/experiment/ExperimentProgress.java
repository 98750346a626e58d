package org.dpaudit.cli.experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.dpaudit.trainers.experiment.ExperimentListener;
import org.dpaudit.trainers.experiment.PresetRow;
import org.dpaudit.trainers.experiment.TableCell;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.trainers.loop.TrainingListener;

/** One line per cell and per epoch on standard error, with the time the grid has taken so far. */
final class ExperimentProgress implements ExperimentListener {
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private String current = "";

  ExperimentProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void cellStarted(int index, int cells, PresetRow row, String column, Path dir) {
    current = String.format("[%d/%d %s] %s %s", index, cells, elapsed(), row.label(), column);
    err.println(current + ": training into " + dir);
    err.flush();
  }

  @Override
  public void cellDone(int index, int cells, PresetRow row, String column, TableCell c, boolean reused) {
    err.printf("[%d/%d %s] %s %s: test %.2f%%%s, claimed %s, proven %s (%s)%s%n", index, cells, elapsed(),
        row.label(), column, 100 * c.testAccuracy(),
        c.publishedAccuracy() == null ? "" : String.format(" (paper %.2f%%)", 100 * c.publishedAccuracy()),
        eps(c.claimedEpsilon()), eps(c.accountantEpsilon()), c.accountant(), reused ? " [reused]" : "");
    err.flush();
  }

  @Override
  public TrainingListener training() {
    return new TrainingListener() {
      @Override
      public void epochDone(EpochMetrics m, long totalSteps) {
        err.printf("    epoch %d  step %d/%d  loss %.3f  test %.2f%%  epsilon so far %s  (%.0f s)%n", m.epoch(),
            m.steps(), totalSteps, m.trainLoss(), 100 * m.testAccuracy(), eps(m.epsilonSpent()), m.seconds());
        err.flush();
      }
    };
  }

  private String elapsed() {
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    return String.format("%d:%02d", s / 60, s % 60);
  }

  static String eps(double e) {
    return Double.isInfinite(e) ? "inf" : e >= 1e4 ? String.format("%.2e", e) : String.format("%.3g", e);
  }
}
