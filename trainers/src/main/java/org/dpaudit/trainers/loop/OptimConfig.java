package org.dpaudit.trainers.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;

/**
 * How a run optimises: epochs, (expected) batch size, optimizer and learning rate.
 *
 * @param epochs the epochs to train; with {@code steps}, the epochs those steps start (the last may
 *     be partial)
 * @param batchSize the expected batch size under Poisson sampling (q = batchSize / members)
 * @param steps the run's total steps when they are fixed directly (a run trained until its
 *     accountant reaches a budget), or null: then {@code epochs} times the steps per epoch
 */
public record OptimConfig(
    int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum, LrSchedule lrSchedule,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long steps) {
  public OptimConfig {
    Checks.positive("epochs", epochs);
    Checks.positive("batch size", batchSize);
    Objects.requireNonNull(optimizer, "optimizer");
    Checks.positive("learning rate", learningRate);
    Checks.check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1); got " + momentum);
    Objects.requireNonNull(lrSchedule, "lrSchedule");
    if (steps != null) {
      Checks.positive("steps", steps);
    }
  }

  /** A run of whole epochs. */
  public OptimConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum,
      LrSchedule lrSchedule) {
    this(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule, null);
  }

  /**
   * The run's total steps with {@code stepsPerEpoch} steps in an epoch: {@code steps} when fixed,
   * else every epoch's. A fixed count must fall in the last of {@code epochs} epochs, so that the
   * epochs a report shows and the steps that ran agree.
   */
  public long totalSteps(long stepsPerEpoch) {
    if (steps == null) {
      return stepsPerEpoch * epochs;
    }
    long needed = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
    Checks.check(needed == epochs, steps + " steps of " + stepsPerEpoch + " an epoch take " + needed
        + " epoch(s); the configuration says " + epochs);
    return steps;
  }
}
