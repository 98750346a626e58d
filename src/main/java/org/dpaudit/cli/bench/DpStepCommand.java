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
      "process (the variants' order reversed every other round, so none always runs after the same",
      "one), and print the medians and their ratios. The DP step includes per-example clipping and",
      "cryptographically strong Gaussian noise (a second variant uses seeded noise, a third none, a",
      "fourth secure noise never made ahead); the non-private step, the DP step with secure noise and",
      "the DP step without noise are also timed with the engine on one intra-op thread (the noise made",
      "ahead then has the other core), and every ratio is against the faster non-private step, which",
      "is training's own, taken as a lean PyTorch loop takes it (the gradient buffers handed to the",
      "optimizer, zeroed in place the next step). A staged copy of the DP step shows where its time",
      "goes (forward+backward, norms, clipped sum, noise, and the noisy update: the noise added in the",
      "optimizer's pass) and the process's page faults a step (thousands mean memory handed back to the",
      "system and faulted in afresh each step), and noise generation is timed on its own. Inputs are",
      "MNIST-shaped (1x28x28, 10 classes). Ratios are the figures to trust on a shared machine; state",
      "its load (uptime). The secure-noise ratio is also taken round by round, each round's medians",
      "over the same seconds (least-greatest and median; every round's in --json): how far one run",
      "can be trusted when the machine's speed drifts, and a trend there means the warm-up was too",
      "short."
    },
    footer = {"", "Examples:", "  dpaudit bench dp-step --model mlp --batch-size 256",
        "  dpaudit bench dp-step --model cnn --batch-size 1024 --json"})
public final class DpStepCommand implements Callable<Integer> {
  /** Page faults a step from which the step is paying for memory handed back (kept: about 20-40). */
  static final double MANY_PAGE_FAULTS = 1000;

  @Spec CommandSpec spec;

  @Option(names = "--model", description = "mlp or cnn (default: ${DEFAULT-VALUE})")
  String model = "mlp";

  @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE})")
  int batchSize = 256;

  @Option(names = "--rounds", description = "Interleaved rounds; even, so both orders run equally often "
      + "(default: ${DEFAULT-VALUE})")
  int rounds = 10;

  @Option(names = "--steps", description = "Timed steps per variant per round, after one untimed lead-in step "
      + "(the noise made ahead then in place, as in training) (default: ${DEFAULT-VALUE})")
  int steps = 10;

  @Option(names = "--warmup", description = "Untimed warm-up steps per variant, taken in turn: a fresh process "
      + "takes its first few hundred steps slower (the JIT compiling, the machine settling; the DP step more so), "
      + "which training's thousands of steps hardly see (default: ${DEFAULT-VALUE})")
  int warmup = 60;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--conv-grad", description = "Per-example conv gradients: auto, grouped, unfold, ghost or direct (dpaudit's native CPU kernel) "
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
      print(out, r);
    }
    return ExitCodes.OK;
  }

  /** The page-fault line, with what thousands a step mean. */
  static String pageFaultsLine(double faultsPerStep) {
    String line = String.format("  page faults a staged step (whole process): %.0f", faultsPerStep);
    if (faultsPerStep >= MANY_PAGE_FAULTS) {
      line += " (thousands: freed memory goes back to the system and is faulted in afresh every step;"
          + " ./dpaudit's GLIBC_TUNABLES keep it, docs/benchmarks.md)";
    }
    return line;
  }

  private static void print(java.io.PrintWriter out, DpStepBenchmark.Result r) {
    var ms = r.steps();
    out.printf("%s, batch %d, %s, %,d parameters (%s)%n", r.model(), r.batchSize(), r.device(), r.parameters(),
        Engines.describe());
    out.printf("  non-private step            %8.2f ms (median of %d)%n", ms.nonPrivate(), r.samplesPerVariant());
    out.printf("  non-private step, 1 thread  %8.2f ms (ratios below are against the faster: %.2f ms)%n",
        ms.nonPrivateOneThread(), ms.bestNonPrivate());
    var rounds = r.secureNoiseRounds();
    out.printf("  DP-SGD step, secure noise   %8.2f ms   ratio %.2fx (each round's own: %.2f-%.2f, median %.2f)%n",
        ms.dp(), r.ratios().secureNoise(), rounds.min(), rounds.max(), rounds.median());
    out.printf("  DP-SGD step, seeded noise   %8.2f ms   ratio %.2fx%n", ms.dpSeeded(), r.ratios().seededNoise());
    out.printf("  DP-SGD step, no noise       %8.2f ms   ratio %.2fx%n", ms.dpWithoutNoise(), r.ratios().withoutNoise());
    out.printf("  DP-SGD step, secure noise made when asked (no prefetch) %8.2f ms   ratio %.2fx%n",
        ms.dpNoiseWhenAsked(), r.ratios().secureNoiseWhenAsked());
    out.printf("  DP-SGD step, secure noise, engine on 1 thread   %8.2f ms   ratio %.2fx%n", ms.dpOneThread(),
        r.ratios().secureNoiseOneThread());
    out.printf("  DP-SGD step, no noise, engine on 1 thread       %8.2f ms   ratio %.2fx%n",
        ms.dpWithoutNoiseOneThread(), r.ratios().withoutNoiseOneThread());
    StringBuilder stages = new StringBuilder();
    r.stages().millis().forEach((name, v) -> stages.append(String.format(" %s %.2f,", name, v)));
    out.printf("  DP-SGD stages (ms):%s total %.2f%n", stages, r.stages().stagedTotal());
    if (r.stages().pageFaultsPerStep() >= 0) {
      out.println(pageFaultsLine(r.stages().pageFaultsPerStep()));
    }
    out.printf("  noise: %.2f ms a step on the background thread; alone, secure %.2f ms, seeded %.2f ms%n",
        r.stages().backgroundNoiseMake(), r.noiseAlone().secure(), r.noiseAlone().seeded());
    if (!r.convMethods().isEmpty()) {
      out.println("  conv per-example method per layer: " + String.join(", ", r.convMethods()));
    }
  }
}
