package org.dpaudit.trainers.loop;

/**
 * What one epoch ended with.
 *
 * @param trainLoss mean per-example loss over the epoch's batches
 * @param trainAccuracy accuracy on the training members, or on an evenly spaced 10,000 of them when there are
 *     more (fraction)
 * @param testAccuracy accuracy on the test split (fraction)
 * @param epsilonSpent the RDP accountant's epsilon for the steps so far (infinite when non-private)
 * @param seconds wall time since training started
 */
public record EpochMetrics(
    int epoch, long steps, double trainLoss, double trainAccuracy, double testAccuracy, double epsilonSpent,
    double seconds) {}
