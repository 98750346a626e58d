package org.dpaudit.trainers.grad;

import static org.dpaudit.trainers.TensorFixtures.labels;
import static org.dpaudit.trainers.TensorFixtures.relativeError;
import static org.dpaudit.trainers.TensorFixtures.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.nn.ActivationKind;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.LayerSpec;
import org.dpaudit.trainers.nn.ModelSpec;
import org.dpaudit.trainers.nn.ModelZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast per-example path against the oracle: a loop over examples with batch size 1 and
 * ordinary autograd (Opacus' microbatch check). Per-example L2 and L1 norms and a randomly weighted
 * sum of per-example gradients must agree to 1e-5, for every layer type and conv method, on shapes
 * drawn from a seeded stream.
 */
class PerSampleGradientsOracleTest {
  private static final double TOLERANCE = 1e-5;

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    RandomGenerator shapes = Randomness.seeded(2026).stream("oracle-shapes");
    List<ConvGradMethod> methods = new ArrayList<>(List.of(ConvGradMethod.GROUPED, ConvGradMethod.UNFOLD,
        ConvGradMethod.GHOST));
    if (NativeKernels.available()) { // NativeKernelsTest fails where it should be and is not
      methods.add(ConvGradMethod.DIRECT);
    }
    for (ConvGradMethod m : methods) {
      for (int trial = 0; trial < 2; trial++) {
        int k = 2 + shapes.nextInt(3);
        int stride = 1 + shapes.nextInt(2);
        int pad = shapes.nextInt(2);
        int channels = 1 + shapes.nextInt(3);
        int size = 7 + shapes.nextInt(4);
        int filters = 4 * (1 + shapes.nextInt(2));
        int batch = trial == 0 ? 1 : 2 + shapes.nextInt(5);
        ModelSpec spec = new ModelSpec("conv-" + m + "-" + trial, List.of(channels, size, size), List.of(
            new LayerSpec.Conv2d(filters, k, stride, pad), new LayerSpec.GroupNorm(2),
            new LayerSpec.Activation(ActivationKind.TANH), new LayerSpec.MaxPool(2, 1),
            new LayerSpec.Flatten(), new LayerSpec.Linear(6), new LayerSpec.LayerNorm(),
            new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Linear(3)));
        cases.add(Arguments.of(spec, m, batch));
      }
    }
    cases.add(Arguments.of(ModelZoo.get("mlp", new int[] {1, 6, 6}, 10), ConvGradMethod.AUTO, 7));
    cases.add(Arguments.of(ModelZoo.get("cnn", new int[] {1, 28, 28}, 10), ConvGradMethod.AUTO, 3));
    cases.add(Arguments.of(ModelZoo.get("cnn-cifar", new int[] {3, 16, 16}, 10), ConvGradMethod.AUTO, 2));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("models")
  void fastPath_matchesBatchSizeOneLoop(ModelSpec spec, ConvGradMethod method, int batch) {
    Randomness r = Randomness.seeded(7);
    try (DpModel model = DpModel.create(spec, Device.cpu(), method, r.stream("init"));
        NDManager m = model.manager().newSubManager()) {
      RandomGenerator rng = r.stream("data");
      long[] shape = new long[spec.inputShape().size() + 1];
      shape[0] = batch;
      for (int i = 1; i < shape.length; i++) {
        shape[i] = spec.inputShape().get(i - 1);
      }
      NDArray x = uniform(m, rng, shape);
      NDArray y = labels(m, rng, batch, 3);
      float[] c = new float[batch];
      float[] c2 = new float[batch];
      for (int i = 0; i < batch; i++) {
        c[i] = (float) rng.nextDouble();
        c2[i] = (float) rng.nextDouble();
      }
      DpNetwork net = model.network();
      PerSampleGradients psg = net.perSampleGradients(x, y);
      float[] fastNorms = psg.norms().toFloatArray();
      float[] fastL1 = psg.l1Norms().toFloatArray();
      float[] fastSum = flatten(psg.weightedSum(m.create(c)));
      // A second sum with other coefficients from the same gradients (a replayed release does this):
      // nothing the first one read or shaped may be reused for the second's coefficients.
      float[] fastSum2 = flatten(psg.weightedSum(m.create(c2)));

      float[] loopNorms = new float[batch];
      float[] loopL1 = new float[batch];
      float[] loopSum = new float[fastSum.length];
      float[] loopSum2 = new float[fastSum.length];
      for (int i = 0; i < batch; i++) {
        NDIndex one = new NDIndex(i + ":" + (i + 1));
        float[] g = flatten(net.meanLossGradients(x.get(one), y.get(one), null));
        double sq = 0;
        double abs = 0;
        for (int j = 0; j < g.length; j++) {
          sq += (double) g[j] * g[j];
          abs += Math.abs(g[j]);
          loopSum[j] += c[i] * g[j];
          loopSum2[j] += c2[i] * g[j];
        }
        loopNorms[i] = (float) Math.sqrt(sq);
        loopL1[i] = (float) abs;
      }
      assertEquals(batch, psg.batchSize());
      assertTrue(relativeError(fastNorms, loopNorms) < TOLERANCE, "L2 norms " + relativeError(fastNorms, loopNorms));
      assertTrue(relativeError(fastL1, loopL1) < TOLERANCE, "L1 norms " + relativeError(fastL1, loopL1));
      assertTrue(relativeError(fastSum, loopSum) < TOLERANCE, "weighted sum " + relativeError(fastSum, loopSum));
      assertTrue(relativeError(fastSum2, loopSum2) < TOLERANCE, "second weighted sum " + relativeError(fastSum2, loopSum2));
    }
  }

  private static float[] flatten(NDList list) {
    int n = 0;
    for (NDArray a : list) {
      n += (int) a.size();
    }
    float[] out = new float[n];
    int at = 0;
    for (NDArray a : list) {
      float[] v = a.toFloatArray();
      System.arraycopy(v, 0, out, at, v.length);
      at += v.length;
    }
    return out;
  }
}
