package org.dpaudit.trainers.experiment;

import java.nio.file.Path;
import org.dpaudit.trainers.loop.TrainingListener;

/** Progress of an experiment (the CLI prints it). */
public interface ExperimentListener {
  /**
   * A cell is about to train (or be reused); {@code column} is its column as people read it ({@link
   * ExperimentPreset#columnLabel}: {@code eps=2}, or {@code sigma=8 (paper's eps=2)} for a fixed sigma).
   */
  default void cellStarted(int index, int cells, PresetRow row, String column, Path dir) {}

  /** A cell is done; {@code reused} when its run directory already held this exact run. */
  default void cellDone(int index, int cells, PresetRow row, String column, TableCell cell, boolean reused) {}

  /** Where each cell's training progress goes. */
  default TrainingListener training() {
    return TrainingListener.SILENT;
  }

  /** A listener that reports nothing. */
  ExperimentListener SILENT = new ExperimentListener() {};
}
