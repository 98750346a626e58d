package org.dpaudit.trainers.lrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.UnsupportedModelException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.TensorFixtures;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.nn.ActivationKind;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.LayerSpec;
import org.dpaudit.trainers.nn.ModelSpec;
import org.dpaudit.trainers.nn.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * Layer-wise relevance propagation: against a loop over examples and neurons written from Bach et
 * al.'s formula (an oracle of a different algorithm), and relevance conservation layer to layer.
 */
class LrpTest {
  static final int IN = 5;

  /** 5 -> 4 -> ReLU -> 3 -> ReLU -> 2 with random weights and biases. */
  static DpModel tiny(Randomness r, boolean biases) {
    ModelSpec spec = new ModelSpec("tiny", List.of(IN), List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(4),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Linear(3),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Linear(2)));
    DpModel model = DpModel.create(spec, Device.cpu(), ConvGradMethod.AUTO, r.stream("init"));
    RandomGenerator rng = r.stream("params");
    for (Parameter p : model.network().parameters()) {
      float[] v = new float[(int) p.getArray().size()];
      boolean isBias = p.getArray().getShape().dimension() == 1;
      for (int i = 0; i < v.length; i++) {
        v[i] = isBias && !biases ? 0f : (float) (rng.nextDouble() * 2 - 1);
      }
      p.getArray().set(v);
    }
    return model;
  }

  @Test
  void epsilonRule_matchesALoopOverExamplesAndNeurons() {
    Randomness r = Randomness.seeded(3);
    try (DpModel model = tiny(r, true); NDManager m = model.manager().newSubManager()) {
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 6, IN);
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 6, 2);
      Relevance rel = Lrp.explain(model.network(), x, y, LrpRule.EPSILON, 0.01);
      double[][][] oracle = LoopOracle.epsilonRule(model.network(), x.toFloatArray(), y.toIntArray(), 6, 0.01);
      for (int l = 0; l < 3; l++) {
        float[] got = rel.layerOutputs().get(l).toFloatArray();
        int width = oracle[l][0].length;
        for (int i = 0; i < 6; i++) {
          for (int q = 0; q < width; q++) {
            assertEquals(oracle[l][i][q], got[i * width + q], 1e-5 * (1 + Math.abs(oracle[l][i][q])), "layer " + l);
          }
        }
      }
      float[] in = rel.input().toFloatArray();
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < IN; j++) {
          assertEquals(oracle[3][i][j], in[i * IN + j], 1e-5 * (1 + Math.abs(oracle[3][i][j])), "input");
        }
      }
    }
  }

  /** Without biases and with a tiny stabiliser every layer holds the output's relevance. */
  @Test
  void epsilonRule_conservesRelevance_withoutBiases() {
    Randomness r = Randomness.seeded(4);
    try (DpModel model = tiny(r, false); NDManager m = model.manager().newSubManager()) {
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 32, IN);
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 32, 2);
      assertConserved(Lrp.explain(model.network(), x, y, LrpRule.EPSILON, 1e-9), 1e-4);
    }
  }

  /** With biases, what is lost is exactly what the bias and stabiliser absorb (Bach et al. 2015, eq. 58). */
  @Test
  void epsilonRule_losesExactlyWhatBiasesAndStabiliserAbsorb() {
    Randomness r = Randomness.seeded(5);
    try (DpModel model = tiny(r, true); NDManager m = model.manager().newSubManager()) {
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 8, IN);
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 8, 2);
      double eps = 0.05;
      Relevance rel = Lrp.explain(model.network(), x, y, LrpRule.EPSILON, eps);
      double[][][] z = LoopOracle.preActivations(model.network(), x.toFloatArray(), 8);
      List<Parameter> p = model.network().parameters();
      for (int l = 0; l < 3; l++) {
        float[] rOut = rel.layerOutputs().get(l).toFloatArray();
        float[] rIn = l == 0 ? rel.input().toFloatArray() : rel.layerOutputs().get(l - 1).toFloatArray();
        float[] b = p.get(2 * l + 1).getArray().toFloatArray();
        int out = b.length;
        int in = rIn.length / 8;
        for (int i = 0; i < 8; i++) {
          double expected = 0;
          for (int k = 0; k < out; k++) {
            double zk = z[l][i][k];
            expected += (zk - b[k]) / (zk + (zk >= 0 ? eps : -eps)) * rOut[i * out + k];
          }
          double got = 0;
          for (int j = 0; j < in; j++) {
            got += rIn[i * in + j];
          }
          assertEquals(expected, got, 1e-4 * (1 + Math.abs(expected)), "layer " + l + " example " + i);
        }
      }
    }
  }

  @Test
  void zPlusRule_conservesRelevance_onNonNegativeInputs_andKeepsItNonNegative() {
    Randomness r = Randomness.seeded(6);
    try (DpModel model = tiny(r, true); NDManager m = model.manager().newSubManager()) {
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 32, IN).abs();
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 32, 2);
      NDArray logits = model.network().logits(x);
      Relevance rel = Lrp.explain(model.network(), x, y, LrpRule.ZPLUS, 0.01);
      float[] start = rel.layerOutputs().get(2).toFloatArray();
      float[] in = rel.input().toFloatArray();
      float[] lg = logits.toFloatArray();
      int[] labels = y.toIntArray();
      for (int i = 0; i < 32; i++) {
        double s = start[i * 2] + start[i * 2 + 1];
        assertEquals(lg[i * 2 + labels[i]], s, 1e-6, "the start is the true class's logit");
        double total = 0;
        for (int j = 0; j < IN; j++) {
          total += in[i * IN + j];
          if (s >= 0) {
            assertTrue(in[i * IN + j] >= -1e-7, "non-negative relevance from a non-negative start");
          }
        }
        // a unit with no positive evidence stops relevance; otherwise it is all passed on
        assertTrue(Math.abs(total) <= Math.abs(s) + 1e-5, "z+ never creates relevance");
      }
    }
  }

  @Test
  void zPlusRule_conservesRelevance_wherePositiveEvidenceExists() {
    Randomness r = Randomness.seeded(7);
    try (DpModel model = tiny(r, true); NDManager m = model.manager().newSubManager()) {
      for (Parameter p : model.network().parameters()) {
        p.getArray().set(p.getArray().abs().add(0.01f).toFloatArray()); // every z+ denominator positive
      }
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 32, IN).abs().add(0.1f);
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 32, 2);
      assertConserved(Lrp.explain(model.network(), x, y, LrpRule.ZPLUS, 0.01), 1e-5);
    }
  }

  @Test
  void wSquareRule_isDataFree_conserves_andIsNonNegative() {
    Randomness r = Randomness.seeded(8);
    try (DpModel model = tiny(r, true)) {
      Relevance rel = Lrp.dataFree(model.network());
      assertEquals(3, rel.layerOutputs().size());
      for (NDArray layer : rel.layerOutputs()) {
        assertEquals(1, layer.getShape().get(0));
        assertEquals(1.0, layer.sum().getFloat(), 1e-5, "relevance 1/K on K outputs, conserved");
        assertTrue(layer.min().getFloat() >= 0);
      }
      assertEquals(1.0, rel.input().sum().getFloat(), 1e-5);
    }
  }

  /** The seed's network at full size, biases zero: relevance conserved through 784-512-256-10. */
  @Test
  void epsilonRule_conservesRelevance_onTheMlp() {
    Randomness r = Randomness.seeded(9);
    try (DpModel model = DpModel.create(ModelZoo.get("mlp", new int[] {1, 28, 28}, 10), Device.cpu(),
        ConvGradMethod.AUTO, r.stream("init")); NDManager m = model.manager().newSubManager()) {
      NDArray x = TensorFixtures.uniform(m, r.stream("x"), 16, 1, 28, 28).abs();
      NDArray y = TensorFixtures.labels(m, r.stream("y"), 16, 10);
      for (Parameter p : model.network().parameters()) {
        if (p.getArray().getShape().dimension() == 1) {
          p.getArray().set(new float[(int) p.getArray().size()]);
        }
      }
      Relevance rel = Lrp.explain(model.network(), x, y, LrpRule.EPSILON, 1e-9);
      assertEquals(List.of(512L, 256L, 10L), rel.layerOutputs().stream().map(a -> a.getShape().get(1)).toList());
      assertEquals(4, rel.input().getShape().dimension(), "input relevance has the input's shape");
      assertConserved(rel, 1e-3);
    }
  }

  @Test
  void convolutionalModels_areRefusedWithAMessage() {
    Randomness r = Randomness.seeded(1);
    try (DpModel model = DpModel.create(ModelZoo.get("cnn", new int[] {1, 28, 28}, 10), Device.cpu(),
        ConvGradMethod.AUTO, r.stream("init"))) {
      UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
          () -> Lrp.dataFree(model.network()));
      assertTrue(e.getMessage().contains("mlp"), e.getMessage());
    }
  }

  /** Per example, every layer's relevance sums to the starting relevance (relative tolerance). */
  static void assertConserved(Relevance rel, double tol) {
    List<NDArray> layers = new java.util.ArrayList<>(rel.layerOutputs());
    layers.add(0, rel.input());
    NDArray start = rel.layerOutputs().get(rel.layerOutputs().size() - 1);
    int b = (int) start.getShape().get(0);
    float[] s = start.reshape(b, -1).sum(new int[] {1}).toFloatArray();
    for (NDArray layer : layers) {
      float[] t = layer.reshape(b, -1).sum(new int[] {1}).toFloatArray();
      for (int i = 0; i < b; i++) {
        assertEquals(s[i], t[i], tol * (1 + Math.abs(s[i])), "example " + i + ", layer of shape " + layer.getShape());
      }
    }
  }

  /** Bach et al.'s epsilon rule written out with loops over examples and neurons, in double precision. */
  static final class LoopOracle {
    static double[][][] preActivations(DpNetwork net, float[] x, int batch) {
      List<Parameter> p = net.parameters();
      double[][][] z = new double[3][batch][];
      for (int i = 0; i < batch; i++) {
        double[] a = new double[IN];
        for (int j = 0; j < IN; j++) {
          a[j] = x[i * IN + j];
        }
        for (int l = 0; l < 3; l++) {
          z[l][i] = affine(p.get(2 * l).getArray(), p.get(2 * l + 1).getArray(), a);
          a = relu(z[l][i]);
        }
      }
      return z;
    }

    /** [layer 0..2 outputs, then the input][example][neuron]. */
    static double[][][] epsilonRule(DpNetwork net, float[] x, int[] y, int batch, double eps) {
      List<Parameter> p = net.parameters();
      double[][][] z = preActivations(net, x, batch);
      double[][][] out = new double[4][batch][];
      for (int i = 0; i < batch; i++) {
        double[] rOut = new double[2];
        rOut[y[i]] = z[2][i][y[i]];
        for (int l = 2; l >= 0; l--) {
          out[l][i] = rOut;
          double[] a = l == 0 ? input(x, i) : relu(z[l - 1][i]);
          float[] w = p.get(2 * l).getArray().toFloatArray();
          double[] rIn = new double[a.length];
          for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < rOut.length; k++) {
              double zk = z[l][i][k];
              rIn[j] += a[j] * w[k * a.length + j] / (zk + (zk >= 0 ? eps : -eps)) * rOut[k];
            }
          }
          rOut = rIn;
        }
        out[3][i] = rOut;
      }
      return out;
    }

    static double[] input(float[] x, int i) {
      double[] a = new double[IN];
      for (int j = 0; j < IN; j++) {
        a[j] = x[i * IN + j];
      }
      return a;
    }

    static double[] affine(NDArray weight, NDArray bias, double[] a) {
      float[] w = weight.toFloatArray();
      float[] b = bias.toFloatArray();
      double[] z = new double[b.length];
      for (int k = 0; k < b.length; k++) {
        z[k] = b[k];
        for (int j = 0; j < a.length; j++) {
          z[k] += w[k * a.length + j] * a[j];
        }
      }
      return z;
    }

    static double[] relu(double[] z) {
      double[] a = new double[z.length];
      for (int k = 0; k < z.length; k++) {
        a[k] = Math.max(0, z[k]);
      }
      return a;
    }
  }
}
