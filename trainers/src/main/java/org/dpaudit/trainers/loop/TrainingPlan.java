package org.dpaudit.trainers.loop;

/**
 * The numbers a run is planned with, fixed before the first step (so the noise multiplier can be
 * calibrated for them).
 *
 * @param trainingExamples the public number of examples trained on (members, plus half the canaries:
 *     how many canaries actually went in stays secret)
 * @param samplingRate q = batch size / training examples
 * @param stepsPerEpoch steps per epoch
 * @param totalSteps epochs times steps per epoch
 * @param noiseMultiplier sigma (0 for non-private)
 * @param parameterCount trainable scalars
 */
public record TrainingPlan(
    int trainingExamples, double samplingRate, long stepsPerEpoch, long totalSteps, double noiseMultiplier,
    long parameterCount) {}
