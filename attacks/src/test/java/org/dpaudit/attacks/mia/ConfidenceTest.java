package org.dpaudit.attacks.mia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceTest {
  @Test
  void logitScaled_isTheLogOddsOfTheTrueClass_andShiftInvariant() {
    float[] z = {2f, 0f, -1f};
    double p = Math.exp(2) / (Math.exp(2) + 1 + Math.exp(-1));
    assertEquals(Math.log(p / (1 - p)), Confidence.logitScaled(z, 3, new int[] {0})[0], 1e-12);
    float[] shifted = {102f, 100f, 99f};
    assertEquals(Confidence.logitScaled(z, 3, new int[] {0})[0], Confidence.logitScaled(shifted, 3, new int[] {0})[0],
        1e-5);
  }

  @Test
  void confidentModels_doNotSaturate() {
    // a margin of 60: p_y = 1 - 1e-26 is 1.0f in float32, but phi and the loss stay exact
    float[] z = {60f, 0f};
    assertEquals(60.0, Confidence.logitScaled(z, 2, new int[] {0})[0], 1e-9);
    double loss = Confidence.loss(z, 2, new int[] {0})[0];
    assertEquals(Math.exp(-60), loss, 1e-35);
    assertTrue(loss > 0);
  }

  @Test
  void loss_matchesCrossEntropy() {
    float[] z = {0.5f, -0.25f, 1.5f};
    double lse = Math.log(Math.exp(0.5) + Math.exp(-0.25) + Math.exp(1.5));
    assertEquals(lse - (-0.25), Confidence.loss(z, 3, new int[] {1})[0], 1e-6);
    assertEquals(Math.exp(-0.25 - lse), Confidence.trueClassProbability(z, 3, new int[] {1})[0], 1e-7);
  }
}
