package org.dpaudit.cli.demo;

import java.util.Map;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * What the demo trains and attacks: the same member set (with canaries) for a non-private model and
 * a DP-SGD model at epsilon 2, so the one leaks and the other's leakage stays within its proof.
 *
 * @param shadows LiRA's shadow models
 * @param canaries black-box (mislabeled) canaries of the non-private run, judged on its final model
 * @param gradientCanaries white-box (gradient) canaries of the DP-SGD run, observed in every update
 */
public record DemoPlan(
    String model, SplitSpec split, int canaries, int gradientCanaries, int nonPrivateEpochs, int privateEpochs,
    double epsilon, double delta, int shadows) {

  /**
   * The full demo (about 4 minutes on 2 cores): the MNIST CNN on 1000 members and 1000 held-out
   * non-members, 200 mislabeled canaries in the non-private run, 20000 gradient canaries in the
   * DP-SGD run, LiRA with 8 shadows.
   */
  public static DemoPlan full() {
    return new DemoPlan("cnn", new SplitSpec(1000, 1000, 10000, 10000, 0), 200, 20000, 20, 15, 2.0, 1e-5, 8);
  }

  /** A small version for tests (about a minute): the MLP on 200 members, 50 / 5000 canaries, 4 shadows. */
  public static DemoPlan quick() {
    return new DemoPlan("mlp", new SplitSpec(200, 200, 1000, 1000, 0), 50, 5000, 15, 8, 2.0, 1e-5, 4);
  }

  /** The non-private model: overfit on purpose (small member set, many epochs, momentum). */
  public TrainingConfig nonPrivate() {
    return new TrainingConfig(model, data(), new OptimConfig(nonPrivateEpochs, 64, OptimizerKind.SGD, 0.1, 0.9,
        LrSchedule.CONSTANT), new PrivacyConfig(Schemes.NON_PRIVATE.name(), 1.0, null, null, delta, SamplerKind.POISSON, Map.of()),
        ConvGradMethod.AUTO, 0);
  }

  /** DP-SGD calibrated to {@link #epsilon}: larger batches and a larger step, as DP-SGD prefers. */
  public TrainingConfig dpSgd() {
    return new TrainingConfig(model, data(), new OptimConfig(privateEpochs, 128, OptimizerKind.SGD, 0.5, 0.0,
        LrSchedule.CONSTANT), new PrivacyConfig(Schemes.DPSGD.name(), 1.0, null, epsilon, delta, SamplerKind.POISSON, Map.of()),
        ConvGradMethod.AUTO, 0);
  }

  private DataConfig data() {
    return new DataConfig("mnist", null, null, split);
  }
}
