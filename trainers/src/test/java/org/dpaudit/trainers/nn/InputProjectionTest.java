package org.dpaudit.trainers.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.ProjectionLayer;
import org.dpaudit.trainers.loop.TrainerFixtures;
import org.junit.jupiter.api.Test;
import smile.feature.extraction.PCA;

/** The input PCA of pca&lt;k&gt;- models: Smile's projection, fixed, saved with the model. */
class InputProjectionTest {
  private final Dataset data = TrainerFixtures.blobs("blobs", 300, 8, 4, 3);

  @Test
  void pcaPrefix_putsAFixedProjectionBeforeAFlatModel() {
    ModelSpec spec = ModelZoo.get("pca3-mlp1000", new int[] {8}, 4);
    assertEquals(5, spec.layers().size());
    assertInstanceOf(LayerSpec.Flatten.class, spec.layers().get(0));
    assertEquals(new LayerSpec.Projection(3), spec.layers().get(1));
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("pca3-cnn", new int[] {1, 28, 28}, 10));
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("pca9-mlp", new int[] {8}, 4));
    try (DpModel model = DpModel.create(spec, Device.cpu(), ConvGradMethod.AUTO, Randomness.seeded(1).stream("init"))) {
      assertEquals(3 * 1000 + 1000 + 1000 * 4 + 4, model.parameterCount(), "the projection is not trainable");
    }
  }

  @Test
  void fittedProjection_isSmilesPca_andIsSavedWithTheModel(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    ModelSpec spec = ModelZoo.get("pca3-mlp", new int[] {8}, 4);
    double[][] x = new double[data.size()][];
    for (int i = 0; i < x.length; i++) {
      float[] e = data.example(i);
      x[i] = new double[e.length];
      for (int j = 0; j < e.length; j++) {
        x[i][j] = e[j];
      }
    }
    PCA reference = PCA.fit(x).getProjection(3);
    try (DpModel model = DpModel.create(spec, Device.cpu(), ConvGradMethod.AUTO, Randomness.seeded(1).stream("init"));
        NDManager m = NDManager.newBaseManager(Device.cpu())) {
      assertTrue(InputProjection.needed(model));
      InputProjection.fit(model, data);
      ProjectionLayer layer = (ProjectionLayer) model.network().layers().get(1);
      NDArray in = m.create(data.example(7), new Shape(1, 8));
      float[] z = layer.forward(in, true, null).toFloatArray();
      double[] expected = reference.apply(x[7]);
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[c], z[c], 1e-4, "component " + c);
      }
      model.save(dir);
      try (DpModel loaded = DpModel.load(spec, dir, Device.cpu(), ConvGradMethod.AUTO)) {
        DpLayer l = loaded.network().layers().get(1);
        assertArrayEquals(z, l.forward(in, false, null).toFloatArray(), 0f);
      }
      assertTrue(Files.list(dir).findAny().isPresent());
    }
  }
}
