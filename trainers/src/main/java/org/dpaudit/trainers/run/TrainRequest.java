package org.dpaudit.trainers.run;

import java.nio.file.Path;
import java.util.Objects;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.loop.TrainingConfig;

/**
 * A request to train: the configuration (what defines the run) plus how to execute it (where to
 * write, on which device, with which randomness, whether to resume).
 *
 * @param seed the root seed, or null for secure (unseeded) randomness
 * @param canaries canaries to insert for a one-run audit (0: none)
 * @param canaryKind how they are made
 * @param resume continue from the run directory's checkpoint
 * @param overwrite replace an existing run directory's results
 */
public record TrainRequest(
    TrainingConfig config,
    Path out,
    DeviceChoice device,
    Long seed,
    int canaries,
    CanaryKind canaryKind,
    boolean resume,
    boolean overwrite) {
  public TrainRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(canaryKind, "canaryKind");
  }
}
