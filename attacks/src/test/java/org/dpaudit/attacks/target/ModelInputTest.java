package org.dpaudit.attacks.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** How imported models are fed: layouts tried, shapes parsed, standardisation, output kinds. */
class ModelInputTest {
  @Test
  void candidates_areTheNaturalLayoutsOfTheExamples() {
    List<int[]> mnist = ModelInput.probe().candidates(new int[] {1, 28, 28});
    assertEquals(3, mnist.size());
    assertArrayEquals(new int[] {1, 28, 28}, mnist.get(0));
    assertArrayEquals(new int[] {28, 28}, mnist.get(1));
    assertArrayEquals(new int[] {784}, mnist.get(2));
    List<int[]> cifar = ModelInput.probe().candidates(new int[] {3, 32, 32});
    assertEquals(2, cifar.size(), "no [H, W] layout for three channels");
    assertEquals(1, ModelInput.probe().candidates(new int[] {14}).size(), "a table's rows as they are");
  }

  @Test
  void givenShape_mustHoldAsManyValues() {
    ModelInput in = new ModelInput(ModelInput.parseShape("N,784"), null, null);
    assertEquals(List.of(784), in.shape());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ModelInput(List.of(100), null, null).candidates(new int[] {1, 28, 28}));
    assertTrue(e.getMessage().contains("holds 100 values per example"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> ModelInput.parseShape("28x28"));
  }

  @Test
  void normalization_perChannel() {
    Normalization n = Normalization.parse("0.5,0.25,2,4"); // means 0.5, 0.25; standard deviations 2, 4
    float[] x = {1, 1, 1, 1};
    n.apply(x, new int[] {2, 1, 2}); // two channels of two values
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.1875f, 0.1875f}, x);
    assertEquals("0.5,0.25,2.0,4.0", n.text());
    assertThrows(InvalidInputException.class, () -> Normalization.parse("0.5"));
    assertThrows(InvalidInputException.class, () -> Normalization.parse("0.5,0"));
    assertThrows(InvalidInputException.class, () -> Normalization.parse("0.1,0.2,0.3,1,1,1").check(new int[] {1, 2}));
  }

  @Test
  void outputKind_toldFromTheValues() {
    assertEquals(OutputKind.PROBABILITIES, OutputKind.detect(new float[] {0.2f, 0.8f, 0.5f, 0.5f}, 2));
    float[] logp = {(float) Math.log(0.2), (float) Math.log(0.8)};
    assertEquals(OutputKind.LOG_PROBABILITIES, OutputKind.detect(logp, 2));
    assertEquals(OutputKind.LOGITS, OutputKind.detect(new float[] {2f, -1f, 0.3f, 0.1f}, 2));
    assertEquals(OutputKind.LOGITS, OutputKind.detect(new float[] {0.2f, 0.8f, 0.5f, 0.6f}, 2),
        "one row not summing to 1 is not probabilities");
    float[] p = OutputKind.PROBABILITIES.toLogits(new float[] {0.25f, 0.75f});
    assertEquals(Math.log(3), p[1] - p[0], 1e-6, "logged: the softmax gives the probabilities back");
    assertEquals(OutputKind.LOG_PROBABILITIES, OutputKind.of("log-probabilities"));
    assertThrows(InvalidInputException.class, () -> OutputKind.of("softmax"));
  }
}
