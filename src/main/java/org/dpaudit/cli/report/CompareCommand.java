package org.dpaudit.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.reports.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpaudit compare}: several runs side by side in one HTML file (compare.html in --out). */
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
      "  dpaudit compare runs/np runs/dp                        # writes ./compare.html",
      "  dpaudit compare --run runs/np --run runs/dp --out runs/cmp       # writes runs/cmp/compare.html",
      "  dpaudit compare runs/np runs/dp-eps1 runs/dp-eps8 --out runs/cmp"
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "RUN", description = "The run directories (at least two, here or as --run)")
  List<Path> positional = new ArrayList<>();

  @Option(names = "--run", paramLabel = "RUN", description = "A run directory (repeatable: --run A --run B; added "
      + "after the positional runs)")
  List<Path> runOptions = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "The directory compare.html is written into (made if "
      + "missing; default: the current directory)")
  Path out;

  @Override
  public Integer call() {
    List<Path> runs = new ArrayList<>(positional);
    runs.addAll(runOptions);
    if (runs.size() < 2) {
      throw new ParameterException(spec.commandLine(), "a comparison needs at least two runs (RUN RUN... or --run A "
          + "--run B); got " + runs.size());
    }
    Path written = new ReportWriter().writeComparison(runs, OutDirectory.target(spec.commandLine(), out, Path.of(""),
        ReportWriter.COMPARE_HTML));
    spec.commandLine().getOut().println("comparison of " + runs.size() + " runs written to " + written);
    return ExitCodes.OK;
  }
}
