package org.dpaudit.cli;

import org.dpaudit.core.provenance.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code dpaudit --version}: the version and the git commit the build was made from. */
public final class ManifestVersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "dpaudit " + BuildInfo.version() + " (commit " + BuildInfo.gitCommit() + ")",
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
          + System.getProperty("os.arch")
    };
  }
}
