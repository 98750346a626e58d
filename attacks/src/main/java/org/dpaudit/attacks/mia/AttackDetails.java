package org.dpaudit.attacks.mia;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpaudit.core.io.Json;

/**
 * An attack's own statistics and settings, one record per attack family. They become the {@code
 * details} object of {@code attacks/<attack>.json} field by field (absent fields are left out), so
 * the file keeps the keys it always had while the code that makes them is typed.
 */
public sealed interface AttackDetails {
  /** The fields as written in the attack record's {@code details}. */
  default Map<String, Object> fields() {
    return Json.mapper().convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /** The loss attack has no statistics of its own. */
  record Loss() implements AttackDetails {}

  /**
   * The shadow-model attack of Shokri et al.
   *
   * @param shadows the shadow models
   * @param shadowTrainingSize each shadow's IN set size
   * @param classifier the attack classifiers, in words
   * @param shadowsSaved where the shadows are kept
   */
  record Shadow(int shadows, int shadowTrainingSize, String classifier, String shadowsSaved) implements AttackDetails {}

  /**
   * LiRA.
   *
   * @param shadows the shadow models
   * @param shadowTrainingSize their training-set size, when known (null for the user's shadow scores)
   * @param variant the variant reported as {@code lira}
   * @param shadowsSaved where dpaudit's own shadows are kept (null for the user's)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lira(int shadows, Integer shadowTrainingSize, String variant, String shadowsSaved) implements AttackDetails {}

  /**
   * RMIA, offline.
   *
   * @param referenceModels the reference models
   * @param populationSamples the population samples z compared with
   * @param population where z came from when not the attacker pool (the user's reference scores), else null
   * @param a the offline parameter used
   * @param gamma the likelihood-ratio threshold
   * @param shadowsSaved where dpaudit's own reference models are kept (null for the user's)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Rmia(int referenceModels, int populationSamples, String population, double a, double gamma,
      String shadowsSaved) implements AttackDetails {}
}
