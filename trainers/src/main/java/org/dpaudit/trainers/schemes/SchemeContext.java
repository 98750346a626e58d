package org.dpaudit.trainers.schemes;

import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.accounting.RunAccounting;

/**
 * What a scheme is built from: its configuration and the numbers of the planned run (so the noise
 * can be calibrated for them up front).
 *
 * @param optim the optimisation plan (epochs, learning rate and its schedule: seed 000's EnADPP
 *     scales its noise with the learning rate)
 * @param trainingExamples the number of examples trained on
 * @param samplingRate q
 * @param totalSteps the planned number of steps
 * @param parameterCount the model's trainable scalars
 */
public record SchemeContext(
    PrivacyConfig config, OptimConfig optim, int trainingExamples, double samplingRate, long totalSteps,
    long parameterCount, RunAccounting accounting) {

  /** The expected batch size q N: the divisor of every noisy sum. */
  public double expectedBatchSize() {
    return samplingRate * trainingExamples;
  }

  /** Steps per epoch (the planned steps divided by the epochs). */
  public long stepsPerEpoch() {
    return Math.max(1, totalSteps / optim.epochs());
  }
}
