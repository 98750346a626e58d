package org.dpaudit.core.artifact.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The utility and timing block of {@code run.json}. Rates are fractions in [0, 1].
 *
 * @param trainAccuracy accuracy on the training members
 * @param testAccuracy accuracy on the test split
 * @param trainingSeconds wall time of training
 * @param medianStepMillis median wall time of one step
 * @param fusedTestAccuracy for schemes that fuse several of the run's models (ICGC-DP's adaptive
 *     weighted fusion): the fused predictor's test accuracy; null otherwise
 * @param privateMetrics what the training-set figures (train accuracy, per-epoch loss and train
 *     accuracy) are: statistics of the private members computed without noise, which no privacy
 *     guarantee of the run covers; they are for the model's owner, not part of the model's release
 * @param trainAccuracyExamples how many training members the train accuracies (final and per
 *     epoch) were measured on: all of them up to 10,000, an evenly spaced 10,000 beyond; null in
 *     run.json files written before the sample, which used all members
 */
public record MetricsRecord(
    double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
    double medianStepMillis, @JsonInclude(JsonInclude.Include.NON_NULL) Double fusedTestAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) String privateMetrics,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer trainAccuracyExamples) {
  /** The note every run carries on its training-set figures. */
  public static final String PRIVATE_METRICS = "train accuracy and the per-epoch training loss and accuracy are "
      + "computed on the private members without noise: no privacy guarantee of this run covers them, so they are "
      + "not part of the model's release (share the model and its test accuracy, not these)";

  public MetricsRecord {
    history = List.copyOf(history);
  }

  /** Metrics with the note on the training-set figures given, the train accuracy's examples unknown. */
  public MetricsRecord(double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
      double medianStepMillis, Double fusedTestAccuracy, String privateMetrics) {
    this(trainAccuracy, testAccuracy, history, trainingSeconds, medianStepMillis, fusedTestAccuracy, privateMetrics,
        null);
  }

  /** Metrics of a trained run, with the note on its training-set figures. */
  public MetricsRecord(double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
      double medianStepMillis, Double fusedTestAccuracy) {
    this(trainAccuracy, testAccuracy, history, trainingSeconds, medianStepMillis, fusedTestAccuracy, PRIVATE_METRICS);
  }

  /** Metrics without a fused predictor. */
  public MetricsRecord(double trainAccuracy, double testAccuracy, List<EpochMetrics> history, double trainingSeconds,
      double medianStepMillis) {
    this(trainAccuracy, testAccuracy, history, trainingSeconds, medianStepMillis, null);
  }
}
