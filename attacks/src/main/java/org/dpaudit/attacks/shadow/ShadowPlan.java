package org.dpaudit.attacks.shadow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code runs/NAME/shadows/<attack>/plan.json}: which shadow models an attack trains, fixed before
 * the first is trained, so an interrupted attack (or a later one with the same recipe) finds the same
 * plan and trains only the shadows whose scores file is missing. Also what a distributed trainer
 * needs to produce the shadows' files elsewhere: model {@code k} trains with the recipe on {@code
 * trainSets.get(k)}, with randomness {@code shadow/k}, and is evaluated on {@code evalIdx}.
 *
 * @param recipe the recipe fingerprint ({@link ShadowStore#fingerprint}); every shadow file of the
 *     plan carries it
 * @param trainSets each model's training set (sorted indices into the training partition)
 * @param evalIdx the examples every model is evaluated on (their scores file has one row each, in
 *     this order)
 * @param extra attack-specific index lists (RMIA's population samples, the shadow attack's OUT sets)
 */
public record ShadowPlan(int schemaVersion, String kind, String attack, String recipe, List<int[]> trainSets,
    int[] evalIdx, Map<String, int[]> extra) {
  /** The layout version. */
  public static final int SCHEMA_VERSION = 1;

  public ShadowPlan {
    Objects.requireNonNull(recipe, "recipe");
    trainSets = List.copyOf(trainSets);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** A plan of the current layout. */
  public static ShadowPlan of(String attack, String recipe, List<int[]> trainSets, int[] evalIdx,
      Map<String, int[]> extra) {
    return new ShadowPlan(SCHEMA_VERSION, "shadow-plan", attack, recipe, trainSets, evalIdx, extra);
  }

  /** The number of models. */
  public int size() {
    return trainSets.size();
  }

  /** An extra list by name (empty when absent). */
  public int[] extra(String name) {
    return extra.getOrDefault(name, new int[0]).clone();
  }
}
