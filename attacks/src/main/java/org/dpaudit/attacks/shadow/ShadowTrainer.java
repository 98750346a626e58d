package org.dpaudit.attacks.shadow;

import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;

/**
 * Trains shadow (or reference) models and returns what attacks need of them: each model's class
 * logits on the examples being attacked. The models themselves are not kept.
 */
public interface ShadowTrainer {
  /**
   * @param population the examples shadow training sets are drawn from
   * @param trainSets one training set per model, as indices into {@code population}
   * @param evalIdx the examples (indices into {@code population}) to predict after training
   * @param randomness model {@code k} draws from {@code randomness.child("shadow/" + k)}
   * @param progress receives one line per finished model
   * @return per model, logits on {@code evalIdx}, row-major (n x K)
   */
  float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] evalIdx, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress);
}
