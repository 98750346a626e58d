package org.dpaudit.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpaudit bench}: measure what DP costs on this hardware. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: what differential privacy costs on this machine, measured side by side.",
    subcommands = {DpStepCommand.class, TimeToAccuracyCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
