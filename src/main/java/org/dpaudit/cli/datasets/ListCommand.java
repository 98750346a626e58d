package org.dpaudit.cli.datasets;

import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.datasets.DatasetCatalog;
import org.dpaudit.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpaudit datasets list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the datasets dpaudit knows and whether each is in the cache.",
    footer = {"", "Example:", "  dpaudit datasets list"})
public final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Datasets datasets = new Datasets(m -> { }, false);
    for (String name : DatasetCatalog.FETCHABLE) {
      out.printf("%-14s %s%n", name, datasets.isCached(name) ? "cached and verified" : "not fetched (dpaudit datasets fetch " + name + ")");
    }
    for (String name : DatasetCatalog.FROM_PATH) {
      out.printf("%-14s %s%n", name, "read from --path");
    }
    return ExitCodes.OK;
  }
}
