package org.dpaudit.cli.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.dpaudit.datasets.DatasetCatalog;
import org.dpaudit.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit datasets list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the datasets dpaudit knows and whether each is in the cache.",
    footer = {"", "Examples:", "  dpaudit datasets list", "  dpaudit datasets list --json"})
public final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the list as JSON: {\"datasets\": [{\"name\", \"status\"}]}, status "
      + "cached, not-fetched or from-path")
  boolean json;

  /** Whether a dataset can be used now; written as on the command line ({@code not-fetched}). */
  enum Status {
    /** Fetched and verified against its pinned checksums. */
    CACHED,
    /** Fetchable, not fetched yet ({@code dpaudit datasets fetch NAME}). */
    NOT_FETCHED,
    /** Never cached: read from {@code --path}. */
    FROM_PATH
  }

  /** One dataset of the list. */
  record Entry(String name, Status status) {}

  /** What {@code --json} prints. */
  record Listing(List<Entry> datasets) {}

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Datasets datasets = new Datasets(m -> { }, false);
    List<Entry> entries = new ArrayList<>();
    for (String name : DatasetCatalog.FETCHABLE) {
      entries.add(new Entry(name, datasets.isCached(name) ? Status.CACHED : Status.NOT_FETCHED));
    }
    for (String name : DatasetCatalog.FROM_PATH) {
      entries.add(new Entry(name, Status.FROM_PATH));
    }
    if (json) {
      out.print(Json.write(new Listing(entries)));
      return ExitCodes.OK;
    }
    for (Entry e : entries) {
      out.printf("%-14s %s%n", e.name(), switch (e.status()) {
        case CACHED -> "cached and verified";
        case NOT_FETCHED -> "not fetched (dpaudit datasets fetch " + e.name() + ")";
        case FROM_PATH -> "read from --path";
      });
    }
    return ExitCodes.OK;
  }
}
