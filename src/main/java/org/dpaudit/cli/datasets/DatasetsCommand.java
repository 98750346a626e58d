package org.dpaudit.cli.datasets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpaudit datasets}: fetch datasets into the cache and describe them. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch datasets into the cache ($DPAUDIT_HOME, default ~/.dpaudit) and describe them.",
      "MNIST and Fashion-MNIST are fetched by name and verified against pinned SHA-256 checksums;",
      "CIFAR-10 (binary version) and CSV tables are read from a path you give."
    },
    subcommands = {FetchCommand.class, InfoCommand.class, ListCommand.class},
    footer = {
      "",
      "Examples:",
      "  dpaudit datasets fetch mnist",
      "  dpaudit datasets info mnist --json",
      "  dpaudit datasets info cifar10 --path ~/data/cifar-10-batches-bin",
      "  dpaudit datasets info --path train-images-idx3-ubyte"
    })
public final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
