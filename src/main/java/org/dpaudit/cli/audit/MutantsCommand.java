package org.dpaudit.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpaudit.audit.mutants.MutationSuite;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.engine.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit audit mutants}: the proof that the audit catches real DP bugs. */
@Command(
    name = "mutants",
    mixinStandardHelpOptions = true,
    description = {
      "Train DP-SGD with one injected bug each, audit each run, and show what the audit catches.",
      "Every mutant's ledger and claim still say what a correct implementation would: only the",
      "evidence (white-box canaries, every released update observed) can tell. The bugs: noise",
      "multiplier 1/3 and 1/10 of the recorded one, no noise on the bias tensors, per-example",
      "clipping skipped, examples sampled at twice the ledger's rate, the same noise every step,",
      "noise divided by the realised batch size. The correct implementation runs with several",
      "seeds and must never be flagged. A mutant is detected when its verdict is claim-violated",
      "or accountant-violated. Exit code 1 if a mutant escapes or a correct run is flagged.",
      "Full: the demo's DP-SGD size (cnn, 1000 MNIST members, 15 epochs, 20000 canaries), 7",
      "mutants and 5 correct seeds (40 s on 2 idle cores, minutes under load). --quick: two",
      "mutants and one correct run on a small MLP (about 20 s). The runs are kept under --out."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit audit mutants --quick",
      "  dpaudit audit mutants --seed 3 --out runs/mutants",
      "  dpaudit audit mutants --json > mutants.json"
    })
public final class MutantsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "Two mutants and one correct run on a small MLP (CI's form).")
  boolean quick;

  @Option(names = "--correct-seeds", paramLabel = "N", description = "Seeds the correct implementation runs with "
      + "(default: 5; 1 with --quick).")
  Integer correctSeeds;

  @Option(names = "--seed", paramLabel = "S", description = "Root seed of the runs (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--out", paramLabel = "DIR", description = "The directory the runs go into (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("runs", "mutants");

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--json", description = "Print the result as one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    int seeds = correctSeeds != null ? correctSeeds : quick ? 1 : 5;
    Checks.check(seeds >= 1, "--correct-seeds must be at least 1; got " + seeds);
    Checks.check(!out.toString().isBlank(), "--out must name a directory");
    PrintWriter err = spec.commandLine().getErr();
    MutationSuite.Result r = MutationSuite.run(new MutationSuite.Config(quick, seeds, out, seed, device), line -> {
      err.println(line);
      err.flush();
    });
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(Json.write(r));
    } else {
      o.printf(Locale.ROOT, "%-17s %-8s %9s %9s %11s %11s  %-20s %s%n", "mutant", "seed", "true eps", "claimed",
          "accountant", "empirical", "verdict", "detected");
      for (MutationSuite.Row row : r.rows()) {
        o.printf(Locale.ROOT, "%-17s %-8d %9s %9s %11s %11s  %-20s %s%n", row.mutant(), row.seed(),
            row.trueEpsilon() != null ? eps(row.trueEpsilon()) : shortNote(row.trueNote()), eps(row.claimedEpsilon()),
            eps(row.accountantEpsilon()), ">= " + eps(row.empiricalEpsilon()), row.verdict(),
            row.mutant().equals("correct") ? (row.detected() ? "FLAGGED (false alarm)" : "no (correct)")
                : row.detected() ? "yes" : "NO (escaped)");
      }
      o.println(r.passed() ? "every mutant was detected and no correct run was flagged"
          : "the audit missed a mutant or flagged a correct run");
      o.println("runs and mutants.json in " + out);
    }
    o.flush();
    return r.passed() ? ExitCodes.OK : ExitCodes.FINDING;
  }

  private static String eps(double e) {
    return Double.isInfinite(e) ? "inf" : String.format(Locale.ROOT, "%.3f", e);
  }

  private static String shortNote(String note) {
    return note == null ? "-" : note.startsWith("inf") ? "inf" : "-";
  }
}
