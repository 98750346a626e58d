package org.dpaudit.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 *   .dpaudit.lock  the writers' lock ({@link RunLock})
 * </pre>
 *
 * All JSON goes through {@link Json} and is written atomically, so steps can run separately, on
 * different machines, and be compared later. Commands that write a run do so through {@link
 * #fillOrRemove} (making one) or {@link #locked} (adding to one): both hold the run's lock, and both
 * first remove what a killed command left behind (temporary files, an interrupted replacement).
 */
public final class RunDirectory {
  /** The file that marks a directory as a dpaudit run ({@link RunLayout#RUN_JSON}). */
  public static final String RUN_JSON = RunLayout.RUN_JSON;
  /** Where {@link #replaceContents} moves an old run before deleting it. */
  static final String REPLACED = ".dpaudit-replaced";
  /** The checkpoint directory, whose {@code state.json} makes a killed run resumable. */
  private static final String CHECKPOINT_STATE = RunLayout.CHECKPOINT_STATE;

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Runs {@code work}, which makes and fills the run directory {@code dir}, holding the run's lock
   * throughout. {@code dir} must be a new directory, an empty one, or one dpaudit made (a run, or
   * what a killed run left); anything else (the current directory full of other files, a file) is
   * refused before anything is written.
   *
   * <p>If {@code work} fails and leaves no run behind (no {@code run.json}, no checkpoint to resume
   * from, and nothing else {@code keep} says is worth keeping), everything it wrote is removed again:
   * the directory itself when this call created it, else its contents. A failed command therefore
   * leaves no half-written run. A directory that still holds a run, finished or resumable, is never
   * touched (an import refused over a killed training's checkpoint keeps that checkpoint).
   */
  public static <T> T fillOrRemove(Path dir, Predicate<Path> keep, Supplier<T> work) {
    checkOutput(dir);
    boolean created = !Files.exists(dir);
    create(dir);
    try (RunLock lock = RunLock.acquire(dir)) {
      tidy(dir, true);
      try {
        return work.get();
      } catch (RuntimeException | Error e) {
        if (!holdsRun(dir) && !keep.test(dir)) {
          removeQuietly(dir, created);
        }
        throw e;
      }
    }
  }

  /**
   * Runs {@code work} on the existing run {@code dir} while holding its lock, after removing what a
   * killed command left in it. The command that adds to a run (attack, audit, gate, report) calls
   * its work through this.
   */
  public static <T> T locked(Path dir, Supplier<T> work) {
    if (dir.toString().isEmpty()) {
      throw new InvalidInputException("the run directory path is empty");
    }
    if (!Files.isDirectory(dir)) {
      throw new ArtifactException(dir + ": no such run directory");
    }
    try (RunLock lock = RunLock.acquire(dir)) {
      tidy(dir, false);
      open(dir);
      return work.get();
    }
  }

  /**
   * Fails as {@link #locked} would if {@code dir} cannot be worked on now (missing, in use by another
   * process, not a run), so a command can say so before it loads anything.
   */
  public static void requireAvailable(Path dir) {
    locked(dir, () -> null);
  }

  /**
   * Refuses an output path that is empty, a file, or a directory holding other things than a run:
   * {@code --out ""} or {@code --out .} in a project would otherwise scatter run.json, model/ and
   * checkpoint/ among the user's files.
   */
  public static void checkOutput(Path dir) {
    if (dir.toString().isBlank()) {
      throw new InvalidInputException("the output directory is an empty path; give --out the name of a new "
          + "directory or of an existing run");
    }
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " exists and is not a directory; give --out a new directory or an "
          + "existing run");
    }
    if (!isEmpty(dir) && !madeByDpaudit(dir)) {
      throw new InvalidInputException(dir + " is a directory that holds other files and no dpaudit run; give --out "
          + "a new directory or an existing run");
    }
  }

  /** Whether {@code dir} holds a finished run or a checkpoint to resume one from. */
  private static boolean holdsRun(Path dir) {
    return Files.exists(dir.resolve(RUN_JSON)) || Files.isRegularFile(dir.resolve(CHECKPOINT_STATE));
  }

  /** Whether {@code dir} is (or was being made into) a run: it has run.json, a checkpoint or a lock file. */
  public static boolean madeByDpaudit(Path dir) {
    return Files.isRegularFile(dir.resolve(RUN_JSON)) || Files.isDirectory(dir.resolve(RunLayout.CHECKPOINT_DIR))
        || Files.exists(dir.resolve(RunLayout.LOCK));
  }

  /**
   * What a killed command left: temporary files everywhere, an interrupted {@link
   * #replaceContents}, and (for a command about to make a run: {@code making}) the partial output of
   * a run killed before its first checkpoint, which nothing can resume.
   */
  private static void tidy(Path dir, boolean making) {
    Path replaced = dir.resolve(REPLACED);
    if (Files.exists(replaced)) {
      moveAllInto(dir, replaced);
      AtomicFiles.deleteTree(replaced);
    }
    AtomicFiles.removeTemporaries(dir);
    boolean unfinished = !Files.exists(dir.resolve(RUN_JSON)) && !Files.isRegularFile(dir.resolve(CHECKPOINT_STATE));
    if (making && unfinished) {
      for (Path p : entries(dir)) {
        AtomicFiles.deleteTree(p);
      }
    }
  }

  /**
   * Replaces the run entirely (for {@code --force}): every entry but the lock moves into a hidden
   * directory, which is then deleted. Old models, attacks, audits, gate results and reports all go;
   * none can be mistaken for the new run's. A crash midway leaves that hidden directory, and the
   * next command to open the run finishes the job (see {@link #tidy}): the directory holds the old
   * run until its {@code run.json} has moved, and no run after that, never a mix. Call it holding
   * the lock.
   */
  public void replaceContents() {
    Path replaced = root.resolve(REPLACED);
    try {
      Files.createDirectories(replaced);
    } catch (IOException e) {
      throw new ArtifactException("cannot replace " + root + ": " + e.getMessage(), e);
    }
    Path runJson = root.resolve(RUN_JSON);
    if (Files.exists(runJson)) {
      move(runJson, replaced.resolve(RUN_JSON));
    }
    moveAllInto(root, replaced);
    AtomicFiles.syncDirectory(root);
    AtomicFiles.deleteTree(replaced);
  }

  private static void moveAllInto(Path dir, Path replaced) {
    for (Path p : entries(dir)) {
      if (!p.equals(replaced)) {
        move(p, replaced.resolve(p.getFileName().toString()));
      }
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new ArtifactException("cannot move " + from + " aside: " + e.getMessage(), e);
    }
  }

  /** The directory's entries except the lock file. */
  private static List<Path> entries(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (!p.getFileName().toString().equals(RunLayout.LOCK)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new ArtifactException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      return !ds.iterator().hasNext();
    } catch (IOException e) {
      throw new ArtifactException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void removeQuietly(Path dir, boolean created) {
    try {
      if (created) {
        AtomicFiles.deleteTree(dir);
      } else {
        for (Path p : entries(dir)) {
          AtomicFiles.deleteTree(p);
        }
        Files.deleteIfExists(dir.resolve(RunLayout.LOCK));
      }
    } catch (RuntimeException | IOException | Error ignored) {
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
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot create run directory " + dir + ": " + e.getMessage(), e);
    }
    return new RunDirectory(dir);
  }

  /** Opens an existing run directory; it must hold a {@value #RUN_JSON}. */
  public static RunDirectory open(Path dir) {
    if (dir.toString().isEmpty()) {
      throw new InvalidInputException("the run directory path is empty");
    }
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
