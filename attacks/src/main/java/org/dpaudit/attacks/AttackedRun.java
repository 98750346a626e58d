package org.dpaudit.attacks;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.attacks.imports.ModelImporter;
import org.dpaudit.attacks.mia.Challenge;
import org.dpaudit.attacks.target.ScoresTarget;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.Targets;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * What a membership attack works on, read from a run directory: the target, the examples its ids
 * point into, the challenge (members, then non-members), the attacker pool and the target's
 * training-set size. A run with a dataset is opened through {@link LoadedRun}; a scores file
 * imported without one has only its own rows: featureless examples named by their ids, no pool.
 */
public final class AttackedRun implements AutoCloseable {
  private final RunDirectory dir;
  private final RunRecord record;
  private final Target target;
  private final Dataset population;
  private final Challenge challenge;
  private final int[] pool;
  private final int trainingSize;
  private final boolean hasDataset;

  private AttackedRun(RunDirectory dir, RunRecord record, Target target, Dataset population, Challenge challenge,
      int[] pool, int trainingSize, boolean hasDataset) {
    this.dir = dir;
    this.record = record;
    this.target = target;
    this.population = population;
    this.challenge = challenge;
    this.pool = pool;
    this.trainingSize = trainingSize;
    this.hasDataset = hasDataset;
  }

  /** Opens the run at {@code path} with its target on {@code device}. */
  public static AttackedRun open(Path path, Device device, Consumer<String> progress) {
    RunDirectory dir = RunDirectory.open(path);
    RunRecord record = ArtifactSchema.RUN.read(dir);
    if (ModelImporter.withoutDataset(record)) {
      MembershipSplit split = LoadedRun.importedSplit(dir, record.dataset().split());
      ScoresTarget target = ScoresTarget.read(dir.resolve(RunLayout.IMPORTED_SCORES));
      Challenge challenge = Challenge.of(split.members(), split.nonMembers());
      return new AttackedRun(dir, record, target, target.examples("scores"), challenge, new int[0],
          record.privacy().trainingExamples(), false);
    }
    LoadedRun run = LoadedRun.open(path, progress);
    Target target = Targets.of(run, device);
    return new AttackedRun(run.directory(), record, target, run.data().train(), Challenge.of(run), run.split()
        .attackerPool(), record.privacy().trainingExamples(), true);
  }

  public RunDirectory directory() {
    return dir;
  }

  public RunRecord record() {
    return record;
  }

  public Target target() {
    return target;
  }

  /** The examples challenge and pool ids point into (the training partition). */
  public Dataset population() {
    return population;
  }

  public Challenge challenge() {
    return challenge;
  }

  /** The attacker pool (empty without a dataset). */
  public int[] pool() {
    return pool.clone();
  }

  /** The target's training-set size. */
  public int trainingSize() {
    return trainingSize;
  }

  /** Whether the run has real examples (a dataset) rather than the rows of a scores file. */
  public boolean hasDataset() {
    return hasDataset;
  }

  /** What identifies the run's data, for shadow recipe fingerprints. */
  public Object dataIdentity() {
    return List.of(record.dataset().files(), record.dataset().split() == null ? "" : record.dataset().split()
        .indicesSha256());
  }

  @Override
  public void close() {
    target.close();
  }
}
