package org.dpaudit.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dpaudit.core.ArtifactException;

/**
 * Atomic file writes: write a temporary file in the target's directory, then rename it over the
 * target.
 *
 * <p>A reader therefore sees the old file or the new one, never half of one, and a crash or a bad
 * input mid-write leaves no half-written artifact behind.
 */
public final class AtomicFiles {
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
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.writeTo(out);
      }
      move(tmp, absolute);
      tmp = null;
    } catch (IOException e) {
      throw new ArtifactException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new ArtifactException("cannot write " + target + ": " + e.getCause().getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Moves {@code source} over {@code target}, atomically where the file system allows it. */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the temporary file is hidden and harmless
    }
  }
}
