package org.dpaudit.trainers.loop;

import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.grad.ConvGradMethod;

/**
 * Everything that defines a training run, serialised as-is into {@code run.json}'s provenance
 * (configuration and provenance are the same data). The device and the randomness mode are
 * recorded in the provenance's environment and randomness blocks.
 *
 * @param checkpointEvery save a checkpoint every this many steps (0: at the end of every epoch)
 */
public record TrainingConfig(
    String model,
    DataConfig data,
    OptimConfig optim,
    PrivacyConfig privacy,
    ConvGradMethod convGrad,
    long checkpointEvery) {
  public TrainingConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(optim, "optim");
    Objects.requireNonNull(privacy, "privacy");
    Objects.requireNonNull(convGrad, "convGrad");
    Checks.check(checkpointEvery >= 0, "checkpoint interval must be at least 0; got " + checkpointEvery);
  }
}
