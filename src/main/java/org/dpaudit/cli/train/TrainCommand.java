package org.dpaudit.cli.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.RandomnessOptions;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.io.Json;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.nn.InputStandardization;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.dpaudit.trainers.schemes.Schemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit train}: train a model with a DP scheme (or without) into a run directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a model on the target-member split of a dataset with a DP scheme and write a run directory:",
      "run.json (config, dataset card, provenance, ledger, claimed and accountant epsilon, metrics) and",
      "model/ (DJL parameters). Poisson sampling by default; the noisy clipped sum is divided by the",
      "expected batch size. With --epsilon the noise multiplier is calibrated up front for the planned",
      "steps; with --noise-multiplier the resulting epsilon is reported."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit train --scheme dpsgd --model cnn --dataset mnist --members 48000 --epsilon 2 --delta 1e-5 \\",
      "      --clip 1.0 --batch-size 256 --epochs 10 --lr 0.5 --seed 1 --out runs/mnist-dpsgd-eps2",
      "  dpaudit train --scheme dpsgd --model cnn --dataset mnist --members 59000 --non-members 1000 --attacker-pool 0 \\",
      "      --epsilon 2 --calibrate-with pld --batch-size 256 --epochs 15 --lr 0.5 --out runs/mnist-pld-eps2",
      "      (sigma solved with PLD: 0.842, where RDP needs 0.902 for the same epsilon 2)",
      "  dpaudit train ... --model cnn --normalize mnist ...   (inputs standardised as in Opacus' MNIST example)",
      "  dpaudit train ... --ema-decay 0.998 ...   (release the moving average of the iterates: no privacy cost)",
      "  dpaudit train ... --lr 0.5 --lr-schedule step:0.8:0.1 ...   (lr 0.5, then 0.05 for the last fifth of the steps)",
      "  dpaudit train --scheme nonprivate --model mlp --dataset mnist --members 1000 --epochs 30 --out runs/np",
      "  dpaudit train --scheme dpsgd --noise-multiplier 1.1 --dataset csv --path t.csv --model mlp --out runs/t",
      "  dpaudit train --scheme dpsgd --model mlp --noise-multiplier 4 --until-epsilon 2 --out runs/sigma4-eps2",
      "      (as many steps as epsilon 2 allows at sigma 4: seed 003's Figure 4, accuracy against sigma at one epsilon)",
      "  dpaudit train --scheme enadpp --model mlp --epsilon 1 --batch-size 600 --lr 0.1 --out runs/enadpp-eps1",
      "  dpaudit train --scheme appdl --model mlp --epsilon 1 --scheme-option decay-rate=0.2 --out runs/appdl",
      "  dpaudit train --scheme icgc-dp --model cnn --dataset fashion-mnist --epsilon 2 --out runs/icgc-eps2",
      "  dpaudit train --scheme collab-dp --workers 4 --model pca60-mlp1000 --noise-multiplier 4 --out runs/collab",
      "  dpaudit train --scheme neuraldp --model mlp1000 --epsilon 2 --scheme-option layer=2 --out runs/neuraldp",
      "  dpaudit train ... --out runs/long --resume      (continue a killed run from its checkpoint)",
      "  dpaudit train ... --out runs/long --force       (replace the run in runs/long)",
      "  dpaudit train --scheme dpsgd --model mlp --epsilon 2 --delta 1e-5 --out runs/j --json > run.json",
      "      (--json: run.json's record on standard output, the summary on standard error)",
      "",
      "Scheme options (--scheme-option KEY=VALUE, defaults in brackets):",
      "  appdl: decay=exp|time (exp), decay-rate=K (0.1), decay-every=STEPS (one epoch)",
      "  adppl, enadpp: clip-l1=C (300), lrp-rule=epsilon|zplus (epsilon), lrp-stabiliser=EPS (0.01)",
      "  adppl-corrected, enadpp-corrected: clip-l1=C (300)",
      "  icgc-dp: min-threshold=C (0.01), fusion-models=M (3)",
      "  icgc-dp-corrected: those, initial-threshold=C (--clip), threshold-lr=ETA (0.2), quantile=G (0.5),",
      "      count-noise=SIGMA_B (expected batch / 20)",
      "  collab-dp: workers=K (4), pca-fit=training-set|public (training-set), noise-draw=per-example|summed",
      "      (per-example); collab-dp-corrected: workers, pca-fit=public",
      "  neuraldp: layer=I (the first hidden activation), activation-clip=C (1); the noise multiplier is",
      "      the activation's; neuraldp-corrected: those and activation-noise=SIGMA_A (1), the noise",
      "      multiplier being DP-SGD's on the gradients"
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scheme", description = "nonprivate, dpsgd, psgd, appdl, adppl, enadpp, icgc-dp, collab-dp, "
      + "neuraldp, or adppl, enadpp, icgc-dp, collab-dp or neuraldp with -corrected (default: ${DEFAULT-VALUE}); see "
      + "docs/schemes.md")
  String scheme = Schemes.DPSGD.name();

  @Option(names = "--model", description = "mlp, mlp1000, cnn, cnn-cifar, or pca<k>-<mlp model> such as "
      + "pca60-mlp1000 (default: ${DEFAULT-VALUE})")
  String model = "cnn";

  @Option(names = "--normalize", description = "none or mnist: standardise the inputs with MNIST's published "
      + "mean and std, (x - 0.1307) / 0.3081, as a fixed first layer of the model (recorded as model "
      + "norm-mnist-<model>, so attacks and audits loading it apply it too; no privacy cost) (default: "
      + "${DEFAULT-VALUE})")
  String normalize = "none";

  @Option(names = "--dataset", description = "mnist, fashion-mnist, cifar10 or csv (default: ${DEFAULT-VALUE})")
  String dataset = "mnist";

  @Option(names = "--path", description = "CIFAR-10 batches directory or CSV file")
  String path;

  @Option(names = "--label-column", description = "CSV label column (default: ${DEFAULT-VALUE})")
  String labelColumn = "label";

  @Option(names = "--members", description = "Target members to train on (default: ${DEFAULT-VALUE})")
  int members = 1000;

  @Option(names = "--non-members", description = "Held-out non-members for attacks (default: ${DEFAULT-VALUE})")
  int nonMembers = 1000;

  @Option(names = "--attacker-pool", description = "Examples for shadow models (default: ${DEFAULT-VALUE})")
  int attackerPool = 10000;

  @Option(names = "--test", description = "Test examples for utility (default: ${DEFAULT-VALUE})")
  int test = 10000;

  @Option(names = "--validation", description = "Measure the \"test\" accuracy on --test examples of the "
      + "training partition outside the members, non-members and attacker pool (a validation split, for choosing "
      + "a recipe without looking at the test set)")
  boolean validation;

  @Option(names = "--split-seed", description = "Seed of the membership split (default: ${DEFAULT-VALUE})")
  long splitSeed = 0;

  @Option(names = {"--epsilon", "--target-epsilon"}, description = "Target epsilon: calibrate the noise multiplier "
      + "for it (--target-epsilon: Opacus' name)")
  Double epsilon;

  @Option(names = "--noise-multiplier", description = "Noise multiplier sigma (instead of --epsilon)")
  Double noiseMultiplier;

  @Option(names = "--until-epsilon", description = "Train until a budget instead of for --epochs: at the given "
      + "--noise-multiplier, take the most steps whose claimed epsilon (RDP, at --delta) stays at most this; one more "
      + "step would exceed it. The run claims the exact epsilon of its steps; run.json records the target and the "
      + "steps. Schemes whose claim is one multiplier's Gaussian steps (dpsgd, psgd, icgc-dp, collab-dp, neuraldp "
      + "and their -corrected forms)")
  Double untilEpsilon;

  @Option(names = "--delta", description = "Delta the claim and the accountant epsilon are stated at (default: 1e-5 "
      + "for a private scheme, said on standard error when used; state it, e.g. 1/N or less)")
  Double delta;

  @Option(names = "--calibrate-with", paramLabel = "rdp|pld", converter = CalibrationAccountantConverter.class,
      description = "The accountant --epsilon is solved with: rdp (the moments accountant's modern form) or pld (the "
          + "tightest dpaudit proves: less noise for the same proven epsilon; about 14 PLD compositions up front) "
          + "(default: rdp); run.json records which")
  AccountantKind calibrateWith = AccountantKind.RDP;

  @Option(names = {"--clip", "--max-grad-norm"}, description = "Per-example L2 clipping norm C (--max-grad-norm: "
      + "Opacus' and TF Privacy's name) (default: 1.0; collab-dp: 4, its paper's); "
      + "the L1 schemes (adppl, enadpp) take --scheme-option clip-l1=C instead")
  Double clip;

  @Option(names = "--batch-size", description = "Expected batch size; q = batch / training examples "
      + "(default: ${DEFAULT-VALUE})")
  int batchSize = 256;

  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE})")
  int epochs = 10;

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE})")
  double lr = 0.5;

  @Option(names = "--optimizer", description = "sgd or adam (default: ${DEFAULT-VALUE})")
  OptimizerKind optimizer = OptimizerKind.SGD;

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE})")
  double momentum = 0;

  @Option(names = "--lr-schedule", paramLabel = "constant|cosine|linear|step:F:M", converter = LrScheduleConverter.class,
      description = "The learning rate over training: constant, cosine (annealed to 0), linear (decayed to 0) or "
      + "step:F:M (after the fraction F of the steps, the rate times M; e.g. step:0.8:0.1) (default: ${DEFAULT-VALUE})")
  LrSchedule lrSchedule = LrSchedule.CONSTANT;

  @Option(names = "--ema-decay", paramLabel = "D", description = "Evaluate and release an exponential moving "
      + "average of the parameters with decay D in (0, 1) (e.g. 0.998: about the last 500 steps) instead of the "
      + "last iterate; post-processing of the noisy iterates, so the accountant is unchanged (default: off)")
  Double emaDecay;

  @Option(names = "--sampler", description = "poisson or shuffle (default: ${DEFAULT-VALUE}); with shuffle, "
      + "run.json says the epsilon assumes Poisson sampling")
  SamplerKind sampler = SamplerKind.POISSON;

  @Option(names = "--scheme-option", paramLabel = "KEY=VALUE", description = "A scheme's own hyperparameter "
      + "(repeatable; the schemes' options and defaults are listed below)")
  Map<String, String> schemeOptions = new LinkedHashMap<>();

  @Option(names = "--workers", description = "collab-dp: K workers, each owning a disjoint partition (default: 4, "
      + "the paper's; the same as --scheme-option workers=K)")
  Integer workers;

  @Option(names = "--canaries", description = "Insert this many canaries, each included with probability 1/2, "
      + "for a one-run audit (default: ${DEFAULT-VALUE}). Gradient canaries are cheap: use thousands (e.g. 20000)")
  int canaries = 0;

  @Option(names = "--canary-kind", description = "gradient: white-box, a synthetic gradient per canary observed in "
      + "every released update (private schemes; the strong audit); mislabeled or random-input: black-box "
      + "examples judged on the final model (default: ${DEFAULT-VALUE})", converter = CanaryKindConverter.class)
  CanaryKind canaryKind = CanaryKind.MISLABELED;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--conv-grad", description = "Per-example conv gradients: auto, grouped, unfold, ghost or direct (dpaudit's native CPU kernel) "
      + "(default: ${DEFAULT-VALUE})")
  ConvGradMethod convGrad = ConvGradMethod.AUTO;

  @Option(names = "--checkpoint-every", description = "Checkpoint every N steps; 0 = each epoch (default: ${DEFAULT-VALUE})")
  long checkpointEvery = 0;

  @Option(names = "--resume", description = "Continue the run in --out from its checkpoint; only with the options, "
      + "randomness and canaries it was started with (a finished run is not resumed)")
  boolean resume;

  @Option(names = "--force", description = "Replace an existing run in --out whole (its model, attacks, audit, gate "
      + "and report go), once every option is checked")
  boolean force;

  @Mixin RandomnessOptions randomness;

  @Option(names = "--json", description = "Print the run's record (run.json) on standard output when training ends; "
      + "the summary and progress go to standard error")
  boolean json;

  @Option(names = "--out", required = true, description = "The run directory: a new (or empty) directory, or an "
      + "existing run with --resume or --force")
  Path out;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    double delta = this.delta != null ? this.delta : DefaultDelta.VALUE;
    check(delta);
    if (workers != null) {
      if (!Schemes.entry(scheme).options().contains("workers")) {
        throw new ParameterException(spec.commandLine(), "--workers is an option of collab-dp and collab-dp-corrected");
      }
      schemeOptions.put("workers", String.valueOf(workers));
    }
    double clip = this.clip != null ? this.clip : Schemes.entry(scheme).defaultClipNorm();
    TrainingConfig cfg = new TrainingConfig(
        InputStandardization.modelName(model, normalize),
        new DataConfig(dataset, path, labelColumn, new SplitSpec(members, nonMembers, attackerPool, test, splitSeed),
            validation ? Boolean.TRUE : null),
        new OptimConfig(epochs, batchSize, optimizer, lr, momentum, lrSchedule, null, emaDecay),
        new PrivacyConfig(scheme, clip, Schemes.isPrivate(scheme) ? noiseMultiplier : null,
            Schemes.isPrivate(scheme) ? epsilon : null, delta, sampler, schemeOptions, calibrateWith, untilEpsilon),
        convGrad, checkpointEvery);
    TrainRequest req = new TrainRequest(cfg, out, device, randomness.seedOrNull(), canaries, canaryKind, resume, force);
    RunRecord run = TrainingRun.execute(req, new ProgressPrinter(err, cfg.optim().epochs()), m -> {
      err.println(m);
      err.flush();
    });
    // after the work, beside the summary: a failed command keeps its one line on standard error
    DefaultDelta.announce(this.delta, Schemes.isPrivate(scheme), err);
    WeakDelta.warn(delta, run.dataset(), Schemes.isPrivate(scheme), err);
    if (json) {
      new RunSummary(err).print(run, out);
      spec.commandLine().getOut().print(Json.write(run));
      spec.commandLine().getOut().flush();
    } else {
      new RunSummary(spec.commandLine().getOut()).print(run, out);
    }
    return ExitCodes.OK;
  }

  /** --until-epsilon's partners, each refusal one line. */
  private void checkUntilEpsilon() {
    if (untilEpsilon == null) {
      return;
    }
    Checks.positive("--until-epsilon", untilEpsilon);
    String refused = null;
    if (Schemes.entry(scheme).claim() != Schemes.ClaimBasis.POISSON_GAUSSIAN) {
      refused = "--until-epsilon is for schemes whose claim is one noise multiplier's Gaussian steps (dpsgd, psgd, "
          + "icgc-dp, collab-dp, neuraldp and their -corrected forms); " + scheme + " accounts its own way: give "
          + "--epochs";
    } else if (epsilon != null) {
      refused = "--until-epsilon trains at a given --noise-multiplier; drop --epsilon (which calibrates the noise "
          + "for a fixed number of epochs)";
    } else if (noiseMultiplier == null) {
      refused = "--until-epsilon needs --noise-multiplier: the budget decides the steps at a given sigma";
    } else if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
      refused = "--until-epsilon decides how long the run trains; drop --epochs";
    }
    if (refused != null) {
      throw new ParameterException(spec.commandLine(), refused);
    }
  }

  /**
   * Every option on its own and together, before anything is loaded: each impossible value is one
   * line naming the option, not an error from deep inside (e.g. "steps must be at least 1" for
   * {@code --members 0}) or a run that silently did something else ({@code --batch-size} above the
   * training set's size trained at q = 1).
   */
  private void check(double delta) {
    if (out.toString().isBlank()) {
      throw new ParameterException(spec.commandLine(), "--out must be a non-empty path (a new directory or an "
          + "existing run)");
    }
    if (!Schemes.NAMES.contains(scheme)) {
      throw new ParameterException(spec.commandLine(), "unknown scheme '" + scheme + "'; choose one of "
          + String.join(", ", Schemes.NAMES));
    }
    if (!InputStandardization.CHOICES.contains(normalize)) {
      throw new ParameterException(spec.commandLine(), "--normalize must be one of "
          + String.join(", ", InputStandardization.CHOICES) + "; got " + normalize);
    }
    boolean nonPrivate = !Schemes.isPrivate(scheme);
    if (nonPrivate && (epsilon != null || noiseMultiplier != null)) {
      throw new ParameterException(spec.commandLine(), "--scheme " + scheme + " adds no noise and claims no epsilon; "
          + "drop " + (epsilon != null ? "--epsilon" : "--noise-multiplier") + " (or choose a private scheme)");
    }
    if (!nonPrivate && epsilon == null && noiseMultiplier == null) {
      throw new ParameterException(spec.commandLine(), "scheme " + scheme + " needs --epsilon or --noise-multiplier");
    }
    if (epsilon != null && noiseMultiplier != null) {
      throw new ParameterException(spec.commandLine(), "give --epsilon (to calibrate the noise) or "
          + "--noise-multiplier, not both");
    }
    if (epsilon != null) {
      Checks.positive("--epsilon", epsilon);
    }
    checkUntilEpsilon();
    if (noiseMultiplier != null) {
      Checks.nonNegative("--noise-multiplier", noiseMultiplier);
    }
    Checks.openUnit("--delta", delta);
    if (clip != null) {
      Checks.positive("--clip", clip);
    }
    Checks.positive("--members", members);
    Checks.nonNegative("--non-members", nonMembers);
    Checks.nonNegative("--attacker-pool", attackerPool);
    Checks.positive("--test", test);
    Checks.nonNegative("--canaries", canaries);
    Checks.positive("--batch-size", batchSize);
    Checks.positive("--epochs", epochs);
    Checks.positive("--lr", lr);
    Checks.check(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1); got " + momentum);
    Checks.check(emaDecay == null || emaDecay > 0 && emaDecay < 1, "--ema-decay must be in (0, 1); got " + emaDecay);
    Checks.check(checkpointEvery >= 0, "--checkpoint-every must be at least 0; got " + checkpointEvery);
    if (workers != null) {
      Checks.positive("--workers", workers);
    }
    long publicSize = (long) members + canaries / 2;
    if (batchSize > publicSize) {
      throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + " is more than the " + publicSize
          + " examples trained on (--members" + (canaries > 0 ? " plus half the --canaries" : "") + "): the sampling "
          + "rate q = batch size / examples must be at most 1");
    }
    if (resume && force) {
      throw new ParameterException(spec.commandLine(), "--resume continues a run and --force replaces it; give one "
          + "of them");
    }
  }
}
