package org.dpaudit.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The dpaudit version and git commit this build was made from, filtered into a resource at build
 * time, so every artifact can say which code made it.
 */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return value("version", "unknown");
  }

  /**
   * The git commit of the build, with {@code -dirty} when the tree had uncommitted changes, or
   * {@code unknown} outside a clone.
   */
  public static String gitCommit() {
    String commit = value("gitCommit", "unknown");
    return "true".equals(value("gitDirty", "false")) ? commit + "-dirty" : commit;
  }

  private static String value(String key, String fallback) {
    String v = PROPS.getProperty(key);
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/org/dpaudit/core/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException ignored) {
      // a build without the resource still runs; provenance then says "unknown"
    }
    return p;
  }
}
