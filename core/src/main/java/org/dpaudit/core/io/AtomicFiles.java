package org.dpaudit.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.ArtifactException;

/**
 * Atomic, durable file writes: write a temporary file in the target's directory, flush it to the
 * disk, rename it over the target, then flush the directory.
 *
 * <p>A reader therefore sees the old file or the new one, never half of one, and a crash or a bad
 * input mid-write leaves no half-written artifact behind. The two {@code fsync}s make the order hold
 * across a power cut too: without the first, the rename can reach the disk before the data (an empty
 * file after the crash); without the second, the rename itself can be lost. Temporary files are
 * named {@code .<target>.<random>.tmp}; one left by a killed process is removed by {@link
 * #removeTemporaries} when the next command opens the run.
 */
public final class AtomicFiles {
  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Something that writes a whole file's content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code text} (UTF-8) to {@code target} atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void writeBytes(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /** Runs {@code writer} into a temporary sibling of {@code target}, then renames it into place. */
  public static void write(Path target, Writer writer) {
    try (Staged staged = stage(target, writer)) {
      staged.commit();
    }
  }

  /**
   * Writes {@code target}'s new content into a temporary sibling (flushed to disk) without replacing
   * {@code target} yet: {@link Staged#commit} does that, and closing an uncommitted one deletes the
   * temporary. For commands that write several files and must fail before changing any of them
   * (e.g. the gate's JUnit file in a directory that cannot be written).
   */
  public static Staged stage(Path target, Writer writer) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", TEMP_SUFFIX);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        writer.writeTo(out);
        out.flush();
        ch.force(true);
      }
      Staged s = new Staged(tmp, absolute);
      tmp = null;
      return s;
    } catch (IOException e) {
      throw new ArtifactException("cannot write " + target + ": " + describe(e), e);
    } catch (UncheckedIOException e) {
      throw new ArtifactException("cannot write " + target + ": " + describe(e.getCause()), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** A file written in full to a temporary sibling, waiting to be renamed over its target. */
  public static final class Staged implements AutoCloseable {
    private final Path tmp;
    private final Path target;
    private boolean committed;

    private Staged(Path tmp, Path target) {
      this.tmp = tmp;
      this.target = target;
    }

    /** Renames the temporary over the target and makes the rename durable. */
    public void commit() {
      try {
        move(tmp, target);
        committed = true;
      } catch (IOException e) {
        throw new ArtifactException("cannot write " + target + ": " + describe(e), e);
      }
    }

    /** Deletes the temporary unless it was committed. */
    @Override
    public void close() {
      if (!committed) {
        deleteQuietly(tmp);
      }
    }
  }

  /**
   * Moves {@code source} over {@code target}, atomically where the file system allows it, and flushes
   * the target's directory so the rename survives a crash.
   */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Flushes a directory's entries (new names, renames, deletions) to disk. Linux and macOS allow it
   * through a read-only channel on the directory; where the platform refuses (Windows), there is
   * nothing more a Java program can do, and the rename is as durable as the platform makes it.
   */
  public static void syncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not supported on this platform (see above)
    }
  }

  /**
   * Flushes every file under {@code root} to disk (for files a library wrote, such as DJL's model
   * files, before they are renamed into place).
   */
  public static void syncTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot flush " + root + " to disk: " + e.getMessage(), e);
    }
    syncDirectory(root);
  }

  /** Whether {@code p} is a temporary file (or directory) made by this class or its callers. */
  public static boolean isTemporary(Path p) {
    String n = p.getFileName() == null ? "" : p.getFileName().toString();
    return n.startsWith(".") && n.endsWith(TEMP_SUFFIX) && n.length() > 1 + TEMP_SUFFIX.length();
  }

  /** A fresh temporary name beside {@code target}, in the form {@link #isTemporary} recognises. */
  public static Path temporarySibling(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(System.nanoTime(), 36)
        + "-" + ProcessHandle.current().pid() + TEMP_SUFFIX);
  }

  /**
   * Deletes every temporary file and directory under {@code root} (left by a process killed
   * mid-write) and returns how many were removed. Call it only while holding the run's lock, so no
   * other process is writing one.
   */
  public static int removeTemporaries(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> found;
    try (Stream<Path> all = Files.walk(root)) {
      found = all.filter(p -> !p.equals(root) && isTemporary(p)).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot list " + root + ": " + e.getMessage(), e);
    }
    int removed = 0;
    for (Path p : found) {
      if (Files.exists(p)) {
        deleteTree(p);
        removed++;
      }
    }
    return removed;
  }

  /** Deletes {@code p} and everything under it. */
  public static void deleteTree(Path p) {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot delete " + p + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the temporary file is hidden, and removed when the run is next opened
    }
  }
}
