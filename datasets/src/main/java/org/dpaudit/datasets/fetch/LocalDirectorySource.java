package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Files from a local directory, each as {@code name} or {@code name.gz} (decompressed on the way).
 * Used for Debian's dataset packages and for tests.
 */
public class LocalDirectorySource implements FileSource {
  private final Path dir;
  private final String description;

  public LocalDirectorySource(Path dir, String description) {
    this.dir = dir;
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  /** The directory read from. */
  public Path directory() {
    return dir;
  }

  /** Whether every file is present (raw or gzipped). */
  public boolean hasAll(List<String> names) {
    return names.stream().allMatch(n -> Files.isRegularFile(dir.resolve(n)) || Files.isRegularFile(dir.resolve(n + ".gz")));
  }

  @Override
  public void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException {
    for (String name : names) {
      Path raw = dir.resolve(name);
      Path gz = dir.resolve(name + ".gz");
      if (Files.isRegularFile(raw)) {
        Files.copy(raw, into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      } else if (Files.isRegularFile(gz)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
          Files.copy(in, into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        throw new IOException(name + " is not in " + dir);
      }
    }
  }
}
