package org.dpaudit.attacks.shadow;

import java.util.Objects;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * How shadow and reference models are trained: with the <em>same recipe as the target</em> (model,
 * scheme, epochs, batch size, optimizer, clipping and the target's own noise multiplier, so with
 * the same sampling rate and steps they get the same epsilon). Shadow models trained differently
 * from the target measure a different model's leakage (Shokri et al. 2017).
 *
 * @param config the target's training configuration with the noise multiplier fixed
 */
public record ShadowRecipe(TrainingConfig config) {
  public ShadowRecipe {
    Objects.requireNonNull(config, "config");
  }

  /** The recipe of a run trained by dpaudit. */
  public static ShadowRecipe of(RunRecord target) {
    TrainingConfig cfg = LoadedRun.config(target);
    if (cfg == null) {
      throw new InvalidInputException("run " + target.name() + " was not trained by dpaudit: give the training recipe "
          + "(--shadow-model, --shadow-epochs, --shadow-scheme) for shadow models");
    }
    PrivacyConfig p = cfg.privacy();
    if (!Schemes.hasDpSgdStep(p.scheme())) {
      // Other schemes calibrate themselves from the run's own settings (a target epsilon, scheme
      // options); shadows of the same size and steps get the same noise.
      return new ShadowRecipe(new TrainingConfig(cfg.model(), cfg.data(), cfg.optim(), p, cfg.convGrad(), 0));
    }
    Double sigma = !Schemes.isPrivate(p.scheme()) ? null : target.privacy().noiseMultiplier();
    PrivacyConfig fixed = new PrivacyConfig(p.scheme(), p.clipNorm(), sigma, null, p.delta(), p.sampler(),
        p.schemeOptions());
    return new ShadowRecipe(new TrainingConfig(cfg.model(), cfg.data(), cfg.optim(), fixed, cfg.convGrad(), 0));
  }
}
