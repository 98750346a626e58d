package org.dpaudit.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;

/**
 * A run directory, {@code runs/<name>/}: the unit every command reads and writes.
 *
 * <pre>
 * runs/&lt;name&gt;/
 *   run.json       config, dataset card, provenance, ledger, claimed and accountant epsilon, metrics
 *   model/         DJL model files
 *   checkpoint/    resumable training state
 *   attacks/       per-attack JSON and per-example scores
 *   audit.json     the three epsilons and a verdict
 *   report.html    self-contained report
 * </pre>
 *
 * All JSON goes through {@link Json} and is written atomically, so steps can run separately, on
 * different machines, and be compared later.
 */
public final class RunDirectory {
  /** The file that marks a directory as a dpaudit run. */
  public static final String RUN_JSON = "run.json";

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Runs {@code work}, which makes and fills the run directory {@code dir}. If it fails and
   * {@code dir} did not exist before, the directory is removed again (unless {@code keep} says its
   * contents are worth keeping, such as a checkpoint to resume from), so a failed command leaves no
   * half-written run behind. A directory that existed before is never removed.
   */
  public static <T> T fillOrRemove(Path dir, java.util.function.Predicate<Path> keep,
      java.util.function.Supplier<T> work) {
    boolean created = !Files.exists(dir);
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      if (created && Files.isDirectory(dir) && !keep.test(dir)) {
        deleteTree(dir);
      }
      throw e;
    }
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // Best effort: the error being reported matters more than the clean-up.
    }
  }

  /** Creates (or reuses) {@code dir} for writing; it must not be an existing non-directory. */
  public static RunDirectory create(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ArtifactException("cannot create run directory " + dir + ": " + e.getMessage(), e);
    }
    return new RunDirectory(dir);
  }

  /** Opens an existing run directory; it must hold a {@value #RUN_JSON}. */
  public static RunDirectory open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ArtifactException(dir + ": no such run directory");
    }
    if (!Files.isRegularFile(dir.resolve(RUN_JSON))) {
      throw new ArtifactException(dir + " is not a dpaudit run (no " + RUN_JSON + ")");
    }
    return new RunDirectory(dir);
  }

  /** The directory. */
  public Path path() {
    return root;
  }

  /** {@code relative} inside the run directory. */
  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** Whether {@code relative} exists in the run directory. */
  public boolean has(String relative) {
    return Files.exists(resolve(relative));
  }

  /** Writes {@code value} as JSON to {@code relative}, atomically. */
  public void writeJson(String relative, Object value) {
    Json.writeFile(resolve(relative), value);
  }

  /** Reads {@code relative} as {@code type}. */
  public <T> T readJson(String relative, Class<T> type) {
    return Json.read(resolve(relative), type);
  }
}
