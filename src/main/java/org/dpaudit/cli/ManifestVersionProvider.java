package org.dpaudit.cli;

import org.dpaudit.core.provenance.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code dpaudit --version}: the version and the git commit the build was made from, the platform,
 * and whether DJL may download native libraries ({@code ai.djl.offline}, which {@code
 * DPAUDIT_JAVA_OPTS} can set), so a user can check what the launcher passed.
 */
public final class ManifestVersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "dpaudit " + BuildInfo.version() + " (commit " + BuildInfo.gitCommit() + ")",
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
          + System.getProperty("os.arch"),
      "DJL offline: " + System.getProperty("ai.djl.offline", "true")
          + " (DPAUDIT_JAVA_OPTS=-Dai.djl.offline=false lets DJL download a libtorch)"
    };
  }
}
