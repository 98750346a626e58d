package org.dpaudit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.apache.spark.broadcast.Broadcast;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.attacks.shadow.StreamingShadowTrainer;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.core.random.RandomnessMode;
import org.dpaudit.datasets.Dataset;

/**
 * Trains shadow (and reference) models as Spark tasks, one task per model: the recipe goes to the
 * executors as JSON, the examples the models use once as a broadcast, and each task sends back only
 * the model's logits on the challenge examples, which the attack's {@code ShadowStore} writes to the
 * model's scores file as soon as the task finishes. Model {@code k}'s randomness is the stream
 * {@code shadow/k} of the attack's root, as in-process, so the scores are those of {@code attack
 * --sequential} (tested to 1e-6), whichever executor trains it and however often it is retried.
 */
public final class SparkShadowTrainer implements StreamingShadowTrainer {
  private final SparkJobs spark;

  public SparkShadowTrainer(SparkJobs spark) {
    this.spark = spark;
  }

  @Override
  public void trainEach(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress, ObjIntConsumer<float[]> done) {
    ShadowData.Renumbered r = ShadowData.of(population, trainSets, evalIdx);
    List<ShadowTask> tasks = new ArrayList<>();
    for (int j = 0; j < ids.length; j++) {
      tasks.add(new ShadowTask(ids[j], r.trainSets().get(j)));
    }
    Long seed = randomness.mode() == RandomnessMode.SEEDED ? randomness.seed().getAsLong() : null;
    for (int id : ids) {
      randomness.child("shadow/" + id); // recorded in the attack's provenance, as in-process
    }
    Broadcast<ShadowData> data = spark.context().broadcast(r.data());
    try {
      ShadowTask.Job job = new ShadowTask.Job(data, Json.write(recipe.config()), seed);
      progress.accept(String.format("training %d shadow models as Spark tasks on %s (%d examples sent to the "
          + "executors)", tasks.size(), spark.master(), r.data().labels().length));
      TaskProgress p = new TaskProgress("shadow model", tasks.size(), progress);
      spark.runEach("dpaudit: " + tasks.size() + " shadow models", tasks, (t, ctx) -> t.train(job, ctx),
          (ShadowTask.Result res, int j) -> {
            done.accept(res.logits(), j);
            p.finished(String.valueOf(res.id()), res.info());
          });
    } finally {
      data.destroy();
    }
  }

  @Override
  public String describe() {
    return "Spark (" + spark.master() + "), one task per model";
  }

  /** All missing models in one job: Spark spreads them over the executors. */
  @Override
  public int groupSize() {
    return Integer.MAX_VALUE;
  }
}
