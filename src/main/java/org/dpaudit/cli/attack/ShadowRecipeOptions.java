package org.dpaudit.cli.attack;

import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.schemes.Schemes;
import picocli.CommandLine.Option;

/**
 * The training recipe for shadow models of an imported model (dpaudit's own runs carry theirs):
 * the closer it is to how the target was really trained, the stronger the attack.
 */
public final class ShadowRecipeOptions {
  @Option(names = "--shadow-model", description = "Imported targets: shadow architecture from the zoo")
  String model;

  @Option(names = "--shadow-scheme", description = "Imported targets: nonprivate or dpsgd (default: nonprivate)")
  String scheme = Schemes.NON_PRIVATE.name();

  @Option(names = "--shadow-epochs", description = "Imported targets: shadow epochs (default: 20)")
  int epochs = 20;

  @Option(names = "--shadow-batch-size", description = "Imported targets: shadow batch size (default: 64)")
  int batchSize = 64;

  @Option(names = "--shadow-lr", description = "Imported targets: shadow learning rate (default: 0.1)")
  double lr = 0.1;

  @Option(names = "--shadow-noise-multiplier", description = "Imported targets with --shadow-scheme dpsgd")
  Double noiseMultiplier;

  /** The recipe for an imported run, or null for dpaudit's own runs (which use their own). */
  ShadowRecipe orNull(Path runDir) {
    RunRecord rec = ArtifactSchema.RUN.read(runDir.resolve(RunLayout.RUN_JSON));
    if ("trained".equals(rec.origin())) {
      if (model != null) {
        throw new InvalidInputException("--shadow-model is for imported runs; run " + rec.name()
            + " is trained with its own recipe, which shadow models reuse");
      }
      return null;
    }
    if (model == null) {
      return null;
    }
    PrivacyConfig p = new PrivacyConfig(scheme, 1.0, Schemes.isPrivate(scheme) ? noiseMultiplier : null, null, 1e-5,
        SamplerKind.POISSON, Map.of());
    return new ShadowRecipe(new TrainingConfig(model, new DataConfig(rec.dataset().name(), null, null, new SplitSpec()),
        new OptimConfig(epochs, batchSize, OptimizerKind.SGD, lr, 0.9, LrSchedule.CONSTANT), p, ConvGradMethod.AUTO, 0));
  }
}
