package org.dpaudit.datasets.fetch;

import java.nio.file.Path;

/**
 * Where dpaudit keeps its cache: {@code $DPAUDIT_HOME}, or the system property {@code
 * dpaudit.home}, or {@code ~/.dpaudit}. Datasets live under {@code datasets/<name>/}.
 */
public final class DpauditHome {
  private DpauditHome() {}

  /** The cache root. */
  public static Path root() {
    String prop = System.getProperty("dpaudit.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("DPAUDIT_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".dpaudit");
  }

  /** The cache directory of dataset {@code name}. */
  public static Path dataset(String name) {
    return root().resolve("datasets").resolve(name);
  }
}
