package org.dpaudit.trainers.experiment;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;

/**
 * Trains an experiment's cells somewhere other than one after another in this process (the
 * {@code spark} module runs each cell as a Spark task). Each request is an ordinary training run
 * whose directory must end up at {@code request.out()} exactly as {@code TrainingRun.execute} would
 * write it there, so that a later experiment reuses it whoever trained it.
 */
public interface CellTrainer {
  /**
   * Trains every request and hands each finished run to {@code done} (with its position in {@code
   * requests}) as soon as its directory is in place. Calls to {@code done} come one at a time,
   * possibly from another thread than the caller's.
   */
  void train(List<TrainRequest> requests, Consumer<String> log, ObjIntConsumer<RunRecord> done);
}
