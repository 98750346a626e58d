package org.dpaudit.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.dpaudit.core.ArtifactException;

/**
 * A run directory as bytes, to send a cell trained on an executor back to the driver, and put in
 * place there: unpacked next to the target, then renamed over it, so the target holds the old run
 * or the new one, never part of one.
 */
final class RunArchive {
  private RunArchive() {}

  /** The files under {@code dir}, zipped with paths relative to it. */
  static byte[] pack(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Replaces {@code target} with the archived directory. */
  static void unpackInto(byte[] archive, Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path staging = null;
    Path old = null;
    try {
      Files.createDirectories(absolute.getParent());
      staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".spark-");
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          Path f = staging.resolve(e.getName()).normalize();
          if (!f.startsWith(staging) || e.isDirectory()) {
            continue; // never outside the staging directory
          }
          Files.createDirectories(f.getParent());
          copy(zip, f);
        }
      }
      if (Files.exists(absolute)) {
        old = absolute.resolveSibling("." + absolute.getFileName() + ".old-" + System.nanoTime());
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (IOException e) {
      throw new ArtifactException("cannot put the run trained on Spark into " + target + ": " + e.getMessage(), e);
    } finally {
      deleteTree(staging);
      deleteTree(old);
    }
  }

  private static void copy(InputStream in, Path f) throws IOException {
    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // best effort: a leftover temporary directory is harmless
    }
  }
}
