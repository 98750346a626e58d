package org.dpaudit.core.provenance;

import java.nio.file.Path;
import java.util.Objects;
import org.dpaudit.core.io.Sha256;

/**
 * A reference to a file an artifact was made from or points to (a dataset file, model parameters,
 * a scores CSV), with the SHA-256 of its bytes, so a later step can prove it reads the same file.
 *
 * @param path the path as given (relative paths are relative to the artifact's directory)
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record ArtifactRef(String path, String sha256) {
  public ArtifactRef {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** A reference to {@code file}, recorded under the name {@code recordedPath}. */
  public static ArtifactRef of(Path file, String recordedPath) {
    return new ArtifactRef(recordedPath, Sha256.of(file));
  }
}
