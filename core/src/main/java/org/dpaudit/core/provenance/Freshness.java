package org.dpaudit.core.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpaudit.core.io.Sha256;

/**
 * Whether an artifact is still about the files it was made from: each input it records (by path,
 * relative to the run directory, and SHA-256) must be the file now at that path. An attack made
 * before the run was retrained, or an audit made before an attack was re-run, is stale: a report
 * must not show it as the current model's.
 */
public final class Freshness {
  private Freshness() {}

  /**
   * The first of {@code inputs} that is missing or changed in {@code dir}, described for a user
   * ("run.json changed since"), or null when every input is unchanged.
   */
  public static String staleInput(Path dir, List<ArtifactRef> inputs) {
    for (ArtifactRef in : inputs) {
      Path p = dir.resolve(in.path());
      if (!Files.isRegularFile(p)) {
        return in.path() + " is gone";
      }
      if (!Sha256.of(p).equals(in.sha256())) {
        return in.path() + " changed since";
      }
    }
    return null;
  }
}
