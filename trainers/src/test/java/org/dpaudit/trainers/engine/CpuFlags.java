package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machines on which the native kernels must run, so that a silent fallback fails a test there. */
final class CpuFlags {
  private CpuFlags() {}

  /** Skips the calling test unless this is Linux on x86-64 with every one of {@code flags} in /proc/cpuinfo. */
  static void assumeLinuxAmd64With(String... flags) throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")
        && Files.exists(cpuinfo));
    String reported = Files.readString(cpuinfo);
    for (String flag : flags) {
      assumeTrue(reported.contains(" " + flag), "CPU flag " + flag);
    }
  }
}
