package org.dpaudit.trainers.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.dpaudit.trainers.loop.EpochMetrics;

/**
 * The utility and timing block of {@code run.json}. Rates are fractions in [0, 1].
 *
 * @param trainAccuracy accuracy on the training members
 * @param testAccuracy accuracy on the test split
 * @param trainingSeconds wall time of training
 * @param medianStepMillis median wall time of one step
 * @param fusedTestAccuracy for schemes that fuse several of the run's models (ICGC-DP's adaptive
 *     weighted fusion): the fused predictor's test accuracy; null otherwise
 * @param trainAccuracyExamples how many training members the train accuracies (final and per
 *     epoch) were measured on: all of them up to 10,000, an evenly spaced 10,000 beyond; null in
 *     run.json files written before the sample, which used all members
 */
public record MetricsRecord(
    double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
    double medianStepMillis, @JsonInclude(JsonInclude.Include.NON_NULL) Double fusedTestAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer trainAccuracyExamples) {
  public MetricsRecord {
    history = List.copyOf(history);
  }

  /** Metrics without a fused predictor. */
  public MetricsRecord(double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
      double medianStepMillis) {
    this(trainAccuracy, testAccuracy, history, trainingSeconds, medianStepMillis, null, null);
  }

  /** Metrics with a fused predictor's accuracy (or null), the train accuracy's examples unknown. */
  public MetricsRecord(double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
      double medianStepMillis, Double fusedTestAccuracy) {
    this(trainAccuracy, testAccuracy, history, trainingSeconds, medianStepMillis, fusedTestAccuracy, null);
  }
}
