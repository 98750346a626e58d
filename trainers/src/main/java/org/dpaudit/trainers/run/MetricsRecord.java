package org.dpaudit.trainers.run;

import java.util.List;
import org.dpaudit.trainers.loop.EpochMetrics;

/**
 * The utility and timing block of {@code run.json}. Rates are fractions in [0, 1].
 *
 * @param trainAccuracy accuracy on the training members
 * @param testAccuracy accuracy on the test split
 * @param trainingSeconds wall time of training
 * @param medianStepMillis median wall time of one step
 */
public record MetricsRecord(
    double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
    double medianStepMillis) {
  public MetricsRecord {
    history = List.copyOf(history);
  }
}
