package org.dpaudit.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.audit.AuditConfig;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.audit.RunAuditor;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.RandomnessOptions;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.trainers.engine.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpaudit audit --run runs/NAME}: the three epsilons of a run and a verdict, written to
 * {@code audit.json}; and, as subcommands, the bounds as calculators and the auditor's self-test.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Empirical epsilon lower bounds with a stated confidence, and a verdict.",
      "With --run: audit a run directory. Only canaries included by an independent coin decide:",
      "  gradient canaries (train --canary-kind gradient): white box, every released update",
      "    observed; a lower bound valid for every mechanism, a test of the accountant's whole",
      "    trade-off curve, and exact checks of the noise against the ledger;",
      "  mislabeled/random-input canaries: black box, the final model; the same bound and curve test.",
      "Membership attacks on ordinary members (results already in the run; the loss attack is run",
      "when there are neither attacks nor canaries) are estimates: shown, never deciding.",
      "  consistent           evidence within the accountant's proof, which covers the claim",
      "  claim-violated       the canaries show more than the claimed epsilon",
      "  accountant-violated  a check failed, the curve is rejected, or the bound exceeds the",
      "                       accountant: the code does not do what its privacy proof assumes",
      "  claim-unproven       the claim is below what the accountant proves for what ran",
      "  inconclusive         no canaries, or none that could have shown a violation",
      "Writes audit.json; exit code 1 on claim-violated, accountant-violated or claim-unproven.",
      "Without --run: 'bound' and 'one-run' are calculators for reviewers checking numbers",
      "from papers and other tools; 'selftest' checks the auditor on mechanisms of known epsilon."
    },
    subcommands = {BoundCommand.class, OneRunCommand.class, SelftestCommand.class, MutantsCommand.class},
    footer = {
      "",
      "Examples:",
      "  dpaudit audit --run runs/np",
      "  dpaudit audit --run runs/dp2 --attacks loss,lira --confidence 0.99 --seed 1",
      "  dpaudit audit --run runs/dp2 --threshold bonferroni --json",
      "  dpaudit audit bound --tp 600 --fn 400 --fp 50 --tn 950 --delta 1e-5",
      "  dpaudit audit one-run --canaries 1000 --guesses 100 --correct 95 --delta 1e-5",
      "  dpaudit audit selftest"
    })
public final class AuditCommand implements Callable<Integer> {
  /** How an attack's threshold is chosen and paid for. */
  public enum Threshold {
    SPLIT(ThresholdSelection.SPLIT),
    BONFERRONI(ThresholdSelection.BONFERRONI);

    final ThresholdSelection selection;

    Threshold(ThresholdSelection selection) {
      this.selection = selection;
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", description = "The run directory to audit.")
  Path run;

  @Option(names = "--confidence", paramLabel = "C",
      description = "Confidence of the empirical epsilon, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double confidence = BoundParameters.DEFAULT_CONFIDENCE;

  @Option(names = "--attacks", split = ",", paramLabel = "A",
      description = "Attacks to bound: loss, shadow, lira, rmia (default: every one with results in the run).")
  List<AttackKind> attacks = List.of();

  @Option(names = "--threshold", paramLabel = "T", description = "split (default: choose each attack's threshold on "
      + "a random half, bound on the other) or bonferroni (every threshold, Bonferroni-corrected).")
  Threshold threshold = Threshold.SPLIT;

  @Option(names = "--json", description = "Print audit.json instead of the summary.")
  boolean json;

  @Option(names = "--device", description = "auto, cpu or gpu, for scoring canaries (default: ${DEFAULT-VALUE}).")
  DeviceChoice device = DeviceChoice.AUTO;

  @Mixin RandomnessOptions randomness;

  @Override
  public Integer call() {
    if (run == null) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    Checks.openUnit("--confidence", confidence);
    if (attacks.contains(AttackKind.INVERSION)) {
      throw new ParameterException(spec.commandLine(), "--attacks takes membership attacks (loss, shadow, lira, rmia); "
          + "inversion is not one");
    }
    var err = spec.commandLine().getErr();
    AuditConfig config = new AuditConfig(confidence, attacks, threshold.selection);
    AuditRecord rec = RunAuditor.run(run, new RunAuditor.Options(config, randomness.seedOrNull(), device),
        m -> {
          err.println(m);
          err.flush();
        });
    var out = spec.commandLine().getOut();
    out.print(json ? Json.write(rec) : AuditSummary.text(rec, run.resolve(RunLayout.AUDIT_JSON)));
    out.flush();
    return rec.verdict().isFinding() ? ExitCodes.FINDING : ExitCodes.OK;
  }
}
