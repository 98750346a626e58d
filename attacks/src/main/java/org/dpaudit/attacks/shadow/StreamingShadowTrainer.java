package org.dpaudit.attacks.shadow;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;

/**
 * A {@link ShadowTrainer} whose primitive is {@link #trainEach}: it hands each model over as soon as
 * it is trained (worker threads, Spark tasks), and training the whole set is collecting those. The
 * in-process parallel trainer and the Spark trainer are both of this kind; the collection is written
 * once, here.
 */
public interface StreamingShadowTrainer extends ShadowTrainer {
  @Override
  void trainEach(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress, ObjIntConsumer<float[]> done);

  /** Every model's logits, collected from {@link #trainEach} in the order of {@code trainSets}. */
  @Override
  default float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx,
      ShadowRecipe recipe, Randomness randomness, Consumer<String> progress) {
    float[][] out = new float[trainSets.size()][];
    trainEach(population, trainSets, ids, evalIdx, recipe, randomness, progress, (logits, j) -> out[j] = logits);
    return out;
  }
}
