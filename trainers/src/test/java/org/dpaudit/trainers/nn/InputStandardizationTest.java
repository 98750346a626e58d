package org.dpaudit.trainers.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** norm-&lt;constants&gt;- models: a fixed standardising first layer, rebuilt from the name by every loader. */
class InputStandardizationTest {
  private static final int[] MNIST = {1, 28, 28};

  @Test
  void modelName_composesThePrefix_andRefusesUnknownConstants() {
    assertEquals("cnn", InputStandardization.modelName("cnn", "none"));
    assertEquals("norm-mnist-cnn", InputStandardization.modelName("cnn", "mnist"));
    assertThrows(InvalidInputException.class, () -> InputStandardization.modelName("cnn", "imagenet"));
    assertThrows(InvalidInputException.class, () -> InputStandardization.modelName("norm-mnist-cnn", "mnist"));
  }

  @Test
  void spec_isTheBaseModelAfterAStandardisingLayer() {
    ModelSpec base = ModelZoo.get("cnn", MNIST, 10);
    ModelSpec spec = ModelZoo.get("norm-mnist-cnn", MNIST, 10);
    assertEquals("norm-mnist-cnn", spec.name());
    assertEquals(new LayerSpec.Standardize("mnist", 0.1307, 0.3081), spec.layers().get(0));
    assertEquals(base.layers(), spec.layers().subList(1, spec.layers().size()));
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("norm-bogus-cnn", MNIST, 10));
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("norm-mnist-pca3-mlp", MNIST, 10),
        "a PCA fitted on raw inputs must not follow a standardisation");
  }

  @Test
  void model_computesTheBaseModelOnStandardisedInputs_andSavesAndLoadsIt(@TempDir Path dir) {
    float[] pixels = new float[2 * 28 * 28];
    float[] standardised = new float[pixels.length];
    var rng = new java.util.SplittableRandom(3);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) rng.nextDouble();
      standardised[i] = (pixels[i] - 0.1307f) / 0.3081f;
    }
    try (DpModel norm = DpModel.create(ModelZoo.get("norm-mnist-cnn", MNIST, 10), Device.cpu(), ConvGradMethod.AUTO,
            Randomness.seeded(4).stream("init"));
        DpModel base = DpModel.create(ModelZoo.get("cnn", MNIST, 10), Device.cpu(), ConvGradMethod.AUTO,
            Randomness.seeded(4).stream("init"));
        NDManager m = NDManager.newBaseManager(Device.cpu())) {
      assertEquals(base.parameterCount(), norm.parameterCount(), "the standardisation has no parameters");
      NDArray x = m.create(pixels, new Shape(2, 1, 28, 28));
      float[] expected = base.network().logits(m.create(standardised, new Shape(2, 1, 28, 28))).toFloatArray();
      float[] viaNetwork = norm.network().logits(x).toFloatArray();
      float[] viaBlock = blockForward(norm, m, x);
      assertArrayEquals(expected, viaNetwork, 1e-4f);
      assertArrayEquals(viaNetwork, viaBlock, 1e-5f, "the saved DJL block applies the same standardisation");
      float[] unstandardised = base.network().logits(x).toFloatArray();
      double gap = 0;
      for (int i = 0; i < expected.length; i++) {
        gap = Math.max(gap, Math.abs(unstandardised[i] - expected[i]));
      }
      assertEquals(true, gap > 1e-2, "standardising changes the logits (the test can tell)");
      norm.save(dir);
      try (DpModel loaded = DpModel.load(ModelZoo.get("norm-mnist-cnn", MNIST, 10), dir, Device.cpu(),
          ConvGradMethod.AUTO)) {
        assertArrayEquals(viaNetwork, loaded.network().logits(x).toFloatArray(), 0f);
      }
    }
  }

  private static float[] blockForward(DpModel model, NDManager m, NDArray x) {
    NDList out = model.block().forward(new ParameterStore(m, false), new NDList(x), false);
    return out.singletonOrThrow().toFloatArray();
  }
}
