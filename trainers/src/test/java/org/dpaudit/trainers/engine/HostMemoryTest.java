package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** {@link HostMemory#floatArray}: the values, shape and type {@code NDManager.create(float[])} gives. */
class HostMemoryTest {
  @Test
  void floatArray_isWhatCreateGives() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      float[] values = {0.5f, -1.25f, Float.MIN_VALUE, 3e38f, -0.0f, 1f / 3};
      NDArray fast = HostMemory.floatArray(m, values);
      NDArray engine = m.create(values);
      assertEquals(engine.getShape(), fast.getShape());
      assertEquals(DataType.FLOAT32, fast.getDataType());
      assertArrayEquals(engine.toFloatArray(), fast.toFloatArray());
      // written in place: the array's own memory holds the values (not a copy that was dropped)
      assertEquals(1f / 3, fast.get(5).getFloat());
      NDArray empty = HostMemory.floatArray(m, new float[0]);
      assertEquals(new Shape(0), empty.getShape());
    }
  }
}
