package org.dpaudit.trainers.schemes;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
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

/**
 * Shared set-ups and statistical checks of the seed 002-004 scheme tests. Every statistical check
 * states its false-rejection rate: for a correct sampler it fails with at most that probability, and
 * the seeded streams make each test deterministic.
 */
final class Seeds234Fixtures {
  /** Kolmogorov-Smirnov false-rejection rate. */
  static final double KS_ALPHA = 1e-6;
  static final int FEATURES = 6;
  static final int CLASSES = 3;

  private Seeds234Fixtures() {}

  /** The KS critical value at {@link #KS_ALPHA} (DKW): {@code sqrt(ln(2 / alpha) / (2 n))}. */
  static double ksCritical(int n) {
    return Math.sqrt(Math.log(2 / KS_ALPHA) / (2.0 * n));
  }

  /** The KS statistic of {@code x} against {@code cdf}. */
  static double ks(double[] x, DoubleUnaryOperator cdf) {
    double[] s = x.clone();
    Arrays.sort(s);
    double d = 0;
    for (int i = 0; i < s.length; i++) {
      double f = cdf.applyAsDouble(s[i]);
      d = Math.max(d, Math.max(f - (double) i / s.length, (double) (i + 1) / s.length - f));
    }
    return d;
  }

  /** Whether {@code x} passes a KS test against N(0, 1) at {@link #KS_ALPHA}. */
  static boolean looksStandardNormal(double[] x) {
    NormalDistribution n = NormalDistribution.of(0, 1);
    return ks(x, n::cumulativeProbability) < ksCritical(x.length);
  }

  /** A scheme built as a run builds it: n examples, q, steps. */
  static DpScheme scheme(String name, Double epsilon, Double sigma, double clip, Map<String, String> options, int n,
      double q, long steps) {
    PrivacyConfig cfg = new PrivacyConfig(name, clip, sigma, epsilon, 1e-5, SamplerKind.POISSON, options);
    return Schemes.create(context(cfg, n, q, steps));
  }

  /** The one place these tests build a {@link SchemeContext}: n examples, rate q, steps. */
  static SchemeContext context(PrivacyConfig cfg, int n, double q, long steps) {
    long epochs = Math.max(1, Math.round(steps * q));
    OptimConfig optim = new OptimConfig((int) epochs, Math.max(1, (int) Math.round(q * n)), OptimizerKind.SGD, 0.1, 0,
        LrSchedule.CONSTANT);
    return new SchemeContext(cfg, optim, n, q, steps, 1000, new RunAccounting());
  }

  /** An mlp1000 over {@link #FEATURES} inputs. */
  static DpModel model(String name, Randomness r) {
    return DpModel.create(ModelZoo.get(name, new int[] {FEATURES}, CLASSES), Device.cpu(), ConvGradMethod.AUTO,
        r.stream("init"));
  }

  /** A step's context with b random examples at positions {@code batch} (null: 0..b-1). */
  static StepContext step(long step, DpModel model, NDManager m, NoiseSource noise, double expected, int b,
      int[] batch, Randomness r) {
    NDArray x = b == 0 ? null : TensorFixtures.uniform(m, r.stream("x/" + step), b, FEATURES).mul(2);
    NDArray y = b == 0 ? null : TensorFixtures.labels(m, r.stream("y/" + step), b, CLASSES);
    int[] positions = batch;
    if (positions == null) {
      positions = new int[b];
      Arrays.setAll(positions, i -> i);
    }
    return new StepContext(step, model.network().parameters(), m, noise, expected, x, y, model.network(), positions);
  }

  /** The flat float64 values of a gradient list. */
  static double[] flat(NDList list) {
    return list.stream().flatMapToDouble(a -> Arrays.stream(a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
        .toDoubleArray())).toArray();
  }

  /** A fresh CPU manager. */
  static NDManager manager() {
    return NDManager.newBaseManager(Device.cpu());
  }

  static List<String> none() {
    return List.of();
  }
}
