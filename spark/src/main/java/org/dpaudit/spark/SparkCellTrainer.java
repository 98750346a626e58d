package org.dpaudit.spark;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.trainers.experiment.CellTrainer;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;

/**
 * Trains an experiment's cells as Spark tasks, one task per cell: each executor makes the cell's
 * run directory and sends it back zipped; the driver puts it at the cell's place (atomically) as
 * soon as its task finishes, so an interrupted grid keeps every finished cell and a rerun reuses
 * them. Named datasets go to executors through Spark's file server when their cache lacks them;
 * datasets read from a path ({@code --data cifar10=...}) must be at the same path on the executors.
 */
public final class SparkCellTrainer implements CellTrainer {
  private final SparkJobs spark;

  public SparkCellTrainer(SparkJobs spark) {
    this.spark = spark;
  }

  @Override
  public void train(List<TrainRequest> requests, Consumer<String> log, ObjIntConsumer<RunRecord> done) {
    List<DatasetFiles> datasets = DatasetFiles.ship(spark,
        requests.stream().map(r -> r.config().data().dataset()).toList(), spark::log);
    List<CellTask> tasks = requests.stream().map(r -> CellTask.of(r, datasets)).toList();
    spark.log(String.format("training %d cells as Spark tasks on %s", tasks.size(), spark.master()));
    TaskProgress progress = new TaskProgress("cell", tasks.size(), spark::log);
    spark.runEach("dpaudit: " + tasks.size() + " experiment cells", tasks, (t, ctx) -> t.train(ctx),
        (CellTask.Result res, int j) -> {
          TrainRequest r = requests.get(j);
          RunArchive.unpackInto(res.archive(), r.out());
          RunRecord run = ArtifactSchema.RUN.read(r.out().resolve(RunLayout.RUN_JSON));
          progress.finished(r.out().toString(), res.info());
          done.accept(run, j);
        });
  }
}
