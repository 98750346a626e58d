package org.dpaudit.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.dpaudit.attacks.shadow.SequentialShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.loop.TrainingConfig;

/**
 * One Spark task: shadow model {@code id} of an attack, trained with the recipe on its training
 * set (renumbered into the broadcast {@link ShadowData}), with randomness {@code shadow/<id>} of the
 * attack's root, and evaluated on the challenge examples. It runs the same code as the in-process
 * one-by-one trainer ({@link SequentialShadowTrainer}), so it gives the same model.
 *
 * @param id the model's number in its attack
 * @param trainSet its training set, renumbered
 */
record ShadowTask(int id, int[] trainSet) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A trained model's logits on the challenge examples (row-major, n x classes). */
  record Result(int id, float[] logits, TaskInfo info) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What every task of one attack shares. */
  record Job(Broadcast<ShadowData> data, String recipeJson, Long seed) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Trains the model on the executor. */
  Result train(Job job, TaskContext ctx) {
    long t0 = System.nanoTime();
    TaskResources.useTaskCores(ctx);
    ShadowData d = job.data().value();
    TrainingConfig cfg = Json.read(job.recipeJson(), TrainingConfig.class, "the shadow recipe");
    Randomness root = job.seed() == null ? Randomness.secure() : Randomness.seeded(job.seed());
    float[][] logits = new SequentialShadowTrainer(TaskResources.device(ctx)).trainAndPredict(d.dataset(),
        List.of(trainSet), new int[] {id}, d.evalIdx(), new ShadowRecipe(cfg), root, m -> { });
    return new Result(id, logits[0], TaskInfo.of(ctx, t0));
  }
}
