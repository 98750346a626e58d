package org.dpaudit.cli.attack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.core.artifact.attack.TprAtFpr;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.RandomnessOptions;
import org.dpaudit.cli.SparkOptions;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.spark.SparkJobs;
import org.dpaudit.spark.SparkShadowTrainer;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit attack}: run one attack against a run directory. */
@Command(
    name = "attack",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Attack the model of a run directory and write attacks/<attack>.json (AUC with its interval,",
      "balanced accuracy, TPR at 0.01%%/0.1%%/1%%/10%% FPR, the ROC curve) and attacks/<attack>-scores.csv.",
      "Membership attacks score the run's members against its held-out non-members:",
      "  loss       loss threshold (Yeom et al. 2018); no shadow models",
      "  shadow     shadow models and per-class attack classifiers (Shokri et al. 2017)",
      "  lira       likelihood-ratio attack with N shadow models (Carlini et al. 2022)",
      "  rmia       robust MIA with 1-4 reference models (Zarifzadeh et al. 2024)",
      "  inversion  model inversion (Fredrikson et al. 2015): class reconstructions as PNG",
      "Shadow and reference models are trained with the target's own recipe (scheme, epsilon, epochs) and",
      "kept under RUN/shadows/<attack>/: a later attack with the same recipe reuses them, and a killed attack",
      "run again trains only the missing ones. --shadow-scores DIR uses shadow models you trained yourself",
      "(the same CSV format, one file per model) for lira and rmia, on imported runs and dpaudit's own.",
      "--spark MASTER trains the shadow models as Apache Spark tasks (local[*] or your cluster), one task",
      "per model: the same scores as in this process (--sequential for MLPs, docs/spark.md)."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit attack --run runs/mnist-dpsgd-eps2 --attack loss",
      "  dpaudit attack --run runs/mnist-dpsgd-eps2 --attack lira --shadows 16 --seed 1",
      "  dpaudit attack --run runs/np --attack rmia --shadows 2",
      "  dpaudit attack --run runs/np --attack inversion",
      "  dpaudit attack --run runs/theirs --attack lira --shadow-scores their-shadows/",
      "  dpaudit attack --run runs/np --attack rmia --shadow-scores runs/np/shadows/lira",
      "  dpaudit attack --run runs/np --attack lira --shadows 16 --seed 1 --spark 'local[2]'",
      "  dpaudit attack --run runs/np --attack lira --shadows 64 --spark spark://head:7077 \\",
      "      --spark-conf spark.executor.memory=4g"
    })
public final class AttackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "The run directory to attack")
  Path run;

  @Option(names = "--attack", required = true, description = "loss, shadow, lira, rmia or inversion")
  AttackKind attack;

  @Option(names = "--shadows", description = "Shadow models (shadow: 4, lira: 16) or reference models (rmia: 2)")
  Integer shadows;

  @Option(names = "--population-samples", description = "RMIA population samples (default: ${DEFAULT-VALUE})")
  int populationSamples = 1000;

  @Option(names = "--gamma", description = "RMIA likelihood-ratio threshold (default: ${DEFAULT-VALUE})")
  double gamma = 1.0;

  @Option(names = "--shadow-scores", paramLabel = "DIR",
      description = "lira, rmia: your own shadow models' scores, one CSV per model (docs/own-models.md), instead of "
          + "training shadow models")
  Path shadowScores;

  @Option(names = "--sequential", description = "Train MLP shadow models one PyTorch thread per model, several at "
      + "once, instead of batched (how every other model is trained)")
  boolean sequential;

  @Option(names = "--black-box", description = "Inversion: estimate gradients from queries only")
  boolean blackBox;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Mixin RandomnessOptions randomness;

  @Mixin ShadowRecipeOptions recipe;

  @Mixin SparkOptions spark;

  @Option(names = "--json", description = "Print the attack's record (attacks/<attack>.json) instead of the summary; "
      + "not for inversion.")
  boolean json;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    // Options that contradict each other first (they do not depend on the run), then the run: a
    // missing, busy or broken run is one line before the engine loads or run.json is read.
    if (spark.requested() && (shadowScores != null || attack == AttackKind.LOSS || attack == AttackKind.INVERSION)) {
      throw new ParameterException(spec.commandLine(), "--spark trains shadow models; the " + attack.id() + " attack "
          + (shadowScores != null ? "with --shadow-scores trains none" : "uses none"));
    }
    org.dpaudit.core.io.RunDirectory.requireAvailable(run);
    if (attack == AttackKind.INVERSION) {
      if (json) {
        throw new ParameterException(spec.commandLine(), "--json is for membership attacks; the inversion attack's "
            + "record is " + RunLayout.INVERSION_JSON);
      }
      return new InversionPrinter(spec.commandLine().getOut(), err).run(run, device, randomness.seedOrNull(), blackBox);
    }
    if (shadowScores != null && shadows != null) {
      throw new ParameterException(spec.commandLine(), "--shadows and --shadow-scores do not go together: the number "
          + "of shadow models is the number of files in " + shadowScores);
    }
    int n = shadows != null ? shadows : AttackRunner.attack(attack).defaultShadows();
    if (attack != AttackKind.LOSS && n < 1) {
      throw new ParameterException(spec.commandLine(), "--shadows must be at least 1; got " + n);
    }
    org.dpaudit.core.Checks.positive("--population-samples", populationSamples);
    org.dpaudit.core.Checks.positive("--gamma", gamma);
    var opts = new AttackRunner.Options(attack, n, populationSamples, gamma, !sequential, randomness.seedOrNull(),
        Engines.device(device), shadowScores == null ? recipe.orNull(run) : null, shadowScores);
    java.util.function.Consumer<String> log = m -> {
      err.println(m);
      err.flush();
    };
    AttackRecord rec;
    try (SparkJobs jobs = spark.jobsOrNull(spec.commandLine(), log)) {
      rec = AttackRunner.run(run, opts, jobs == null ? null : new SparkShadowTrainer(jobs), log);
    }
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(org.dpaudit.core.io.Json.write(rec));
      return ExitCodes.OK;
    }
    out.printf("%s attack on %s: AUC %.4f [%.4f, %.4f], balanced accuracy %.4f%n", rec.attack(), rec.target(), rec.auc(),
        rec.aucInterval().get(0), rec.aucInterval().get(1), rec.balancedAccuracy());
    for (TprAtFpr t : rec.tprAtFpr().values()) {
      out.printf("  TPR at FPR %-7s %.4f  [%.4f, %.4f]%n", pct(t.fpr()), t.tpr(), t.tprLower(), t.tprUpper());
    }
    out.printf("  %d members, %d non-members; written to %s%n", rec.members(), rec.nonMembers(),
        run.resolve(RunLayout.attackJson(rec.attack())));
    return ExitCodes.OK;
  }

  static String pct(double f) {
    return java.math.BigDecimal.valueOf(f).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
