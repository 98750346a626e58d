package org.dpaudit.cli.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.reports.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit report}: one run's self-contained HTML report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a run's report: one self-contained HTML file (no network, no scripts; opens from disk).",
      "At the top the verdict and the three epsilons (claimed, accountant, empirical with its confidence);",
      "then model utility, each attack's ROC curve on log-log axes with TPR at 0.1%% and 1%% FPR, the",
      "canary audit, model-inversion images, the privacy ledger and accountants, caveats and provenance.",
      "A run that was not attacked or audited yet still gets a report, saying what to run."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit report --run runs/np                    # writes runs/np/report.html",
      "  dpaudit report --run runs/dp --out site/dp        # writes site/dp/report.html"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "The run directory")
  Path run;

  @Option(names = "--out", paramLabel = "DIR", description = "The directory report.html is written into (made if "
      + "missing; default: the run directory)")
  Path out;

  @Override
  public Integer call() {
    Path written = new ReportWriter().writeRunReport(run, OutDirectory.target(spec.commandLine(), out, run,
        org.dpaudit.core.io.RunLayout.REPORT_HTML));
    spec.commandLine().getOut().println("report of " + run + " written to " + written);
    return ExitCodes.OK;
  }
}
