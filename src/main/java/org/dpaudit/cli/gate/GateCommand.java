package org.dpaudit.cli.gate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.audit.gate.GateRunner;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.TextWrap;
import org.dpaudit.core.io.RunLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit gate}: holds a run's audit to a privacy policy; exit 0 pass, 1 violated, 2 error. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The CI privacy gate: check a run's audit.json against a policy.",
      "The policy (JSON) may limit the accountant epsilon, the empirical epsilon, attack AUC",
      "and TPR at a given FPR (per attack or over every attack), test accuracy, and each one's",
      "change from a baseline run; an accountant-violated verdict always fails; claim-violated,",
      "claim-unproven and a model that measurably leaks without a finite claim fail unless the",
      "policy says otherwise (failOnClaimViolated, failOnClaimUnproven, failOnLeaks; docs/cli.md",
      "lists every field). Prints one line per rule, writes gate.json into",
      "the run and, with --junit, a JUnit XML report (one test case per rule) for CI displays.",
      "Exit code 0: every rule passed; 1: a rule failed; 2: bad input (malformed policy, unknown",
      "field, missing run or audit.json, an audit older than its run, a run or audit whose epsilons",
      "its ledger does not prove, a model or canary file changed since it was written)."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit gate --policy examples/privacy-policy.json --run runs/dp2",
      "  dpaudit gate --policy examples/privacy-policy.json --run runs/dp2 --baseline runs/dp2-main \\",
      "      --junit build/privacy-gate.xml"
    })
public final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy JSON file.")
  Path policy;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run to gate (audited with "
      + "'dpaudit audit --run').")
  Path run;

  @Option(names = "--baseline", paramLabel = "DIR", description = "The last accepted run, for the policy's "
      + "maxIncrease/maxDecrease limits (without it those rules are skipped).")
  Path baseline;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
  Path junit;

  @Option(names = "--json", description = "Print gate.json (every rule, its value and limit) instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    GateRecord g = GateRunner.run(new GateRunner.Options(policy, run, baseline, junit));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? org.dpaudit.core.io.Json.write(g) + System.lineSeparator() : screen(g));
    out.flush();
    return g.passed() ? ExitCodes.OK : ExitCodes.FINDING;
  }

  String screen(GateRecord g) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "dpaudit gate: run %s against %s%s%n", g.run(), policy,
        baseline == null ? "" : " (baseline " + g.baseline() + ")"));
    if (g.policy().description() != null) {
      s.append("  policy: ").append(g.policy().description()).append('\n');
    }
    int width = g.rules().stream().mapToInt(r -> r.name().length()).max().orElse(10);
    String indent = " ".repeat(2 + 4 + 2 + width + 2);
    for (RuleResult r : g.rules()) {
      String line = String.format(Locale.ROOT, "  %-4s  %-" + width + "s  ", r.status(), r.name());
      s.append(line).append(TextWrap.wrap(r.detail(), Math.max(40, TextWrap.WIDTH - line.length()), indent)).append('\n');
    }
    s.append(String.format(Locale.ROOT, "%s: %d of %d rules failed%s; wrote %s%s%n", g.passed() ? "PASSED" : "FAILED",
        g.failed(), g.rules().size(), g.skipped() > 0 ? ", " + g.skipped() + " skipped" : "",
        run.resolve(RunLayout.GATE_JSON), junit == null ? "" : " and " + junit));
    return s.toString();
  }
}
