package org.dpaudit.trainers.loop;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;

/** Small synthetic datasets and trainer set-ups for tests. */
public final class TrainerFixtures {
  private TrainerFixtures() {}

  /** Two Gaussian blobs per class in {@code d} dimensions: learnable, tiny. */
  public static Dataset blobs(String name, int n, int d, int classes, long seed) {
    RandomGenerator rng = Randomness.seeded(seed).stream("blobs");
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int j = 0; j < d; j++) {
        double centre = (j % classes == y[i]) ? 1.5 : 0;
        x[i * d + j] = (float) (centre + gaussian(rng) * 0.7);
      }
    }
    List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    return new Dataset(name, x, y, new int[] {d}, names);
  }

  static double gaussian(RandomGenerator rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  public static TrainingConfig config(String scheme, int epochs, int batch, double sigma, double lr) {
    return new TrainingConfig("mlp",
        new DataConfig("synthetic", null, null, new SplitSpec(0, 0, 0, 0, 0)),
        new OptimConfig(epochs, batch, OptimizerKind.SGD, lr, 0.0, LrSchedule.CONSTANT),
        new PrivacyConfig(scheme, 1.0, sigma, null, 1e-5, SamplerKind.POISSON, Map.of()),
        ConvGradMethod.AUTO, 0);
  }

  /** A DP-SGD trainer on {@code train} with the mlp model and seeded randomness. */
  public static DpTrainer dpSgd(Dataset train, Dataset test, TrainingConfig cfg, Randomness r, DpModel model,
      NoiseSource noise) {
    BatchSampler sampler = new BatchSampler(cfg.privacy().sampler(), train.size(), cfg.optim().batchSize(), r);
    DpScheme scheme = new DpSgdScheme("dpsgd", cfg.privacy().clipNorm(), cfg.privacy().noiseMultiplier(),
        sampler.samplingRate(), new PrivacyClaim(1, 1e-5, "test"));
    return DpTrainer.builder().setConfig(cfg).setData(train, test).setModel(model).setScheme(scheme)
        .setSampler(sampler).setNoise(noise).setRandomness(r).build();
  }

  public static DpModel mlp(Dataset d, Randomness r) {
    return DpModel.create(ModelZoo.get("mlp", d.exampleShape(), d.numClasses()), Device.cpu(), ConvGradMethod.AUTO,
        r.stream("init"));
  }

  public static Map<String, String> none() {
    return Map.of();
  }
}
