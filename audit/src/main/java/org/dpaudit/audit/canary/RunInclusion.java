package org.dpaudit.audit.canary;

import java.util.Objects;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.trainers.run.TrainingRun;

/**
 * The inclusion bits of a run's canaries, read from the file {@code run.json} names and checked
 * against its recorded SHA-256 and canary count. The only code in the audit that opens that file.
 */
public final class RunInclusion implements InclusionSource {
  private final RunDirectory dir;
  private final CanaryRecord canaries;

  /** The source for {@code canaries} of the run in {@code dir}; nothing is read yet. */
  public RunInclusion(RunDirectory dir, CanaryRecord canaries) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.canaries = Objects.requireNonNull(canaries, "canaries");
  }

  /** The file, relative to the run directory. */
  public String file() {
    return canaries.inclusionFile() == null ? RunLayout.CANARY_INCLUSION : canaries.inclusionFile();
  }

  @Override
  public boolean[] read() {
    String file = file();
    String sha = Sha256.of(dir.resolve(file));
    if (canaries.inclusionSha256() != null && !canaries.inclusionSha256().equals(sha)) {
      throw new ArtifactException(dir.resolve(file) + " does not match the SHA-256 recorded in run.json; the canary "
          + "inclusion bits were changed after training");
    }
    boolean[] bits = dir.readJson(file, TrainingRun.CanaryInclusion.class).included();
    if (bits == null || bits.length != canaries.count()) {
      throw new ArtifactException(dir.resolve(file) + " holds " + (bits == null ? 0 : bits.length)
          + " inclusion bits but run.json records " + canaries.count() + " canaries");
    }
    return bits.clone();
  }
}
