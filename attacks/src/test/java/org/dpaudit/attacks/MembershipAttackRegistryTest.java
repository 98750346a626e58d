package org.dpaudit.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpaudit.attacks.mia.AttackDetails;
import org.dpaudit.attacks.mia.MembershipAttack;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The runner's registry has one attack per membership attack id, and the typed details become
 * exactly the keys attack.json's {@code details} always had (the golden files pin the rest).
 */
class MembershipAttackRegistryTest {
  @Test
  void everyMembershipAttackId_hasItsAttack_andInversionIsNotOne() {
    for (AttackKind k : AttackKind.values()) {
      if (k == AttackKind.INVERSION) {
        var e = assertThrows(InvalidInputException.class, () -> AttackRunner.attack(k));
        assertEquals("attack inversion is not a membership attack", e.getMessage());
      } else {
        assertEquals(k, AttackRunner.attack(k).kind());
      }
    }
  }

  @Test
  void onlyLiraAndRmia_takeTheUsersShadowScores() {
    assertEquals(MembershipAttack.ShadowUse.NONE, AttackRunner.attack(AttackKind.LOSS).shadowUse());
    assertFalse(AttackRunner.attack(AttackKind.SHADOW).shadowUse().acceptsGiven());
    assertTrue(AttackRunner.attack(AttackKind.LIRA).shadowUse().acceptsGiven());
    assertTrue(AttackRunner.attack(AttackKind.RMIA).shadowUse().acceptsGiven());
  }

  @Test
  void defaultShadowCounts_areTheOnesAttackHelpDocuments() {
    // "Shadow models (shadow: 4, lira: 16) or reference models (rmia: 2)"
    assertEquals(0, AttackRunner.attack(AttackKind.LOSS).defaultShadows());
    assertEquals(4, AttackRunner.attack(AttackKind.SHADOW).defaultShadows());
    assertEquals(16, AttackRunner.attack(AttackKind.LIRA).defaultShadows());
    assertEquals(2, AttackRunner.attack(AttackKind.RMIA).defaultShadows());
  }

  @Test
  void details_haveTheKeysAttackJsonHad() {
    assertEquals(Map.of(), new AttackDetails.Loss().fields());
    assertEquals(Map.of("shadows", 4, "shadowTrainingSize", 500, "classifier", "c", "shadowsSaved", "d"),
        new AttackDetails.Shadow(4, 500, "c", "d").fields());
    assertEquals(Map.of("shadows", 16, "shadowTrainingSize", 500, "variant", "lira-online-fixed-variance",
        "shadowsSaved", "d"), new AttackDetails.Lira(16, 500, "lira-online-fixed-variance", "d").fields());
    // the user's shadow scores: no training-set size, nothing saved
    assertEquals(Map.of("shadows", 8, "variant", "v"), new AttackDetails.Lira(8, null, "v", null).fields());
    assertEquals(Map.of("referenceModels", 2, "populationSamples", 500, "a", 0.3, "gamma", 1.0, "shadowsSaved", "d"),
        new AttackDetails.Rmia(2, 500, null, 0.3, 1.0, "d").fields());
    assertEquals(List.of("a", "gamma", "population", "populationSamples", "referenceModels"),
        new AttackDetails.Rmia(2, 500, "p", 0.3, 1.0, null).fields().keySet().stream().sorted().toList());
  }
}
