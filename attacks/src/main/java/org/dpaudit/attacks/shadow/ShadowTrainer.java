package org.dpaudit.attacks.shadow;

import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;

/**
 * Trains shadow (or reference) models and returns what attacks need of them: each model's class
 * logits on the examples being attacked. The models themselves are not kept ({@link ShadowStore}
 * keeps their scores).
 */
public interface ShadowTrainer {
  /**
   * @param population the examples shadow training sets are drawn from
   * @param trainSets one training set per model, as indices into {@code population}
   * @param ids each model's number in its attack: model {@code j} draws from {@code
   *     randomness.child("shadow/" + ids[j])}, so it is the same model whichever others it is trained
   *     with
   * @param evalIdx the examples (indices into {@code population}) to predict after training
   * @param progress receives progress lines
   * @return per model, logits on {@code evalIdx}, row-major (n x K)
   */
  float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx,
      ShadowRecipe recipe, Randomness randomness, Consumer<String> progress);

  /** {@link #trainAndPredict(Dataset, List, int[], int[], ShadowRecipe, Randomness, Consumer)} for models 0, 1, ... */
  default float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] evalIdx, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress) {
    return trainAndPredict(population, trainSets, java.util.stream.IntStream.range(0, trainSets.size()).toArray(),
        evalIdx, recipe, randomness, progress);
  }

  /** How many models to hand over at once (trained together when the trainer batches them). */
  default int groupSize() {
    return 1;
  }
}
