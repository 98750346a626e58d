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
 * @param emaDecay the decay of an exponential moving average of the parameters that the run
 *     evaluates and releases instead of the last iterate ({@link
 *     org.dpaudit.trainers.optim.ParameterAverage}: post-processing, no privacy cost), or null for
 *     the last iterate
 */
public record OptimConfig(
    int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum, LrSchedule lrSchedule,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long steps,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double emaDecay) {
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
    if (emaDecay != null) {
      Checks.check(emaDecay > 0 && emaDecay < 1, "the averaging decay must be in (0, 1); got " + emaDecay);
    }
  }

  /** A run that releases its last iterate. */
  public OptimConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum,
      LrSchedule lrSchedule, Long steps) {
    this(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule, steps, null);
  }

  /** A run of whole epochs. */
  public OptimConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, double momentum,
      LrSchedule lrSchedule) {
    this(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule, null, null);
  }

  /** This configuration, releasing the exponential moving average with {@code decay} (null: the last iterate). */
  public OptimConfig withEmaDecay(Double decay) {
    return new OptimConfig(epochs, batchSize, optimizer, learningRate, momentum, lrSchedule, steps, decay);
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
