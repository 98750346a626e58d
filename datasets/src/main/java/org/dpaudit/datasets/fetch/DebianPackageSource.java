package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Files installed by a Debian package (e.g. {@code dataset-fashion-mnist} under {@code
 * /usr/share/datasets/fashion-mnist/}). When the files are missing and installing is allowed and
 * possible (root, or password-less sudo, and apt-get), the package is installed; otherwise the
 * error says exactly which command to run.
 */
public final class DebianPackageSource extends LocalDirectorySource {
  private final String packageName;
  private final boolean mayInstall;

  public DebianPackageSource(String packageName, Path dir, boolean mayInstall) {
    super(dir, "Debian package " + packageName);
    this.packageName = packageName;
    this.mayInstall = mayInstall;
  }

  @Override
  public void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException {
    if (!hasAll(names)) {
      install(progress);
    }
    super.fetch(names, into, progress);
  }

  private void install(Consumer<String> progress) throws IOException {
    String howTo = "install it with: sudo apt-get install " + packageName;
    if (!mayInstall) {
      throw new IOException(directory() + " is missing (installing was not allowed); " + howTo);
    }
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new IOException(directory() + " is missing and apt-get is not available; " + howTo
          + " on a Debian/Ubuntu machine, or copy its files there");
    }
    List<String> prefix = isRoot() ? List.of() : List.of("sudo", "-n");
    progress.accept("installing Debian package " + packageName + " ...");
    if (run(prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", packageName) != 0
        && (run(prefix, "apt-get", "update", "-q") != 0
            || run(prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", packageName) != 0)) {
      throw new IOException("could not install " + packageName + " (not root, or no package index); " + howTo);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int run(List<String> prefix, String... cmd) throws IOException {
    List<String> full = new java.util.ArrayList<>(prefix);
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
