package org.dpaudit.trainers.checkpoint;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.core.artifact.run.EpochMetrics;

/**
 * Everything needed to continue a run exactly where it stopped, besides the arrays: the next step,
 * the ledger so far (so a resumed run never under-counts), the optimizer's update count, the
 * training history, and the fingerprint of the configuration it belongs to.
 *
 * <p>Sampling and noise need no saved state: both are indexed by step in a counter-mode stream
 * (seeded runs replay exactly; secure runs draw fresh randomness, which is just as private). What
 * was drawn once for the whole run, the canaries' inclusion bits, is saved: drawing it again on a
 * resume would audit the model against bits it was not trained with.
 *
 * <p>New per-run state is added as new components at the end (a checkpoint written before they
 * existed reads them as null); {@link #withArrays} is the one place besides the trainer that lists
 * them all.
 *
 * @param nextStep the first step not yet taken
 * @param configSha256 SHA-256 of the run's configuration JSON; a resume with another config is refused
 * @param parameters the parameter file, with its checksum
 * @param optimizer the optimizer-state file, with its checksum
 * @param fingerprint everything that changes what the run releases ({@link RunFingerprint}); null in
 *     checkpoints of dpaudit versions before it, which cannot be resumed safely
 * @param inclusion every canary family's inclusion bits, drawn once (empty without canaries)
 * @param whiteBox the white-box canaries' accumulated observations ({@code WhiteBoxRecorder}), with
 *     its checksum; null for a run without them
 */
public record CheckpointState(
    int schemaVersion,
    String kind,
    long nextStep,
    String configSha256,
    PrivacyLedger ledger,
    long optimizerUpdates,
    double lossSum,
    long lossCount,
    List<EpochMetrics> history,
    RandomnessRecord randomness,
    ArtifactRef parameters,
    ArtifactRef optimizer,
    RunFingerprint fingerprint,
    List<InclusionBits> inclusion,
    ArtifactRef whiteBox) {
  /** The JSON layout version. */
  public static final int SCHEMA_VERSION = 1;

  public CheckpointState {
    Objects.requireNonNull(ledger, "ledger");
    history = List.copyOf(history);
    inclusion = inclusion == null ? null : List.copyOf(inclusion);
  }

  /** This state naming the files written for it (the white-box state null for a run without it). */
  public CheckpointState withArrays(ArtifactRef parameters, ArtifactRef optimizer, ArtifactRef whiteBox) {
    return new CheckpointState(schemaVersion, kind, nextStep, configSha256, ledger, optimizerUpdates, lossSum,
        lossCount, history, randomness, parameters, optimizer, fingerprint, inclusion, whiteBox);
  }
}
