package org.dpaudit.trainers.loop;

import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;

/**
 * How a run optimises: epochs, (expected) batch size, optimizer and learning rate.
 *
 * @param batchSize the expected batch size under Poisson sampling (q = batchSize / members)
 */
public record OptimConfig(
    int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum, LrSchedule lrSchedule) {
  public OptimConfig {
    Checks.positive("epochs", epochs);
    Checks.positive("batch size", batchSize);
    Objects.requireNonNull(optimizer, "optimizer");
    Checks.positive("learning rate", learningRate);
    Checks.check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1); got " + momentum);
    Objects.requireNonNull(lrSchedule, "lrSchedule");
  }
}
