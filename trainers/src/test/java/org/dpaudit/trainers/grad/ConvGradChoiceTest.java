package org.dpaudit.trainers.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The per-layer method rule, on the layers dpaudit trains (its speed claims are measured by {@code
 * dpaudit bench dp-step}; every method is checked against the batch-size-1 oracle elsewhere).
 */
class ConvGradChoiceTest {
  @Test
  void withTheNativeKernel_directWheneverTheGradientsFit_elseTheEngineRule() {
    assertEquals(ConvGradMethod.DIRECT, Conv2dLayer.choose(256, 1, 16, 8, 196, true));
    assertEquals(ConvGradMethod.DIRECT, Conv2dLayer.choose(256, 16, 32, 4, 25, true));
    assertEquals(ConvGradMethod.DIRECT, Conv2dLayer.choose(256, 100, 100, 1, 64, true));
    // 8192 x 100 x 100 floats exceed the limit: the engine's ghost norms, as without the kernel
    assertEquals(ConvGradMethod.GHOST, Conv2dLayer.choose(8192, 100, 100, 1, 64, true));
  }


  @Test
  void withoutTheKernel_mnistCnn_groupedForTheFirstLayer_ghostForTheSecond() {
    // conv 1->16 k8 s2 p3 on 28x28: T = 196; conv 16->32 k4 s2 on 13x13: T = 25
    assertEquals(ConvGradMethod.GROUPED, Conv2dLayer.choose(256, 1, 16, 8, 196, false));
    assertEquals(ConvGradMethod.GHOST, Conv2dLayer.choose(256, 16, 32, 4, 25, false));
  }

  @Test
  void fewPositionsButGhostDearer_unfolds_manyPositions_grouped_hugeGradients_ghost() {
    assertEquals(ConvGradMethod.UNFOLD, Conv2dLayer.choose(256, 64, 64, 3, 64, false)); // 64 x 640 > 36,864
    assertEquals(ConvGradMethod.GROUPED, Conv2dLayer.choose(256, 3, 32, 3, 1024, false));
    // 1x1 conv, 100 -> 100 channels, T = 64: ghost dearer (64 x 200 > 100 x 100) at batch 256, but at
    // batch 8192 the 82M floats of per-example gradients exceed the limit, and T^2 < 100 x 100
    assertEquals(ConvGradMethod.UNFOLD, Conv2dLayer.choose(256, 100, 100, 1, 64, false));
    assertEquals(ConvGradMethod.GHOST, Conv2dLayer.choose(8192, 100, 100, 1, 64, false));
  }
}
