package org.dpaudit.cli.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.train.CalibrationAccountantConverter;
import org.dpaudit.cli.train.LrScheduleConverter;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.bench.TimeToAccuracy;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.nn.InputStandardization;
import org.dpaudit.trainers.optim.LrSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit bench time-to-accuracy}. */
@Command(name = "time-to-accuracy", mixinStandardHelpOptions = true,
    description = {
      "Train the MNIST CNN with DP-SGD at epsilon 2 (delta 1e-5, batch 256, 15 epochs, 59,000 members,",
      "10,000 test images) through dpaudit's own train path, as Opacus' peer run on this kind of machine",
      "was trained, and print the test accuracy after each epoch with the wall time since the JVM started,",
      "the total wall time and the seconds per epoch, beside Opacus' figures",
      "(shared/research/peer-baseline.md, 1d: 97.43%% in 385 s of training). Inputs are standardised",
      "with MNIST's published mean and std as Opacus' run's were (train --normalize mnist), unless",
      "--normalize none. By default the clipping norm is 0.25 at learning rate 2 (Opacus: 1 at 0.5; the",
      "same step, lr x clip = 0.5, for a clipped gradient) and the rate is halved for the last fifth of",
      "the steps (Opacus: constant), chosen on a validation split (docs/benchmarks.md, section 2);",
      "--clip 1 --lr 0.5 --lr-schedule constant is Opacus' own. Every difference from Opacus' recipe is",
      "printed. Takes minutes; state the machine's load (uptime) with the figures."
    },
    footer = {"", "Examples:", "  dpaudit bench time-to-accuracy --seed 1",
        "  dpaudit bench time-to-accuracy --calibrate-with rdp --epochs 15 --json --out runs/tta-rdp",
        "  dpaudit bench time-to-accuracy --normalize none --seed 1   (pixels in [0, 1], no standardisation)",
        "  dpaudit bench time-to-accuracy --clip 1 --lr 0.5 --lr-schedule constant --seed 1",
        "      (Opacus' clipping norm, learning rate and schedule)",
        "  dpaudit bench time-to-accuracy --validation --lr-schedule step:0.9:0.2 --seed 1",
        "      (the rate times 0.2 for the last tenth of the steps)",
        "  dpaudit bench time-to-accuracy --validation --lr 0.75 --ema-decay 0.998 --seed 1",
        "  dpaudit bench time-to-accuracy --validation --momentum 0.9 --lr 0.05 --seed 1",
        "      (a candidate setting, judged on 10,000 held-out training images, never on the test set)"})
