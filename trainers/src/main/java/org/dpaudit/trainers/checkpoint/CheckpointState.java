package org.dpaudit.trainers.checkpoint;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.trainers.loop.EpochMetrics;

/**
 * Everything needed to continue a run exactly where it stopped, besides the arrays: the next step,
 * the ledger so far (so a resumed run never under-counts), the optimizer's update count, the
 * training history, and the fingerprint of the configuration it belongs to.
 *
 * <p>Sampling and noise need no saved state: both are indexed by step in a counter-mode stream
 * (seeded runs replay exactly; secure runs draw fresh randomness, which is just as private).
 *
 * @param nextStep the first step not yet taken
 * @param configSha256 SHA-256 of the run's configuration JSON; a resume with another config is refused
 * @param parameters the parameter file, with its checksum
 * @param optimizer the optimizer-state file, with its checksum
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
    ArtifactRef whiteBox) {
  /** The JSON layout version. */
  public static final int SCHEMA_VERSION = 1;

  public CheckpointState {
    Objects.requireNonNull(ledger, "ledger");
    history = List.copyOf(history);
  }
}
