package org.dpaudit.cli;

import org.dpaudit.cli.accountant.AccountantCommand;
import org.dpaudit.cli.attack.AttackCommand;
import org.dpaudit.cli.audit.AuditCommand;
import org.dpaudit.cli.bench.BenchCommand;
import org.dpaudit.cli.datasets.DatasetsCommand;
import org.dpaudit.cli.demo.DemoCommand;
import org.dpaudit.cli.diff.DiffCommand;
import org.dpaudit.cli.experiment.ExperimentCommand;
import org.dpaudit.cli.gate.GateCommand;
import org.dpaudit.cli.imports.ImportCommand;
import org.dpaudit.cli.report.CompareCommand;
import org.dpaudit.cli.report.ReportCommand;
import org.dpaudit.cli.train.TrainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code dpaudit <command>}; run bare, it prints the list of commands. */
@Command(
    name = "dpaudit",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    usageHelpAutoWidth = true,
    header = "Does this model leak its training data, and is its privacy claim true?",
    description = {
      "dpaudit trains models under differential privacy, attacks them, and audits the result:",
      "the epsilon a scheme claims, the epsilon an accountant proves, and the epsilon attacks show.",
      ""
    },
    subcommands = {DemoCommand.class, DatasetsCommand.class, AccountantCommand.class, TrainCommand.class, ExperimentCommand.class,
        ImportCommand.class, AttackCommand.class, AuditCommand.class, GateCommand.class, ReportCommand.class,
        CompareCommand.class, DiffCommand.class, BenchCommand.class},
    footer = {
      "",
      "Exit codes: 0 success, 1 a finding or policy failure, 2 bad input or error.",
      "Run 'dpaudit <command> --help' for a command's options and examples."
    })
public final class DpauditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin Verbosity verbosity;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
