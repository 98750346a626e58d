package org.dpaudit.trainers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.loop.OptimConfig;
import org.junit.jupiter.api.Test;

/** The schedules' rates against values worked out by hand, their command-line form and run.json's. */
class LrScheduleTest {
  @Test
  void step_keepsTheBaseRateForTheFirstFraction_thenMultipliesIt() {
    LrSchedule s = LrSchedule.parse("step:0.8:0.1");
    // 10 steps: steps 0-7 are the first 80%, 8 and 9 the last 20%.
    double[] expected = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.05, 0.05};
    for (int t = 0; t < 10; t++) {
      assertEquals(expected[t], s.at(0.5, t, 10), 1e-15, "step " + t);
    }
    // The benchmark's 15 epochs of 231 steps: the decay starts with epoch 13, at step 12 * 231 = 2772.
    assertEquals(0.5, s.at(0.5, 2771, 3465), 0);
    assertEquals(0.05, s.at(0.5, 2772, 3465), 1e-15);
    assertEquals(0.05, s.at(0.5, 3464, 3465), 1e-15);
    // 2,880 steps (the validation split's 15 epochs of 192): from step 2304, epoch 13.
    assertEquals(0.5, s.at(0.5, 2303, 2880), 0);
    assertEquals(0.05, s.at(0.5, 2304, 2880), 1e-15);
    LrSchedule half = LrSchedule.step(0.5, 0.2);
    assertEquals(1.0, half.at(1.0, 1, 4), 0);
    assertEquals(0.2, half.at(1.0, 2, 4), 1e-15);
  }

  @Test
  void linearAndCosine_fallFromTheBaseRateToZero() {
    double[] linear = {1, 0.75, 0.5, 0.25};
    // cos(pi/4) = sqrt(2)/2: (1 + 0.70710678...) / 2 and (1 - 0.70710678...) / 2.
    double[] cosine = {1, 0.8535533905932737, 0.5, 0.14644660940672627};
    for (int t = 0; t < 4; t++) {
      assertEquals(2 * linear[t], LrSchedule.LINEAR.at(2, t, 4), 1e-15, "linear, step " + t);
      assertEquals(2 * cosine[t], LrSchedule.COSINE.at(2, t, 4), 1e-15, "cosine, step " + t);
      assertEquals(2, LrSchedule.CONSTANT.at(2, t, 4), 0);
    }
  }

  @Test
  void commandLineForms_parseAndPrintBack() {
    assertEquals(LrSchedule.CONSTANT, LrSchedule.parse("constant"));
    assertEquals(LrSchedule.COSINE, LrSchedule.parse("COSINE"));
    assertEquals(LrSchedule.LINEAR, LrSchedule.parse("linear"));
    LrSchedule s = LrSchedule.parse("step:0.85:0.2");
    assertEquals(LrSchedule.Shape.STEP, s.shape());
    assertEquals(0.85, s.after(), 0);
    assertEquals(0.2, s.factor(), 0);
    assertEquals("step:0.85:0.2", s.id());
    assertEquals("constant", LrSchedule.CONSTANT.toString());
    assertEquals("multiplied by 0.1 after 80% of the steps", LrSchedule.parse("step:0.8:0.1").describe());
  }

  @Test
  void badForms_areOneLineErrorsThatSayWhatIsAccepted() {
    for (String bad : new String[] {"bogus", "step", "step:0.8", "step:0.8:0.1:2", "step:a:0.1", "steps:0.8:0.1",
        "step:0:0.1", "step:1:0.1", "step:0.8:1", "step:0.8:0", "step:-0.5:0.1", "step:NaN:0.1", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse(bad), bad);
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().contains("step:") || e.getMessage().contains("(0, 1)"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new LrSchedule(LrSchedule.Shape.COSINE, 0.5, 0.1));
  }

  @Test
  void runJson_keepsTheScheduleInItsOneStringField() {
    OptimConfig step = new OptimConfig(15, 256, OptimizerKind.SGD, 0.5, 0, LrSchedule.parse("step:0.8:0.1"));
    String json = Json.write(step);
    assertTrue(json.contains("\"lrSchedule\" : \"step:0.8:0.1\""), json);
    assertEquals(step, Json.read(json, OptimConfig.class, "step"));
    // The schedules that existed before are written as before, and read in either spelling.
    OptimConfig constant = new OptimConfig(15, 256, OptimizerKind.SGD, 0.5, 0, LrSchedule.CONSTANT);
    String c = Json.write(constant);
    assertTrue(c.contains("\"lrSchedule\" : \"constant\""), c);
    assertEquals(constant, Json.read(c.replace("\"constant\"", "\"CONSTANT\""), OptimConfig.class, "old"));
  }
}
