package org.dpaudit.cli.imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.attacks.imports.ImportConfig;
import org.dpaudit.attacks.imports.ModelImporter;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.run.LoadedRun.DatasetRequestRecord;
import org.dpaudit.trainers.run.RunRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit import}: make a run directory for a model trained elsewhere. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Make a run directory for a model trained elsewhere, so attack, audit, report and gate work on it",
      "exactly as on dpaudit's own runs. Either a TorchScript model (input: a batch of examples shaped as",
      "dpaudit reads the dataset, images in [0, 1]; output: (batch, classes) logits or log-probabilities)",
      "with its member indices, or a scores CSV of its outputs (example,label,member,logit_0.. or p_0..).",
      "Member files hold one training-set index per line. Without --non-members, dpaudit draws as many",
      "examples the model never saw (every training example not listed as a member)."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit import --torchscript model.pt --dataset mnist --members members.txt --out runs/theirs",
      "  dpaudit import --torchscript model.pt --dataset mnist --members m.txt --non-members n.txt \\",
      "      --claimed-epsilon 3 --delta 1e-5 --out runs/theirs",
      "  dpaudit import --scores predictions.csv --dataset mnist --out runs/theirs-scores",
      "  dpaudit attack --run runs/theirs --attack lira --shadow-model mlp --shadow-epochs 30"
    })
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--torchscript", description = "A TorchScript model file (.pt)")
    Path torchscript;

    @Option(names = "--scores", description = "A scores CSV")
    Path scores;
  }

  @Option(names = "--dataset", required = true, description = "mnist, fashion-mnist, cifar10 or csv")
  String dataset;

  @Option(names = "--path", description = "CIFAR-10 directory or CSV file of the dataset")
  String path;

  @Option(names = "--label-column", description = "CSV label column (default: ${DEFAULT-VALUE})")
  String labelColumn = "label";

  @Option(names = "--members", description = "Member indices file (TorchScript imports)")
  Path members;

  @Option(names = "--non-members", description = "Non-member indices file (default: drawn)")
  Path nonMembers;

  @Option(names = "--claimed-epsilon", description = "The epsilon the model's owner claims (default: no claim)")
  Double claimedEpsilon;

  @Option(names = "--delta", description = "Delta of the claim (default: ${DEFAULT-VALUE})")
  double delta = 1e-5;

  @Option(names = "--attacker-pool", description = "Attacker-pool size (default: ${DEFAULT-VALUE})")
  int attackerPool = 10000;

  @Option(names = "--test", description = "Test examples (default: ${DEFAULT-VALUE})")
  int test = 10000;

  @Option(names = "--seed", description = "Seed for drawn non-members, pool and test (default: ${DEFAULT-VALUE})")
  long seed = 0;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--out", required = true, description = "The run directory to create")
  Path out;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    org.dpaudit.core.Checks.nonNegative("--attacker-pool", attackerPool);
    org.dpaudit.core.Checks.nonNegative("--test", test);
    org.dpaudit.core.Checks.openUnit("--delta", delta);
    if (claimedEpsilon != null) {
      org.dpaudit.core.Checks.nonNegativeOrInfinite("--claimed-epsilon", claimedEpsilon);
    }
    var dsr = new DatasetRequestRecord(dataset, path, labelColumn);
    RunRecord run;
    if (source.torchscript != null) {
      if (members == null) {
        throw new ParameterException(spec.commandLine(), "--torchscript needs --members (one index per line)");
      }
      ImportConfig cfg = new ImportConfig("torchscript", dsr, source.torchscript.toString(), members.toString(),
          nonMembers == null ? null : nonMembers.toString(), claimedEpsilon, delta, attackerPool, test, seed);
      run = ModelImporter.importTorchScript(cfg, out, Engines.device(device), m -> {
        err.println(m);
        err.flush();
      });
    } else {
      if (members != null || nonMembers != null) {
        throw new ParameterException(spec.commandLine(), "--scores carries membership itself; drop --members");
      }
      ImportConfig cfg = new ImportConfig("scores", dsr, source.scores.toString(), null, null, claimedEpsilon, delta,
          attackerPool, test, seed);
      run = ModelImporter.importScores(cfg, out, m -> {
        err.println(m);
        err.flush();
      });
    }
    spec.commandLine().getOut().printf("imported %s as run %s: %d members, %d non-members, attacker pool %d%n",
        run.model().architecture(), out, run.dataset().split().members(), run.dataset().split().nonMembers(),
        run.dataset().split().attackerPool());
    return ExitCodes.OK;
  }
}
