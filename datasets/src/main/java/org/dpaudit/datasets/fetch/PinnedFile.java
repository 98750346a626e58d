package org.dpaudit.datasets.fetch;

import java.util.Objects;

/**
 * A file a dataset needs, with the SHA-256 of its uncompressed bytes.
 *
 * <p>Pinning the uncompressed content (not a {@code .gz}) means the same data verifies whichever
 * source delivered it: a registry tarball, a Debian package that recompressed it, or a mirror.
 */
public record PinnedFile(String name, String sha256) {
  public PinnedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }
}
