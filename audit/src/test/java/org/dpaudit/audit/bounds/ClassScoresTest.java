package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.junit.jupiter.api.Test;

class ClassScoresTest {
  @Test
  void fromAnAttacksOutput_splitsByTrueMembership() {
    MembershipScores attack = new MembershipScores("loss", new int[] {10, 11, 12, 13, 14},
        new double[] {-0.1, -2.5, -0.0, -3.0, -0.2}, new boolean[] {true, false, true, false, true});
    ClassScores s = ClassScores.of(attack);
    assertEquals(3, s.positives());
    assertEquals(2, s.negatives());
    assertArrayEquals(new double[] {-0.1, 0.0, -0.2}, s.memberScores()); // -0.0 normalised, order kept
    assertArrayEquals(new double[] {-2.5, -3.0}, s.nonMemberScores());
    assertEquals(new ConfusionCounts(3, 0, 0, 2), s.countsAt(-0.2));
  }

  @Test
  void anAttackWithOneClassOnly_isRejected() {
    MembershipScores allIn = new MembershipScores("loss", new int[] {1, 2}, new double[] {1, 2},
        new boolean[] {true, true});
    assertEquals("membership scores need at least one non-member; got none",
        assertThrows(InvalidInputException.class, () -> ClassScores.of(allIn)).getMessage());
  }
}