public final class TimeToAccuracyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}, Opacus' run)")
  int epochs = 15;

  @Option(names = "--epsilon", description = "Target epsilon at delta 1e-5 (default: ${DEFAULT-VALUE})")
  double epsilon = 2;

  @Option(names = "--calibrate-with", paramLabel = "rdp|pld", converter = CalibrationAccountantConverter.class,
      description = "The accountant the target is solved with (default: pld; Opacus used rdp)")
  AccountantKind calibrateWith = AccountantKind.PLD;

  @Option(names = "--normalize", paramLabel = "mnist|none", description = "Input standardisation, as train's "
      + "--normalize (default: ${DEFAULT-VALUE}, as Opacus' run)")
  String normalize = "mnist";

  @Option(names = "--lr-schedule", paramLabel = "constant|cosine|linear|step:F:M", converter = LrScheduleConverter.class,
      description = "The learning rate's schedule, as train's --lr-schedule (step:0.8:0.1: the rate times 0.1 "
      + "after four fifths of the steps; default: ${DEFAULT-VALUE}, the rate halved for the last fifth of the steps; "
      + "Opacus' run's: constant)")
  LrSchedule lrSchedule = LrSchedule.step(0.8, 0.5);

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}; Opacus' run's: 0.5)")
  double lr = 2;

  @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum in [0, 1), as train's --momentum "
      + "(PyTorch's heavy-ball form: the step is lr times the velocity, so lr / (1 - M) is comparable to "
      + "a plain lr; default: ${DEFAULT-VALUE}, Opacus' run's)")
  double momentum = 0;

  @Option(names = "--clip", description = "Clipping norm (default: ${DEFAULT-VALUE}; Opacus' run's: 1)")
  double clip = 0.25;

  @Option(names = "--ema-decay", paramLabel = "D", description = "Evaluate and release the exponential moving "
      + "average of the iterates with decay D, as train's --ema-decay (default: off, Opacus' run's last iterate)")
  Double emaDecay;

  @Option(names = "--validation", description = "Train on 49,000 members and measure on 10,000 other training "
      + "images instead of the test set (for choosing a recipe without looking at the test set)")
  boolean validation;

  @Option(names = "--seed", description = "Seeded randomness (default: secure, unseeded)")
  Long seed;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--out", description = "The run directory to write, replaced if it exists (default: "
      + "${DEFAULT-VALUE})")
  Path out = Path.of("runs", "bench-time-to-accuracy");

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (epochs < 1 || !(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(spec.commandLine(), "--epochs must be at least 1 and --epsilon positive and finite");
    }
    if (!(lr > 0 && lr < Double.POSITIVE_INFINITY) || !(clip > 0 && clip < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(spec.commandLine(), "--lr and --clip must be positive and finite");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new ParameterException(spec.commandLine(), "--momentum must be in [0, 1); got " + momentum);
    }
    if (emaDecay != null && !(emaDecay > 0 && emaDecay < 1)) {
      throw new ParameterException(spec.commandLine(), "--ema-decay must be in (0, 1); got " + emaDecay);
    }
    if (!InputStandardization.CHOICES.contains(normalize)) {
      throw new ParameterException(spec.commandLine(), "--normalize must be one of "
          + String.join(", ", InputStandardization.CHOICES) + "; got " + normalize);
    }
    var err = spec.commandLine().getErr();
    var s = new TimeToAccuracy.Settings(epochs, epsilon, calibrateWith, normalize, lrSchedule, lr, momentum, clip, emaDecay,
        validation, seed, out, device);
    err.println("running: " + TimeToAccuracy.command(s));
    TimeToAccuracy.Result r = TimeToAccuracy.run(s, line -> {
      err.println(line);
      err.flush();
    });
    var o = spec.commandLine().getOut();
    if (json) {
      o.print(Json.write(r));
      o.flush();
      return ExitCodes.OK;
    }
    o.printf("MNIST %s (%s), learning rate %s %s%s, clip %s, DP-SGD, sigma %.4f (solved with %s), accountant epsilon %.3f at delta 1e-5%n",
        r.model(), "none".equals(normalize) ? "pixels in [0, 1], not standardised"
            : "inputs standardised with MNIST's published mean 0.1307 and std 0.3081", lr,
        lrSchedule.describe(),
        momentum == 0 ? "" : ", momentum " + momentum, clip, r.noiseMultiplier(), r.calibratedWith(),
        r.accountantEpsilon());
    o.printf("  differences from Opacus' recipe:%s%n", r.differencesFromOpacus().isEmpty() ? " none" : "");
    r.differencesFromOpacus().forEach(d -> o.printf("    - %s%n", d));
    o.printf("  %-6s %-22s %-22s%n", "epoch", validation ? "dpaudit: valid., time" : "dpaudit: test, time",
        "Opacus 1.4: test, time");
    for (TimeToAccuracy.EpochPoint p : r.epochs()) {
      String opacus = r.opacus().stream().filter(q -> q.epoch() == p.epoch()).findFirst()
          .map(q -> String.format("%.2f%%, %.0f s", 100 * q.accuracy(), q.seconds())).orElse("");
      o.printf("  %-6d %-22s %-22s%n", p.epoch(), String.format("%.2f%%, %.0f s", 100 * p.accuracy(), p.seconds()),
          opacus);
    }
    o.printf("  final %s accuracy %.2f%% in %.0f s of wall time (JVM start to the written run; %.1f s to start),%n",
        validation ? "validation" : "test", 100 * r.accuracy(), r.wallSeconds(), r.jvmStartSeconds());
    o.printf("  training loop %.0f s, %.1f s per epoch, median step %.1f ms%n", r.trainingSeconds(),
        r.secondsPerEpoch(), r.medianStepMillis());
    o.flush();
    return ExitCodes.OK;
  }
}
