package org.dpaudit.cli.train;

import java.io.PrintWriter;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.loop.TrainingPlan;

/** Prints training progress: the plan, a line every few seconds within an epoch, and each epoch. */
final class ProgressPrinter implements TrainingListener {
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private long epochs;
  private long start;
  private long lastPrint;

  ProgressPrinter(PrintWriter err, int epochs) {
    this.err = err;
    this.epochs = epochs;
  }

  @Override
  public void started(TrainingPlan plan) {
    start = System.nanoTime();
    lastPrint = start;
    // The plan's own count: a run trained until an epsilon learns its epochs only here.
    epochs = (plan.totalSteps() + plan.stepsPerEpoch() - 1) / Math.max(1, plan.stepsPerEpoch());
    err.printf("training: %d examples, q = %.5f, %d steps (%d per epoch), %s%,d parameters%n",
        plan.trainingExamples(), plan.samplingRate(), plan.totalSteps(), plan.stepsPerEpoch(),
        plan.noiseMultiplier() > 0 ? String.format("sigma = %.4f, ", plan.noiseMultiplier()) : "",
        plan.parameterCount());
    err.flush();
  }

  @Override
  public void stepDone(long step, long totalSteps, double meanLoss) {
    long now = System.nanoTime();
    if (now - lastPrint > INTERVAL_NANOS) {
      lastPrint = now;
      double elapsed = (now - start) / 1e9;
      double left = elapsed / (step + 1) * (totalSteps - step - 1);
      err.printf("  step %d/%d  loss %.3f  (%.0f s, about %.0f s left)%n", step + 1, totalSteps, meanLoss, elapsed, left);
      err.flush();
    }
  }

  @Override
  public void epochDone(EpochMetrics m, long totalSteps) {
    err.printf("epoch %d/%d  step %d/%d  loss %.3f  train %.2f%%  test %.2f%%  epsilon %s  (%.0f s)%n", m.epoch(), epochs,
        m.steps(), totalSteps, m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(),
        Double.isInfinite(m.epsilonSpent()) ? "inf" : String.format("%.3f", m.epsilonSpent()), m.seconds());
    err.flush();
  }

  @Override
  public void checkpointed(long step) {
    // quiet: checkpoints are frequent
  }
}
