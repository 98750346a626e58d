package org.dpaudit.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class SplitterTest {
  @Test
  void sameSeed_sameSplit() {
    SplitSpec spec = new SplitSpec(100, 100, 300, 50, 5);
    assertEquals(Splitter.split(1000, 200, spec), Splitter.split(1000, 200, spec));
  }

  @Test
  void differentSeed_differentSplit() {
    MembershipSplit a = Splitter.split(1000, 200, new SplitSpec(100, 100, 300, 50, 5));
    MembershipSplit b = Splitter.split(1000, 200, new SplitSpec(100, 100, 300, 50, 6));
    assertNotEquals(a.record().indicesSha256(), b.record().indicesSha256());
  }

  @Test
  void groupsAreDisjointSortedAndSized() {
    MembershipSplit s = Splitter.split(1000, 200, new SplitSpec(100, 150, 700, 200, 1));
    Set<Integer> seen = new HashSet<>();
    for (int[] g : new int[][] {s.members(), s.nonMembers(), s.attackerPool()}) {
      for (int i = 0; i < g.length; i++) {
        assertTrue(seen.add(g[i]), "index " + g[i] + " in two groups");
        assertTrue(i == 0 || g[i - 1] < g[i]);
        assertTrue(g[i] >= 0 && g[i] < 1000);
      }
    }
    assertEquals(950, seen.size());
    assertEquals(200, s.test().length);
    assertEquals(200, new HashSet<>(java.util.Arrays.stream(s.test()).boxed().toList()).size());
    assertEquals(100, s.record().members());
  }

  @Test
  void withoutTestPartition_testComesFromTrainDisjointly() {
    MembershipSplit s = Splitter.split(500, 0, new SplitSpec(100, 100, 100, 100, 2));
    assertTrue(s.testFromTrain());
    Set<Integer> seen = new HashSet<>();
    for (int[] g : new int[][] {s.members(), s.nonMembers(), s.attackerPool(), s.test()}) {
      for (int i : g) {
        assertTrue(seen.add(i));
      }
    }
    assertEquals(400, seen.size());
  }

  @Test
  void tooLarge_isOneLineError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Splitter.split(100, 10, new SplitSpec(50, 50, 10, 5, 0)));
    assertEquals("the split needs 110 training examples (members 50 + non-members 50 + attacker pool 10) but the "
        + "dataset has 100", e.getMessage());
    assertThrows(InvalidInputException.class, () -> Splitter.split(100, 10, new SplitSpec(10, 10, 10, 11, 0)));
  }

  @Test
  void permutation_isUniformOnThreeElements() {
    // 60000 permutations of 3: each of the 6 orders has expected count 10000 and sd ~91; a 6-sigma
    // band fails with probability < 1e-8 per cell. A biased (Sattolo) shuffle gives only 2 orders.
    var rng = Randomness.seeded(1).stream("test");
    int[] counts = new int[6];
    for (int t = 0; t < 60000; t++) {
      int[] p = Splitter.permutation(3, rng);
      counts[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10000) < 6 * 91.3, java.util.Arrays.toString(counts));
    }
  }
}
