package org.dpaudit.trainers.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.noise.NoisyGradient;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.schemes.DpSgdScheme;

/**
 * A DP-SGD step cut into its stages and timed stage by stage: where the time of a DP step goes.
 *
 * <p>The stages are DP-SGD's ({@link DpSgdScheme#privatize}) taken apart: forward and backward
 * pass with probes, per-example norms (clip coefficients), the clipped sum, the noise (taking the
 * draws made ahead, or making the rest of them), and the noisy update: the noise's addition in
 * float64 rounded to float32 and the optimizer's update, one pass where the kernels serve them
 * ({@link NoisyGradient}). Each stage
 * ends by reading one value back from its result, so an asynchronous device is timed honestly; on a
 * CPU the engine is eager and the read-back costs microseconds. The staged step's total is
 * reported beside the real step, so the cost of cutting it up is visible.
 */
final class StagedDpStep implements DpStepBenchmark.RoundStep {
  /** Stage names, in order, as they appear in the JSON. */
  static final List<String> STAGES = List.of("forwardBackward", "norms", "clippedSum", "noise", "noisyUpdate");

  private final DpModel model;
  private final NoiseSource noise;
  private final DpSgdScheme scheme;
  private final Optimizer optimizer;
  private final NDArray x;
  private final NDArray y;
  private final double expectedBatch;
  private final List<List<Double>> millis = new ArrayList<>();
  private final List<Double> backgroundNoiseMillis = new ArrayList<>();
  private final List<Double> pageFaults = new ArrayList<>();

  StagedDpStep(DpModel model, NoiseSource noise, DpSgdScheme scheme, NDArray x, NDArray y) {
    this.model = model;
    this.noise = noise;
    this.scheme = scheme;
    this.optimizer = new Optimizer(OptimizerKind.SGD, 0, model.network().parameters(), model.manager());
    this.x = x;
    this.y = y;
    this.expectedBatch = x.getShape().get(0);
    for (int i = 0; i < STAGES.size(); i++) {
      millis.add(new ArrayList<>());
    }
  }

  /** One step; its stage times are recorded when {@code timed}. */
  @Override
  public void step(long step, boolean timed) {
    List<Parameter> params = model.network().parameters();
    long parameterCount = model.parameterCount();
    double[] t = new double[STAGES.size()];
    long faults;
    try (NDScope scope = new NDScope()) {
      faults = PageFaults.minor();
      long t0 = System.nanoTime();
      PerSampleGradients g = model.network().perSampleGradients(x, y);
      sync(g.losses());
      long t1 = System.nanoTime();
      NDArray c = scheme.clipCoefficients(g, expectedBatch);
      sync(c);
      long t2 = System.nanoTime();
      NDList sum = g.weightedSum(c);
      sync(sum.get(sum.size() - 1));
      long t3 = System.nanoTime();
      double std = scheme.noiseMultiplierAt(step) * scheme.clipNorm() / expectedBatch;
      // As DpSgdScheme's release: the standard draws (complete on return), then their scaling and
      // sum inside the optimizer's update, one pass over the clipped sum's and the weights' memory.
      NoisyGradient release = noise.gaussianRelease(sum, model.manager(), step, std);
      long t4 = System.nanoTime();
      optimizer.step(params, release, 0.01);
      sync(params.get(params.size() - 1).getArray());
      long t5 = System.nanoTime();
      long[] marks = {t0, t1, t2, t3, t4, t5};
      for (int i = 0; i < t.length; i++) {
        t[i] = (marks[i + 1] - marks[i]) / 1e6;
      }
    }
    long faultsAfter = PageFaults.minor();
    if (timed) {
      for (int i = 0; i < t.length; i++) {
        millis.get(i).add(t[i]);
      }
      backgroundNoiseMillis.add(noise.lastMakeNanos() / 1e6);
      if (faults >= 0 && faultsAfter >= 0) {
        pageFaults.add((double) (faultsAfter - faults));
      }
    }
  }

  /** Drops the noise made ahead for a step this copy will not take next. */
  @Override
  public void endRound() {
    noise.cancelPrefetch();
  }

  /** Median milliseconds of each stage, in {@link #STAGES} order. */
  double[] medians() {
    double[] m = new double[STAGES.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = DpStepBenchmark.median(millis.get(i));
    }
    return m;
  }

  /** Median time the background thread took to make one step's standard noise. */
  double backgroundNoiseMedian() {
    return DpStepBenchmark.median(backgroundNoiseMillis);
  }

  /**
   * Median minor page faults of the whole process during one staged step (its memory released
   * afterwards included), or -1 where the system does not count them. Other threads' faults (the
   * noise made ahead) fall in too: few, as its buffers are reused.
   */
  double pageFaultsMedian() {
    return pageFaults.isEmpty() ? -1 : DpStepBenchmark.median(pageFaults);
  }

  /** Median of the staged step's total. */
  double totalMedian() {
    List<Double> totals = new ArrayList<>();
    for (int k = 0; k < millis.get(0).size(); k++) {
      double s = 0;
      for (List<Double> stage : millis) {
        s += stage.get(k);
      }
      totals.add(s);
    }
    return DpStepBenchmark.median(totals);
  }

  /** Reads one value back: the engine has finished computing {@code a}. */
  static void sync(NDArray a) {
    if (a.size() > 0) {
      a.reshape(-1).get(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat();
    }
  }
}
