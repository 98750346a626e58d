package org.dpaudit.trainers.schemes;

import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.run.RunAccounting;

/**
 * What a scheme is built from: its configuration and the numbers of the planned run (so the noise
 * can be calibrated for them up front).
 *
 * @param trainingExamples the number of examples trained on
 * @param samplingRate q
 * @param totalSteps the planned number of steps
 * @param parameterCount the model's trainable scalars
 */
public record SchemeContext(
    PrivacyConfig config, int trainingExamples, double samplingRate, long totalSteps, long parameterCount,
    RunAccounting accounting) {}
