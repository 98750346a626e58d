package org.dpaudit.cli.audit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ClopperPearson;
import org.dpaudit.audit.selftest.SelfTest;
import org.dpaudit.audit.selftest.SelfTestConfig;
import org.dpaudit.audit.selftest.SelfTestReport;
import org.dpaudit.audit.selftest.SelfTestRow;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit audit selftest}: the auditor's own validity test on mechanisms of known epsilon. */
@Command(
    name = "selftest",
    mixinStandardHelpOptions = true,
    description = {
      "Test the auditor on mechanisms whose epsilon is known exactly.",
      "Runs every bound many times on the Gaussian mechanism on a scalar and on",
      "randomized response, and reports coverage (the fraction of trials whose",
      "lower bound stayed at or below the true epsilon: at least the confidence",
      "for a valid bound), tightness (median lower bound / true epsilon), and",
      "how often a broken mechanism (sigma/3 noise while claiming sigma) is",
      "caught. Exit code 1 if any coverage is below the confidence: the auditor",
      "would overstate its bounds, a finding. Progress goes to standard error."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit audit selftest",
      "  dpaudit audit selftest --trials 1000 --seed 7",
      "  dpaudit audit selftest --confidence 0.99 --json"
    })
public final class SelftestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--trials", paramLabel = "N", description = "Audits per method and mechanism (default: ${DEFAULT-VALUE}).")
  int trials = SelfTestConfig.DEFAULT_TRIALS;

  @Option(names = "--seed", paramLabel = "S", description = "Root seed; the self-test is reproducible (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--confidence", paramLabel = "C", description = "Confidence of every bound, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double confidence = BoundParameters.DEFAULT_CONFIDENCE;

  @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    Checks.check(trials >= 1, "--trials must be at least 1; got " + trials);
    Checks.openUnit("--confidence", confidence);
    PrintWriter err = spec.commandLine().getErr();
    SelfTestReport report = SelfTest.run(SelfTestConfig.defaults(trials, seed, confidence), line -> {
      err.println(line);
      err.flush();
    });
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.write(report) : table(report));
    return report.passed() ? ExitCodes.OK : ExitCodes.FINDING;
  }

  static String table(SelfTestReport r) {
    SelfTestConfig c = r.config();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "auditor self-test: %d trials per row, seed %d, bounds at %s confidence%n",
        c.trials(), c.seed(), Texts.percent(c.confidence())));
    s.append(String.format(Locale.ROOT, "(%d releases per class for cp/gdp, %d canaries for one-run)%n%n", c.perClass(),
        c.canaries()));
    s.append(String.format(Locale.ROOT, "%-14s %-36s %-6s %8s %8s %7s %6s %7s%n", "method", "mechanism", "delta", "true eps",
        "coverage", "median", "tight", "caught"));
    for (SelfTestRow row : r.rows()) {
      String mechanism = row.broken()
          ? String.format(Locale.ROOT, "BROKEN %s (claims %.3f)", row.mechanism().replace("gaussian ", "")
              .replace("dp-sgd ", ""), row.claimedEpsilon())
          : row.mechanism();
      s.append(String.format(Locale.ROOT, "%-14s %-36s %-6s %8.3f %8s %7.3f %6.2f %7s%n", row.procedure(), mechanism,
          Texts.number(row.delta()), row.trueEpsilon(), Texts.percent(row.coverage()), row.medianBound(), row.tightness(),
          row.broken() ? Texts.percent(row.detectionRate()) : ""));
    }
    s.append('\n');
    s.append("coverage: trials whose lower bound stayed <= the true epsilon (must be >= the confidence)\n");
    s.append("median: median lower bound; tight: median / true epsilon\n");
    s.append("caught: trials whose bound exceeded the BROKEN mechanism's claimed epsilon\n");
    s.append("gdp and one-run-fdp rows run on Gaussian mechanisms only: those bounds assume a Gaussian\n");
    s.append("trade-off curve and over-claim on others (randomized response)\n");
    s.append("wb-*: white-box canaries on simulated DP-SGD observations (2000 canaries, at most 100 trials):\n");
    s.append("  wb-bound the deciding lower bound; wb-curve the test of the accountant's whole trade-off curve\n");
    s.append("  (coverage: its own curve not rejected); wb-checks the exact noise checks (coverage: none failed);\n");
    s.append("  wb-curve+chk caught: the broken run's curve rejected or a check failed\n");
    if (r.passed()) {
      s.append(String.format(Locale.ROOT, "PASS: every method covered at least %s.%n", Texts.percent(c.confidence())));
    } else {
      for (SelfTestRow row : r.rows()) {
        if (row.coverage() < c.confidence()) {
          s.append(String.format(Locale.ROOT, "FAIL: %s on %s covered %s < %s: the auditor overstates this bound%n"
              + "      (true coverage <= %s at 95%% confidence; with few trials, rerun with more --trials to tell%n"
              + "      chance from a broken bound)%n",
              row.procedure(), row.mechanism(), Texts.percent(row.coverage()), Texts.percent(c.confidence()),
              Texts.percent(ClopperPearson.upper(row.covered(), row.trials(), 0.05))));
        }
      }
    }
    return s.toString();
  }
}
