package org.dpaudit.core.artifact.run;

/**
 * What one epoch ended with.
 *
 * <p>The accuracies and epsilon are measured in the background after the epoch ends; a run killed
 * before that and resumed from a checkpoint written meanwhile keeps the epoch's entry with NaN in
 * their place (its parameters are gone).
 *
 * @param trainLoss mean per-example loss over the epoch's batches
 * @param trainAccuracy accuracy on the training members, or on an evenly spaced 10,000 of them when there are
 *     more (fraction)
 * @param testAccuracy accuracy on the test split (fraction)
 * @param epsilonSpent the epsilon for the steps so far (RDP's, or the better of RDP and PLD when PLD
 *     calibrated the noise; infinite when non-private)
 * @param seconds wall time since training started
 */
public record EpochMetrics(
    int epoch, long steps, double trainLoss, double trainAccuracy, double testAccuracy, double epsilonSpent,
    double seconds) {}
