package org.dpaudit.trainers.grad;

import static org.dpaudit.trainers.TensorFixtures.labels;
import static org.dpaudit.trainers.TensorFixtures.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Non-private training hands the optimizer the parameters' own gradient buffers, zeroed in place
 * at the next call, instead of copies: a model trained that way for several steps (with DP
 * per-example passes on the same network in between, as the oracle test mixes them)
 * must end bit for bit where an independent computation ends, which takes each step's gradient on a
 * fresh copy of the parameters that never had a gradient buffer (nothing to zero, nothing
 * accumulated) and applies the same updates.
 */
class MeanLossGradientsTest {
  private static final int STEPS = 6;

  @ParameterizedTest(name = "{0} batch {1}")
  @CsvSource({"mlp, 32", "cnn, 8"})
  void gradientBuffers_trainBitForBitAsFreshGradients(String name, int batch) {
    Randomness r = Randomness.seeded(11);
    try (DpModel tested = DpModel.create(ModelZoo.get(name, new int[] {1, 28, 28}, 10), Device.cpu(),
            ConvGradMethod.AUTO, r.stream("init"));
        DpModel independent = DpModel.create(ModelZoo.get(name, new int[] {1, 28, 28}, 10), Device.cpu(),
            ConvGradMethod.AUTO, r.stream("init"));
        NDManager data = tested.manager().newSubManager()) {
      DpNetwork a = tested.network();
      DpNetwork b = independent.network();
      assertParametersEqual(a, b, "initial");
      Optimizer optA = new Optimizer(OptimizerKind.SGD, 0.9, a.parameters(), tested.manager());
      Optimizer optB = new Optimizer(OptimizerKind.SGD, 0.9, b.parameters(), independent.manager());
      RandomGenerator rng = r.stream("data");
      for (int step = 0; step < STEPS; step++) {
        NDArray x = uniform(data, rng, batch, 1, 28, 28);
        NDArray y = labels(data, rng, batch, 10);
        NDList g = a.meanLossGradients(x, y, null);
        for (Parameter p : a.parameters()) {
          assertFalse(p.getArray().hasGradient(), "parameters require gradients only inside the call");
        }
        optA.step(a.parameters(), g, 0.5);
        if (step % 2 == 1) {
          a.perSampleGradients(x, y); // the DP path on the same network between two non-private steps
        }
        try (NDManager fresh = data.newSubManager()) {
          NDList gb = freshGradient(b, fresh, x, y);
          // b's parameters still require gradients from initialisation, and grad mode is on in a
          // thread the engine did not start: update them as the optimizer's caller would, outside any graph.
          Engines.withoutGrad(() -> optB.step(b.parameters(), gb, 0.5));
        }
        assertParametersEqual(a, b, "after step " + (step + 1));
      }
    }
  }

  /** The mean loss's gradient on a copy of {@code net}'s parameters that has never had a gradient. */
  private static NDList freshGradient(DpNetwork net, NDManager m, NDArray x, NDArray y) {
    DpNetwork copy = net.replicate(m);
    for (Parameter p : copy.parameters()) {
      p.getArray().setRequiresGradient(true);
    }
    try (GradientCollector gc = Engines.gradientCollector()) {
      gc.backward(Losses.crossEntropy(copy.forward(x, true, null), y).mean());
    }
    NDList grads = new NDList();
    for (Parameter p : copy.parameters()) {
      grads.add(p.getArray().getGradient());
    }
    return grads;
  }

  private static void assertParametersEqual(DpNetwork a, DpNetwork b, String when) {
    for (int i = 0; i < a.parameters().size(); i++) {
      assertArrayEquals(b.parameters().get(i).getArray().toFloatArray(), a.parameters().get(i).getArray().toFloatArray(),
          when + ", parameter " + a.parameters().get(i).getName());
    }
  }
}
