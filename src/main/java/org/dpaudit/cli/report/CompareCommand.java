package org.dpaudit.cli.report;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.reports.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpaudit compare}: several runs side by side in one HTML file. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a comparison of two or more runs: one self-contained HTML file with a table of the numbers,",
      "test accuracy over epsilon per scheme, the claimed, accountant and empirical epsilon of every run,",
      "ROC curves overlaid per attack (log-log), and, for runs made by 'dpaudit experiment' (a table.json",
      "beside them), our numbers next to the paper's."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit compare runs/np runs/dp                        # writes compare.html",
      "  dpaudit compare runs/np runs/dp-eps1 runs/dp-eps8 --out runs/compare.html"
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RUN", description = "The run directories (at least two)")
  List<Path> runs;

  @Option(names = "--out", description = "The HTML file to write (default: ./compare.html)")
  Path out;

  @Override
  public Integer call() {
    Path written = new ReportWriter().writeComparison(runs, out);
    spec.commandLine().getOut().println("comparison of " + runs.size() + " runs written to " + written);
    return ExitCodes.OK;
  }
}
