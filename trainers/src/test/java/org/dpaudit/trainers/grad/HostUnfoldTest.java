package org.dpaudit.trainers.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The Java unfold against the engine's slicing unfold: the same values bit for bit (both are
 * copies), for padded and unpadded, strided and unstrided layers, inputs laid out channels-first and
 * channels-last, and batches small enough for one thread and large enough for two.
 */
class HostUnfoldTest {
  @ParameterizedTest(name = "B={0} C={1} {2}x{3} k={4} s={5} p={6} channelsLast={7}")
  @CsvSource({
    "3, 1, 28, 28, 8, 2, 3, false", // the MNIST CNN's first layer
    "256, 16, 13, 13, 4, 2, 0, true", // its second, laid out as the pooling leaves it (two threads)
    "256, 16, 13, 13, 4, 2, 0, false",
    "5, 3, 16, 12, 3, 1, 1, false", // a CIFAR-style layer, a non-square input
    "40, 8, 9, 9, 3, 2, 2, true", // padding wider than the stride, two threads
    "2, 4, 5, 5, 5, 1, 0, false", // one output position
  })
  void equalsTheEnginesUnfold(int b, int c, int h, int w, int k, int s, int p, boolean channelsLast) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = input(m, b, c, h, w, channelsLast);
      Conv2dLayer layer = new Conv2dLayer(null, null, k, s, p, ConvGradMethod.UNFOLD);
      NDArray host = HostUnfold.unfold(x, k, s, p);
      assertNotNull(host);
      NDArray engine = layer.sliceUnfold(x);
      assertEquals(engine.getShape(), host.getShape());
      assertArrayEquals(engine.toFloatArray(), host.toFloatArray());
      assertArrayEquals(engine.toFloatArray(), layer.unfold(x).toFloatArray());
    }
  }

  @Test
  void leavesOtherTypesToTheEngine() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = input(m, 2, 1, 6, 6, false).toType(DataType.FLOAT64, false);
      assertNull(HostUnfold.unfold(x, 3, 1, 1));
      Conv2dLayer layer = new Conv2dLayer(null, null, 3, 1, 1, ConvGradMethod.UNFOLD);
      assertEquals(new Shape(2, 36, 9), layer.unfold(x).getShape());
    }
  }

  /** Distinct values everywhere, so a misplaced copy cannot pass. */
  private static NDArray input(NDManager m, int b, int c, int h, int w, boolean channelsLast) {
    SplittableRandom rng = new SplittableRandom(b * 31L + c);
    float[] v = new float[b * c * h * w];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (i + rng.nextDouble());
    }
    if (!channelsLast) {
      return m.create(v, new Shape(b, c, h, w));
    }
    return m.create(v, new Shape(b, h, w, c)).transpose(0, 3, 1, 2); // (B, C, H, W) over channels-last memory
  }
}
