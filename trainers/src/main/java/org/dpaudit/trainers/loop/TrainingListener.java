package org.dpaudit.trainers.loop;

import org.dpaudit.core.artifact.run.EpochMetrics;

/** Progress callbacks of a training run (the CLI prints them). */
public interface TrainingListener {
  /** Called at the start with the plan. */
  default void started(TrainingPlan plan) {}

  /** Called after each step (cheap; implementations throttle their output). */
  default void stepDone(long step, long totalSteps, double meanLoss) {}

  /** Called at the end of each epoch. */
  default void epochDone(EpochMetrics metrics, long totalSteps) {}

  /** Called when a checkpoint was written. */
  default void checkpointed(long step) {}

  /** A listener that reports nothing. */
  TrainingListener SILENT = new TrainingListener() {};
}
