package org.dpaudit.trainers.loop;

import java.util.List;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * What a finished run produced besides the model: the ledger, the per-epoch history, final
 * utility and timings.
 *
 * @param medianStepMillis median wall time of a training step
 * @param trainAccuracyExamples how many training members the train accuracies were measured on (a
 *     sample of large training sets; 0 when not evaluated)
 */
public record TrainingResult(
    PrivacyLedger ledger,
    List<EpochMetrics> history,
    double trainAccuracy,
    double testAccuracy,
    double trainingSeconds,
    double medianStepMillis,
    long resumedFromStep,
    int trainAccuracyExamples) {
  public TrainingResult {
    history = List.copyOf(history);
  }
}
