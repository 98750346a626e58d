package org.dpaudit.trainers.experiment;

import java.util.Map;
import org.dpaudit.core.Checks;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * The training recipe every cell of a grid shares; a cell adds its scheme, options and epsilon.
 *
 * @param clipNorm the per-example L2 clipping norm (Gaussian schemes; L1 schemes take a clip-l1 option)
 * @param delta the delta every epsilon is stated at
 * @param untilBudget with the preset's fixed noise multipliers: each private cell trains until its
 *     column's epsilon at its column's sigma ({@code train --until-epsilon}; {@code epochs} then only
 *     sets the non-private rows' length), instead of for {@code epochs} with the epsilon a label;
 *     null or false: by epochs
 */
public record CellSettings(
    String model,
    String dataset,
    int members,
    int nonMembers,
    int attackerPool,
    int test,
    long splitSeed,
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    double momentum,
    LrSchedule lrSchedule,
    double clipNorm,
    double delta,
    SamplerKind sampler,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    Boolean untilBudget) {
  public CellSettings {
    Checks.notNull("model", model);
    Checks.notNull("dataset", dataset);
    Checks.positive("members", members);
    Checks.positive("epochs", epochs);
    Checks.positive("batch size", batchSize);
    Checks.notNull("optimizer", optimizer);
    Checks.notNull("lrSchedule", lrSchedule);
    Checks.openUnit("delta", delta);
    Checks.notNull("sampler", sampler);
    untilBudget = Boolean.TRUE.equals(untilBudget) ? Boolean.TRUE : null;
  }

  /** Whether private cells train until their column's epsilon ({@link #untilBudget}). */
  public boolean trainsUntilBudget() {
    return Boolean.TRUE.equals(untilBudget);
  }

  /** The configuration of one cell; {@code nonprivate} ignores epsilon. */
  public TrainingConfig config(String scheme, Map<String, String> options, double epsilon) {
    return config(scheme, options, epsilon, null);
  }

  /**
   * The configuration of one cell: with a noise multiplier, the scheme runs at it (and the
   * epsilon is only the column's label, or with {@link #untilBudget} the budget it trains to); otherwise the noise is calibrated for the epsilon.
   * {@code nonprivate} ignores both.
   */
  public TrainingConfig config(String scheme, Map<String, String> options, double epsilon, Double noiseMultiplier) {
    boolean priv = Schemes.isPrivate(scheme);
    return new TrainingConfig(model,
        new DataConfig(dataset, null, "label", new SplitSpec(members, nonMembers, attackerPool, test, splitSeed)),
        new OptimConfig(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule),
        new PrivacyConfig(scheme, clipNorm, priv ? noiseMultiplier : null,
            priv && noiseMultiplier == null ? epsilon : null, delta, sampler, options)
            .untilEpsilon(priv && noiseMultiplier != null && trainsUntilBudget() ? epsilon : null),
        ConvGradMethod.AUTO, 0);
  }

  /**
   * These settings with {@code overrides} (fields by their JSON names) replaced; {@code what} names
   * the overrides in the error when one does not fit.
   */
  public CellSettings with(Map<String, Object> overrides, String what) {
    if (overrides.isEmpty()) {
      return this;
    }
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        (com.fasterxml.jackson.databind.node.ObjectNode) org.dpaudit.core.io.Json.toTree(this);
    merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode)
        org.dpaudit.core.io.Json.mapper().valueToTree(overrides));
    try {
      return org.dpaudit.core.io.Json.mapper().convertValue(merged, CellSettings.class);
    } catch (IllegalArgumentException e) {
      throw new org.dpaudit.core.InvalidInputException(what + " do not fit the settings: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
