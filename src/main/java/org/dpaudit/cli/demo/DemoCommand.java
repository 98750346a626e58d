package org.dpaudit.cli.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.Standing;
import org.dpaudit.cli.audit.AuditSummary;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.RandomnessOptions;
import org.dpaudit.trainers.engine.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit demo}: the end-to-end audit on real MNIST. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The whole of dpaudit in one command, on real MNIST: fetch the data; train a non-private model",
      "(200 mislabeled canaries, judged on the final model) and a DP-SGD model (epsilon 2; 20000",
      "white-box gradient canaries, observed in every released update) on the same 1000 members; run",
      "the loss attack and LiRA (8 shadow models trained with each target's own recipe) on both, as",
      "estimates; audit both (the canaries decide); write an HTML report per run and a comparison.",
      "2-4 minutes on 2 cores.",
      "Every step is an ordinary dpaudit command underneath: the run directories are yours to explore."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit demo",
      "  dpaudit demo --quick --out runs/demo-quick      (10-20 s: smaller sets, 4 shadows)",
      "  dpaudit demo --seed 1                           (reproducible; stamped not for release)"
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "A small version (MLP, 200 members, 4 shadows): 10-20 s")
  boolean quick;

  @Option(names = "--out", description = "Directory the runs and reports are written into (default: ${DEFAULT-VALUE})")
  Path out = Path.of("runs", "demo");

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Mixin RandomnessOptions randomness;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    Demo.Result r = Demo.run(quick ? DemoPlan.quick() : DemoPlan.full(), out, randomness.seedOrNull(), device,
        m -> {
          err.println(m);
          err.flush();
        });
    var o = spec.commandLine().getOut();
    o.println();
    o.printf("%-12s %10s %10s %22s  %s%n", "run", "claimed", "accountant", "empirical (95%)", "headline");
    for (AuditRecord a : r.audits()) {
      o.printf("%-12s %10s %10s %22s  %s%n", a.run(), eps(a.claimedEpsilon()), eps(a.accountantEpsilon()),
          ">= " + eps(a.empiricalEpsilon().lower()), AuditSummary.headline(Standing.of(a), a.verdict()));
    }
    for (AuditRecord a : r.audits()) {
      o.println("  " + a.run() + ": " + a.reason());
    }
    if (r.audits().stream().anyMatch(a -> a.whiteBox() != null)) {
      o.println("  " + org.dpaudit.audit.whitebox.WhiteBoxAuditor.THREAT_MODEL);
    }
    o.printf("%nreport: %s  (open it in a browser; per-run reports next to each run)%n", r.report().toAbsolutePath());
    o.printf("done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    return ExitCodes.OK;
  }

  private static String eps(double e) {
    return Double.isInfinite(e) ? "inf" : String.format("%.3f", e);
  }
}
