package org.dpaudit.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline from the native jar on the class path, and computes. */
class EngineSmokeTest {
  @Test
  void pytorchEngine_loadsOfflineAndMultiplies() {
    assertEquals("true", System.getProperty("ai.djl.offline"));
    Engine engine = Engine.getEngine("PyTorch");
    assertEquals("2.7.1", engine.getVersion());
    try (NDManager m = NDManager.newBaseManager(engine.defaultDevice(), "PyTorch")) {
      NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      // sum of A A^T = |sum of rows|^2 = |(4, 6)|^2 = 52
      assertEquals(52f, a.matMul(a.transpose()).sum().getFloat(), 0f);
    }
  }
}
