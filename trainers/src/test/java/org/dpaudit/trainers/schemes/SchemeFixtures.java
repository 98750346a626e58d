package org.dpaudit.trainers.schemes;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.accounting.RunAccounting;

/** Schemes built as a run builds them, on the seed's mlp (512-256) over 8 input features, 3 classes. */
final class SchemeFixtures {
  static final int FEATURES = 8;
  static final int CLASSES = 3;

  private SchemeFixtures() {}

  /** A planned run: n examples, expected batch, steps, constant learning rate lr, one epoch per 10 steps. */
  record Plan(int n, int batch, long steps, double lr) {
    OptimConfig optim() {
      return new OptimConfig((int) Math.max(1, steps / 10), batch, OptimizerKind.SGD, lr, 0, LrSchedule.CONSTANT);
    }

    double q() {
      return Math.min(1.0, (double) batch / n);
    }
  }

  static DpScheme scheme(String name, Double epsilon, Double sigma, Map<String, String> options, Plan plan,
      long parameterCount) {
    PrivacyConfig cfg = new PrivacyConfig(name, 1.0, sigma, epsilon, 1e-5, SamplerKind.POISSON, options);
    return Schemes.create(new SchemeContext(cfg, plan.optim(), plan.n(), plan.q(), plan.steps(), parameterCount,
        new RunAccounting()));
  }

  static DpModel mlp(Randomness r) {
    return DpModel.create(ModelZoo.get("mlp", new int[] {FEATURES}, CLASSES), Device.cpu(), ConvGradMethod.AUTO,
        r.stream("init"));
  }

  /** The step's context with a batch of b examples (b = 0: the sampled batch was empty). */
  static StepContext step(long step, DpModel model, NDManager m, NoiseSource noise, Plan plan, int b, Randomness r) {
    NDArray x = b == 0 ? null : TensorFixtures.uniform(m, r.stream("x/" + step), b, FEATURES).mul(2);
    NDArray y = b == 0 ? null : TensorFixtures.labels(m, r.stream("y/" + step), b, CLASSES);
    return new StepContext(step, model.network().parameters(), m, noise, plan.q() * plan.n(), x, y, model.network());
  }

  /** Ratios of 1 in the shape of {@code rho}. */
  static double[][] uniformRatios(double[][] rho) {
    double[][] out = new double[rho.length][];
    for (int l = 0; l < rho.length; l++) {
      out[l] = new double[rho[l].length];
      java.util.Arrays.fill(out[l], 1);
    }
    return out;
  }
}
