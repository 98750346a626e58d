package org.dpaudit.cli.imports;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.attacks.imports.DeclaredTraining;
import org.dpaudit.attacks.imports.ImportConfig;
import org.dpaudit.attacks.imports.ModelImporter;
import org.dpaudit.attacks.target.ModelInput;
import org.dpaudit.attacks.target.Normalization;
import org.dpaudit.attacks.target.OutputKind;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.privacy.SamplingSchedule;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.run.LoadedRun.DatasetRequestRecord;
import org.dpaudit.core.artifact.run.RunRecord;
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
      "exactly as on dpaudit's own runs. Either a TorchScript or ONNX model with its member indices (one",
      "training-set index per line; without --non-members, dpaudit draws as many examples the model never saw),",
      "or a scores CSV of its outputs (example,label,member,logit_0.. or p_0..; or example,member,loss).",
      "The model's input layout is found by trying the dataset's natural ones ([N,C,H,W], [N,H,W], [N,C*H*W]);",
      "its output is read as logits, probabilities or log-probabilities from the values. A scores CSV needs",
      "no --dataset: its rows are then the examples (the loss attack, LiRA/RMIA with --shadow-scores, audit,",
      "report and gate work on it). Declared training parameters (--noise-multiplier with --sampling-rate and",
      "--steps, or --dataset-size, --batch-size and --epochs) give the run the accountant epsilon they imply.",
      "Formats and a PyTorch export script: docs/own-models.md."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit import --torchscript model.pt --dataset mnist --members members.txt --out runs/theirs",
      "  dpaudit import --onnx model.onnx --dataset mnist --members members.txt --input-shape 784 --out runs/onnx",
      "  dpaudit import --torchscript cnn.pt --dataset cifar10 --path DIR --members m.txt \\",
      "      --normalize 0.4914,0.4822,0.4465,0.2470,0.2435,0.2616 --out runs/cifar",
      "  dpaudit import --torchscript model.pt --dataset mnist --members m.txt --noise-multiplier 1.1 \\",
      "      --sampling-rate 0.004 --steps 2000 --delta 1e-5 --out runs/opacus",
      "  dpaudit import --scores predictions.csv --out runs/theirs-scores          # no dataset needed",
      "  dpaudit import --scores predictions.csv --dataset mnist --claimed-epsilon 3 --delta 1e-5 --out runs/checked",
      "  dpaudit import --scores predictions.csv --out runs/s --json    # run.json's record on standard output",
      "  dpaudit attack --run runs/theirs --attack lira --shadow-model mlp --shadow-epochs 30",
      "  dpaudit attack --run runs/theirs-scores --attack lira --shadow-scores my-shadows/"
    })
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--torchscript", paramLabel = "FILE", description = "A TorchScript model file (.pt)")
    Path torchscript;

    @Option(names = "--onnx", paramLabel = "FILE", description = "An ONNX model file (.onnx); black box only")
    Path onnx;

    @Option(names = "--scores", paramLabel = "FILE", description = "A scores CSV")
    Path scores;
  }

  @Option(names = "--dataset", description = "mnist, fashion-mnist, cifar10 or csv (optional for --scores)")
  String dataset;

  @Option(names = "--path", description = "CIFAR-10 directory or CSV file of the dataset")
  String path;

  @Option(names = "--label-column", description = "CSV label column (default: ${DEFAULT-VALUE})")
  String labelColumn = "label";

  @Option(names = "--members", description = "Member indices file (model imports)")
  Path members;

  @Option(names = "--non-members", description = "Non-member indices file (default: drawn)")
  Path nonMembers;

  @Option(names = "--input-shape", paramLabel = "DIMS",
      description = "One example's shape as the model takes it, e.g. 784 or 1,28,28 (default: probed)")
  String inputShape;

  @Option(names = "--normalize", paramLabel = "MEAN,STD",
      description = "Standardise inputs per channel: MEAN,STD or C means then C stds (default: none, pixels in [0, 1])")
  String normalize;

  @Option(names = "--output", paramLabel = "KIND",
      description = "logits, probabilities or log-probabilities (default: told from the values)")
  String output;

  @Option(names = "--claimed-epsilon", description = "The epsilon the model's owner claims (default: no claim, or "
      + "DP-SGD's own for declared parameters)")
  Double claimedEpsilon;

  @Option(names = "--delta", description = "Delta of the claim and the accountant (default: 1e-5, said on standard "
      + "error when a claim or declared training uses it; state the delta the model's owner claims)")
  Double delta;

  @Option(names = "--noise-multiplier", paramLabel = "SIGMA", description = "Declared DP-SGD noise multiplier")
  Double noiseMultiplier;

  @Option(names = {"--sampling-rate", "--sample-rate"}, paramLabel = "Q", description = "Declared sampling rate "
      + "(with --steps; --sample-rate: Opacus' name)")
  Double samplingRate;

  @Option(names = "--steps", paramLabel = "T", description = "Declared optimizer steps (with --sampling-rate)")
  Long steps;

  @Option(names = "--dataset-size", paramLabel = "N", description = "Declared training set size (with --batch-size, --epochs)")
  Long datasetSize;

  @Option(names = "--batch-size", paramLabel = "B", description = "Declared expected batch size")
  Long batchSize;

  @Option(names = "--epochs", paramLabel = "E", description = "Declared epochs")
  Double epochs;

  @Option(names = "--attacker-pool", description = "Attacker-pool size (default: ${DEFAULT-VALUE})")
  int attackerPool = 10000;

  @Option(names = "--test", description = "Test examples (default: ${DEFAULT-VALUE})")
  int test = 10000;

  @Option(names = "--split-seed", description = "Seed of the membership split: the drawn non-members, attacker "
      + "pool and test examples (default: ${DEFAULT-VALUE}; as train's --split-seed)")
  long seed = 0;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--out", required = true, description = "The run directory to create")
  Path out;

  @Option(names = "--json", description = "Print the imported run's record (run.json) on standard output instead of "
      + "the summary (progress stays on standard error)")
  boolean json;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    boolean claims = claimedEpsilon != null || noiseMultiplier != null;
    double delta = this.delta != null ? this.delta : org.dpaudit.cli.train.DefaultDelta.VALUE;
    org.dpaudit.core.Checks.nonNegative("--attacker-pool", attackerPool);
    org.dpaudit.core.Checks.nonNegative("--test", test);
    org.dpaudit.core.Checks.openUnit("--delta", delta);
    if (claimedEpsilon != null) {
      org.dpaudit.core.Checks.nonNegativeOrInfinite("--claimed-epsilon", claimedEpsilon);
    }
    DeclaredTraining training = training();
    RunRecord run;
    if (source.scores == null) {
      if (dataset == null) {
        throw usage("a model import needs --dataset (the data the model was trained on)");
      }
      if (members == null) {
        throw usage("a model import needs --members (one training-set index per line)");
      }
      String kind = source.torchscript != null ? "torchscript" : "onnx";
      Path file = source.torchscript != null ? source.torchscript : source.onnx;
      ModelInput input = new ModelInput(inputShape == null ? null : ModelInput.parseShape(inputShape),
          normalize == null ? null : Normalization.parse(normalize), output == null ? null : OutputKind.of(output));
      ImportConfig cfg = new ImportConfig(kind, request(), file.toString(), members.toString(),
          nonMembers == null ? null : nonMembers.toString(), claimedEpsilon, delta, attackerPool, test, seed, input,
          training);
      run = ModelImporter.importModel(cfg, out, Engines.device(device), m -> {
        err.println(m);
        err.flush();
      });
    } else {
      if (members != null || nonMembers != null) {
        throw usage("--scores carries membership itself; drop --members");
      }
      if (inputShape != null || normalize != null || output != null) {
        throw usage("--input-shape, --normalize and --output are for model imports; a scores CSV says what its "
            + "columns are");
      }
      ImportConfig cfg = new ImportConfig("scores", dataset == null ? null : request(), source.scores.toString(), null,
          null, claimedEpsilon, delta, attackerPool, test, seed, null, training);
      run = ModelImporter.importScores(cfg, out, m -> {
        err.println(m);
        err.flush();
      });
    }
    // after the work: a failed import keeps its one line on standard error
    org.dpaudit.cli.train.DefaultDelta.announce(this.delta, claims, err);
    org.dpaudit.cli.train.WeakDelta.warn(delta, run.dataset(), claims, err);
    if (json) {
      spec.commandLine().getOut().print(org.dpaudit.core.io.Json.write(run));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    var split = run.dataset().split();
    spec.commandLine().getOut().printf("imported %s as run %s: %d members, %d non-members, attacker pool %d%n",
        run.model().architecture(), out, split.members(), split.nonMembers(), split.attackerPool());
    var p = run.privacy();
    if (p.accountantEpsilon() != null) {
      spec.commandLine().getOut().printf("  claimed epsilon %s, accountant epsilon %s at delta %s%n",
          num(p.claimedEpsilon()), num(p.accountantEpsilon().epsilon()), p.delta());
    }
    return ExitCodes.OK;
  }

  private static String num(double v) {
    return v == Double.POSITIVE_INFINITY ? "inf" : String.format("%.5g", v);
  }

  private DatasetRequestRecord request() {
    return new DatasetRequestRecord(dataset, path, labelColumn);
  }

  /** The declared training parameters, or null; the same two forms as {@code dpaudit accountant}. */
  private DeclaredTraining training() {
    boolean direct = samplingRate != null || steps != null;
    boolean derived = datasetSize != null || batchSize != null || epochs != null;
    if (noiseMultiplier == null) {
      if (direct || derived) {
        throw usage("--sampling-rate, --steps, --dataset-size, --batch-size and --epochs declare DP-SGD training; "
            + "give --noise-multiplier with them");
      }
      return null;
    }
    if (direct && derived) {
      throw usage("give either --sampling-rate and --steps, or --dataset-size, --batch-size and --epochs, not both");
    }
    if (direct) {
      if (samplingRate == null || steps == null) {
        throw usage("--sampling-rate and --steps go together; give both");
      }
      return new DeclaredTraining(noiseMultiplier, SamplingSchedule.of(samplingRate, steps));
    }
    if (datasetSize == null || batchSize == null || epochs == null) {
      throw usage("--noise-multiplier needs --sampling-rate and --steps, or --dataset-size, --batch-size and --epochs");
    }
    return new DeclaredTraining(noiseMultiplier, SamplingSchedule.fromEpochs(datasetSize, batchSize, epochs));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
