package org.dpaudit.trainers.experiment;

import java.util.Map;
import org.dpaudit.core.Checks;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;

/**
 * The training recipe every cell of a grid shares; a cell adds its scheme, options and epsilon.
 *
 * @param clipNorm the per-example L2 clipping norm (Gaussian schemes; L1 schemes take a clip-l1 option)
 * @param delta the delta every epsilon is stated at
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
    SamplerKind sampler) {
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
  }

  /** The configuration of one cell; {@code nonprivate} ignores epsilon. */
  public TrainingConfig config(String scheme, Map<String, String> options, double epsilon) {
    boolean priv = !"nonprivate".equals(scheme);
    return new TrainingConfig(model,
        new DataConfig(dataset, null, "label", new SplitSpec(members, nonMembers, attackerPool, test, splitSeed)),
        new OptimConfig(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule),
        new PrivacyConfig(scheme, clipNorm, null, priv ? epsilon : null, delta, sampler, options),
        ConvGradMethod.AUTO, 0);
  }
}
