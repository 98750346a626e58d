package org.dpaudit.trainers.schemes.icgc;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * ICGC-DP's fusion module keeps the models at the ends of the last {@code models} epochs (1: off)
 * for the adaptive weighted fusion of their predictions; the final model is the network itself, so
 * this keeps the parameters of the earlier ones, at the first step of the next epoch before its
 * update. Post-processing of released models: it costs no privacy.
 */
final class FusionSnapshots {
  private final int models;
  private final long stepsPerEpoch;
  private final long totalSteps;
  private final List<List<float[]>> snapshots = new ArrayList<>();

  /**
   * @param stepsPerEpoch steps in one epoch
   * @param totalSteps the planned steps
   */
  FusionSnapshots(int models, long stepsPerEpoch, long totalSteps) {
    this.models = models;
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = totalSteps;
  }

  /** The run's epochs as ICGC-DP counts them: batches of the expected size covering the training set. */
  static FusionSnapshots of(int models, SchemeContext ctx) {
    long batch = Math.max(1, Math.round(ctx.samplingRate() * ctx.trainingExamples()));
    long perEpoch = (ctx.trainingExamples() + batch - 1) / batch;
    return new FusionSnapshots(models, perEpoch, ctx.totalSteps());
  }

  /** Keeps the parameters as they are when step {@code ctx.step()} starts a kept epoch's successor. */
  void snapshotIfDue(StepContext ctx) {
    long s = ctx.step();
    long epochs = totalSteps / stepsPerEpoch;
    if (models <= 1 || s == 0 || s % stepsPerEpoch != 0) {
      return;
    }
    long endedEpoch = s / stepsPerEpoch;
    if (endedEpoch > epochs - models && endedEpoch < epochs) {
      List<float[]> values = new ArrayList<>();
      for (Parameter p : ctx.network().parameters()) {
        values.add(p.getArray().toFloatArray());
      }
      snapshots.add(values);
    }
  }

  /** The kept parameter values, oldest first. */
  List<List<float[]>> snapshots() {
    return List.copyOf(snapshots);
  }
}
