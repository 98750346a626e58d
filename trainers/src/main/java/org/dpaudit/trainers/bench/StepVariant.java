package org.dpaudit.trainers.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.StepContext;

/** One way of taking a training step, timed whole: the code paths the trainer runs. */
final class StepVariant implements DpStepBenchmark.RoundStep {
  private enum Kind {
    NON_PRIVATE,
    DP_SGD,
    WITHOUT_NOISE
  }

  private final Kind kind;
  private final DpModel model;
  private final NoiseSource noise;
  private final DpSgdScheme scheme;
  private final NDArray x;
  private final NDArray y;
  private final Optimizer optimizer;
  private final int threads;
  private final List<Double> millis = new ArrayList<>();

  private StepVariant(Kind kind, DpModel model, NoiseSource noise, DpSgdScheme scheme, NDArray x, NDArray y,
      int threads) {
    this.kind = kind;
    this.threads = threads;
    this.model = model;
    this.noise = noise;
    this.scheme = scheme;
    this.x = x;
    this.y = y;
    this.optimizer = new Optimizer(OptimizerKind.SGD, 0, model.network().parameters(), model.manager());
  }

  /** The ordinary gradient of the mean loss, as the trainer takes it for non-private schemes. */
  static StepVariant nonPrivate(DpModel model, NDArray x, NDArray y) {
    return new StepVariant(Kind.NON_PRIVATE, model, null, null, x, y, 0);
  }

  /**
   * This variant with the engine's operations on {@code threads} intra-op threads while it steps
   * (the engine's setting is restored after each step, outside the timed part); 0 keeps the
   * engine's setting.
   */
  StepVariant onThreads(int threads) {
    return new StepVariant(kind, model, noise, scheme, x, y, threads);
  }

  /** The scheme's own {@code privatize}: clipping, the noise from {@code noise}, division, update. */
  static StepVariant dpSgd(DpModel model, NoiseSource noise, DpSgdScheme scheme, NDArray x, NDArray y) {
    return new StepVariant(Kind.DP_SGD, model, noise, scheme, x, y, 0);
  }

  /** DP-SGD's clipped sum, divided, without noise. */
  static StepVariant withoutNoise(DpModel model, DpSgdScheme scheme, NDArray x, NDArray y) {
    return new StepVariant(Kind.WITHOUT_NOISE, model, null, scheme, x, y, 0);
  }

  /** One step, timed when {@code timed}. */
  @Override
  public void step(long step, boolean timed) {
    int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    if (threads > 0 && threads != before) {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }
    try {
      timedStep(step, timed);
    } finally {
      if (threads > 0 && threads != before) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
      }
    }
  }

  private void timedStep(long step, boolean timed) {
    long t0 = System.nanoTime();
    List<Parameter> params = model.network().parameters();
    try (NDScope scope = new NDScope()) {
      if (kind == Kind.NON_PRIVATE) {
        optimizer.step(params, model.network().meanLossGradients(x, y, null), 0.01);
      } else if (kind == Kind.DP_SGD) {
        // As the trainer's step: the scheme's release, its noise added by the update's pass.
        double e = x.getShape().get(0);
        StepContext ctx = new StepContext(step, params, model.manager(), noise, e, x, y, model.network());
        optimizer.step(params, scheme.gradient(ctx).release(), 0.01);
      } else {
        PerSampleGradients g = model.network().perSampleGradients(x, y);
        optimizer.step(params, g.weightedSum(scheme.clipCoefficients(g, x.getShape().get(0))), 0.01);
      }
      // Wait for the device: read one value back, so asynchronous engines are timed honestly.
      StagedDpStep.sync(params.get(params.size() - 1).getArray());
    }
    if (timed) {
      millis.add((System.nanoTime() - t0) / 1e6);
    }
  }

  /** Drops noise made ahead for a step this variant will not take next, so no variant runs on another's time. */
  @Override
  public void endRound() {
    if (noise != null) {
      noise.cancelPrefetch();
    }
  }

  double median() {
    return DpStepBenchmark.median(millis);
  }

  /** The timed steps, in the order taken (rounds one after the other). */
  List<Double> millis() {
    return List.copyOf(millis);
  }

  int samples() {
    return millis.size();
  }
}
