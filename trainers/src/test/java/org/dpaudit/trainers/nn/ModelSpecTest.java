package org.dpaudit.trainers.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.UnsupportedModelException;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  @Test
  void batchNorm_isRefused_withAMessageThatSaysUseGroupNorm() {
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> new ModelSpec("bn",
        List.of(3, 8, 8), List.of(new LayerSpec.Conv2d(4, 3, 1, 1), new LayerSpec.BatchNorm(),
            new LayerSpec.Flatten(), new LayerSpec.BatchNorm(), new LayerSpec.Linear(2))));
    assertTrue(e.getMessage().contains("use GroupNorm"), e.getMessage());
    assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("layer 3"), "all problems in one message");
  }

  @Test
  void unknownModel_andImageModelOnTables_areInputErrors() {
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("resnet", new int[] {1, 28, 28}, 10));
    assertThrows(InvalidInputException.class, () -> ModelZoo.get("cnn", new int[] {14}, 2));
  }
}
