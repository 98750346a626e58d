package org.dpaudit.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global {@code --verbose} flag, inherited by every subcommand: stack traces on errors and
 * DJL's own log messages.
 */
public final class Verbosity {
  private static volatile boolean verbose;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces on errors and the tensor engine's log messages.")
  void setVerbose(boolean v) {
    verbose = v;
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", v ? "info" : "warn");
  }

  /** Whether {@code --verbose} was given. */
  public static boolean isVerbose() {
    return verbose;
  }

  static void reset() {
    verbose = false;
  }
}
