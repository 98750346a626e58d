package org.dpaudit.trainers.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.Conv2dLayer;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * What DP costs on this hardware: warmed-up non-private and DP-SGD steps of the same model on the
 * same engine and device, measured in one process and interleaved round by round (so drift in the
 * machine's load hits both alike), reported as medians and their ratio.
 *
 * <p>The DP step is the trainer's: per-example gradients by probes, flat clipping, Gaussian noise
 * from the run's {@link NoiseSource} (secure by default), division by the batch size, SGD update.
 * Noise generation is also timed on its own, for secure and seeded randomness.
 */
public final class DpStepBenchmark {
  private DpStepBenchmark() {}

  /** Benchmark settings. */
  public record Settings(
      String model, int batchSize, int warmup, int rounds, int stepsPerRound, Device device, ConvGradMethod convGrad) {}

  /** The result, as printed with {@code --json}. */
  public record Result(
      String model,
      int batchSize,
      String device,
      long parameters,
      double nonPrivateMs,
      double dpMs,
      double dpWithoutNoiseMs,
      double ratio,
      double noiseMs,
      double noiseSecureMs,
      double noiseSeededMs,
      List<String> convMethods,
      int samplesPerVariant) {}

  /** Runs the benchmark; {@code progress} receives a line per round. */
  public static Result run(Settings s, Consumer<String> progress) {
    int[] shape = {1, 28, 28};
    Randomness r = Randomness.seeded(1);
    try (DpModel plain = DpModel.create(ModelZoo.get(s.model(), shape, 10), s.device(), ConvGradMethod.AUTO, r.stream("init"));
        DpModel dp = DpModel.create(ModelZoo.get(s.model(), shape, 10), s.device(), s.convGrad(), r.stream("init"));
        DpModel dpQuiet = DpModel.create(ModelZoo.get(s.model(), shape, 10), s.device(), s.convGrad(), r.stream("init"));
        NoiseSource secure = new NoiseSource(Randomness.secure());
        NoiseSource secureAlone = new NoiseSource(Randomness.secure(), false);
        NoiseSource seededAlone = new NoiseSource(Randomness.seeded(2), false);
        NDManager data = plain.manager().newSubManager()) {
      RandomGenerator rng = r.stream("bench-data");
      NDArray x = uniform(data, rng, s.batchSize(), shape);
      int[] labels = new int[s.batchSize()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = rng.nextInt(10);
      }
      NDArray y = data.create(labels);
      Variant[] variants = {
        new Variant("non-private", plain, null, x, y),
        new Variant("dp-sgd", dp, secure, x, y),
        new Variant("dp-sgd without noise", dpQuiet, null, x, y),
      };
      for (int i = 0; i < s.warmup(); i++) {
        for (Variant v : variants) {
          v.step(i);
        }
      }
      for (int round = 0; round < s.rounds(); round++) {
        for (Variant v : variants) {
          for (int k = 0; k < s.stepsPerRound(); k++) {
            v.timedStep(s.warmup() + round * s.stepsPerRound() + k);
          }
        }
        progress.accept(String.format("round %d/%d: non-private %.1f ms, dp-sgd %.1f ms (medians so far)",
            round + 1, s.rounds(), median(variants[0].millis), median(variants[1].millis)));
      }
      long n = dp.parameterCount();
      List<Double> secureMs = new ArrayList<>();
      List<Double> seededMs = new ArrayList<>();
      // Interleaved, after two untimed calls each, so warm-up and machine load hit both alike.
      for (int i = -2; i < s.rounds() * s.stepsPerRound(); i++) {
        double a = noiseMillis(secureAlone, data, n, i);
        double b = noiseMillis(seededAlone, data, n, i);
        if (i >= 0) {
          secureMs.add(a);
          seededMs.add(b);
        }
      }
      double noiseSecure = median(secureMs);
      double noiseSeeded = median(seededMs);
      List<String> methods = new ArrayList<>();
      for (DpLayer l : dp.network().layers()) {
        if (l instanceof Conv2dLayer c) {
          methods.add(c.method().name());
        }
      }
      double np = median(variants[0].millis);
      double dpMs = median(variants[1].millis);
      return new Result(s.model(), s.batchSize(), s.device().toString(), n, np, dpMs, median(variants[2].millis),
          dpMs / np, noiseSecure, noiseSecure, noiseSeeded, methods, variants[0].millis.size());
    }
  }

  /** Time to make step {@code step}'s standard Gaussian noise (uniforms and transform), in ms. */
  static double noiseMillis(NoiseSource source, NDManager m, long n, long step) {
    try (NDScope scope = new NDScope()) {
      long t0 = System.nanoTime();
      source.standardGaussian(m, step + 2, n).get(0).getDouble();
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private static NDArray uniform(NDManager m, RandomGenerator rng, int batch, int[] shape) {
    int size = batch * shape[0] * shape[1] * shape[2];
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return m.create(v, new Shape(batch, shape[0], shape[1], shape[2]));
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** One way of taking a training step. */
  private static final class Variant {
    final String name;
    final DpModel model;
    final NoiseSource noise;
    final NDArray x;
    final NDArray y;
    final Optimizer optimizer;
    final DpSgdScheme scheme;
    final List<Double> millis = new ArrayList<>();

    Variant(String name, DpModel model, NoiseSource noise, NDArray x, NDArray y) {
      this.name = name;
      this.model = model;
      this.noise = noise;
      this.x = x;
      this.y = y;
      this.optimizer = new Optimizer(OptimizerKind.SGD, 0, model.network().parameters(), model.manager());
      this.scheme = new DpSgdScheme("dpsgd", 1.0, noise == null ? 0 : 1.0, 0.01, new PrivacyClaim(1, 1e-5, "bench"));
    }

    void timedStep(long step) {
      long t0 = System.nanoTime();
      step(step);
      millis.add((System.nanoTime() - t0) / 1e6);
    }

    void step(long step) {
      List<Parameter> params = model.network().parameters();
      try (NDScope scope = new NDScope()) {
        NDList grads;
        if (name.equals("non-private")) {
          grads = model.network().meanLossGradients(x, y, null);
        } else {
          var g = model.network().perSampleGradients(x, y);
          StepContext ctx = new StepContext(step, params, model.manager(), noise, x.getShape().get(0), x, y,
              model.network());
          grads = noise == null ? normalise(scheme, g, ctx) : scheme.privatize(g, ctx);
        }
        optimizer.step(params, grads, 0.01);
        // Wait for the device: read one value back, so asynchronous engines are timed honestly.
        params.get(params.size() - 1).getArray().toFloatArray();
      }
    }

    private static NDList normalise(DpSgdScheme scheme, org.dpaudit.trainers.grad.PerSampleGradients g, StepContext ctx) {
      return g.weightedSum(scheme.clipCoefficients(g).div(ctx.expectedBatchSize()));
    }
  }
}
