package org.dpaudit.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.dpaudit.core.io.Json;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;

/**
 * One Spark task: one experiment cell, an ordinary training run made on the executor in a
 * temporary directory named as the cell's, and sent back whole (zipped) for the driver to put at the
 * cell's place. Its randomness is the run's seed, as in-process, so it is the same run.
 *
 * @param configJson the cell's {@link TrainingConfig} as JSON
 * @param directoryName the cell directory's last name (a run records it as its name)
 */
record CellTask(String configJson, String directoryName, DeviceChoice device, Long seed, int canaries,
    CanaryKind canaryKind, List<DatasetFiles> datasets) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A trained cell: its run directory, zipped. */
  record Result(byte[] archive, TaskInfo info) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The task for {@code request}. */
  static CellTask of(TrainRequest request, List<DatasetFiles> datasets) {
    return new CellTask(Json.write(request.config()), request.out().getFileName().toString(), request.device(),
        request.seed(), request.canaries(), request.canaryKind(), datasets);
  }

  /** Trains the cell on the executor. */
  Result train(TaskContext ctx) throws IOException {
    long t0 = System.nanoTime();
    TaskResources.useTaskCores(ctx);
    TrainingConfig cfg = Json.read(configJson, TrainingConfig.class, "the cell's configuration");
    for (DatasetFiles d : datasets) {
      if (d.dataset().equals(cfg.data().dataset())) {
        d.ensureCached();
      }
    }
    DeviceChoice where = TaskResources.device(ctx).isGpu() ? DeviceChoice.GPU : device;
    Path tmp = Files.createTempDirectory("dpaudit-cell-");
    try {
      Path out = tmp.resolve(directoryName);
      TrainingRun.execute(new TrainRequest(cfg, out, where, seed, canaries, canaryKind, false, true),
          TrainingListener.SILENT, m -> { });
      return new Result(RunArchive.pack(out), TaskInfo.of(ctx, t0));
    } finally {
      RunArchive.deleteTree(tmp);
    }
  }
}
