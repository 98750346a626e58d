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
