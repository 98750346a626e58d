package org.dpaudit.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpaudit audit}: empirical epsilon lower bounds with stated confidence, and the auditor's self-test. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Empirical epsilon lower bounds with a stated confidence.",
      "What attack outcomes prove about a training run's privacy. 'bound' and",
      "'one-run' are calculators for reviewers checking numbers from papers and",
      "other tools; 'selftest' checks the auditor on mechanisms of known epsilon."
    },
    subcommands = {BoundCommand.class, OneRunCommand.class, SelftestCommand.class},
    footer = {
      "",
      "Examples:",
      "  dpaudit audit bound --tp 600 --fn 400 --fp 50 --tn 950 --delta 1e-5",
      "  dpaudit audit one-run --canaries 1000 --guesses 100 --correct 95 --delta 1e-5",
      "  dpaudit audit selftest"
    })
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
