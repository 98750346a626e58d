package org.dpaudit.cli.bench;

import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.bench.DpStepBenchmark;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.nn.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit bench dp-step}. */
@Command(name = "dp-step", mixinStandardHelpOptions = true,
    description = {
      "Time warmed-up non-private and DP-SGD training steps of the same model, interleaved in one",
      "process, and print the medians and their ratio. The DP step includes per-example clipping and",
      "cryptographically strong Gaussian noise; noise generation is also timed on its own (secure and",
      "seeded). Inputs are MNIST-shaped (1x28x28, 10 classes)."
    },
    footer = {"", "Examples:", "  dpaudit bench dp-step --model mlp --batch-size 256",
        "  dpaudit bench dp-step --model cnn --batch-size 1024 --json"})
public final class DpStepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", description = "mlp or cnn (default: ${DEFAULT-VALUE})")
  String model = "mlp";

  @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE})")
  int batchSize = 256;

  @Option(names = "--rounds", description = "Interleaved rounds (default: ${DEFAULT-VALUE})")
  int rounds = 5;

  @Option(names = "--steps", description = "Timed steps per variant per round (default: ${DEFAULT-VALUE})")
  int steps = 6;

  @Option(names = "--warmup", description = "Untimed warm-up steps per variant (default: ${DEFAULT-VALUE})")
  int warmup = 5;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--conv-grad", description = "Per-example conv gradients: auto, grouped, unfold or ghost "
      + "(default: ${DEFAULT-VALUE})")
  org.dpaudit.trainers.grad.ConvGradMethod convGrad = org.dpaudit.trainers.grad.ConvGradMethod.AUTO;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (!ModelZoo.NAMES.contains(model)) {
      throw new ParameterException(spec.commandLine(), "--model must be one of " + ModelZoo.NAMES + "; got " + model);
    }
    if (batchSize < 1 || rounds < 1 || steps < 1 || warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--batch-size, --rounds and --steps must be at least 1");
    }
    var err = spec.commandLine().getErr();
    var s = new DpStepBenchmark.Settings(model, batchSize, warmup, rounds, steps, Engines.device(device), convGrad);
    DpStepBenchmark.Result r = DpStepBenchmark.run(s, line -> {
      err.println(line);
      err.flush();
    });
    var out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(r));
    } else {
      out.printf("%s, batch %d, %s, %,d parameters (%s)%n", r.model(), r.batchSize(), r.device(), r.parameters(),
          Engines.describe());
      out.printf("  non-private step        %8.2f ms (median of %d)%n", r.nonPrivateMs(), r.samplesPerVariant());
      out.printf("  DP-SGD step             %8.2f ms   ratio %.2fx%n", r.dpMs(), r.ratio());
      out.printf("  DP-SGD step, no noise   %8.2f ms   ratio %.2fx%n", r.dpWithoutNoiseMs(), r.dpWithoutNoiseMs() / r.nonPrivateMs());
      out.printf("  noise alone: secure %.2f ms, seeded %.2f ms per step (made ahead on a background thread in training)%n",
          r.noiseSecureMs(), r.noiseSeededMs());
      if (!r.convMethods().isEmpty()) {
        out.println("  conv per-example method per layer: " + String.join(", ", r.convMethods()));
      }
    }
    return ExitCodes.OK;
  }
}
