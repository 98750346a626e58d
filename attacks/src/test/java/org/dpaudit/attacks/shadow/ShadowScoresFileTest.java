package org.dpaudit.attacks.shadow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shadow scores format: written and read back exactly; the user's variants; bad files. */
class ShadowScoresFileTest {
  @TempDir Path dir;

  @Test
  void logits_roundTripExactly_withRecipeAndShadowNumber() {
    float[] z = {1.1f, -2.25f, 0.1f, 3.3333333f, (float) Math.PI, -1e-7f};
    ShadowScores s = ShadowScores.ofLogits("x", "abc123", new int[] {7, 3, 9}, new boolean[] {true, false, true},
        new int[] {0, 1, 1}, z, 2);
    Path f = dir.resolve("shadow-0005.csv");
    ShadowScoresFile.write(f, s, 5);
    ShadowScoresFile.Parsed p = ShadowScoresFile.parse(f);
    assertEquals(s, p.scores());
    assertEquals("abc123", p.header().recipe());
    assertEquals(5, p.header().shadow());
    assertArrayEquals(new boolean[] {false, true}, p.scores().in(new int[] {3, 9}));
    assertArrayEquals(s.confidence(new int[] {9, 7}), p.scores().confidence(new int[] {9, 7}), 0.0);
  }

  @Test
  void usersFiles_probabilitiesOrLosses_anyColumnOrder() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "in,p_1,p_0,example,label\n1,0.75,0.25,4,1\n0,0.5,0.5,2,0\n");
    Files.writeString(dir.resolve("b.csv"), "example,in,loss\n2,0,0.6931471805599453\n4,1,0.2876820724517792\n");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    var all = ShadowScoresFile.readAll(dir);
    assertEquals(2, all.size());
    double[] fromP = all.get(0).confidence(new int[] {4, 2});
    double[] fromLoss = all.get(1).confidence(new int[] {4, 2});
    assertEquals(Math.log(3), fromP[0], 1e-6, "phi = ln(p_y / (1 - p_y)) = ln 3");
    assertEquals(Math.log(3), fromLoss[0], 1e-12);
    assertEquals(0, fromLoss[1], 1e-12);
    assertTrue(all.get(1).lossOnly());
  }

  @Test
  void fromLoss_invertsTheLoss() {
    double[] phi = {-30, -2, 0, 1e-6, 3, 40};
    double[] loss = Confidence.lossOf(phi);
    for (int i = 0; i < phi.length; i++) {
      assertEquals(phi[i], Confidence.fromLoss(loss[i]), 1e-9 * Math.max(1, Math.abs(phi[i])), "phi " + phi[i]);
    }
  }

  @Test
  void badFiles_nameTheFileAndTheProblem() throws IOException {
    Path noIn = Files.writeString(dir.resolve("no-in.csv"), "example,loss\n1,0.5\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShadowScoresFile.read(noIn));
    assertTrue(e.getMessage().startsWith(noIn + ": no 'in' column"), e.getMessage());
    Path badIn = Files.writeString(dir.resolve("bad-in.csv"), "example,in,loss\n1,2,0.5\n");
    assertTrue(assertThrows(InvalidInputException.class, () -> ShadowScoresFile.read(badIn)).getMessage()
        .contains("in must be 0 or 1"));
    Path missing = Files.writeString(dir.resolve("m.csv"), "example,in,loss\n1,1,0.5\n");
    ShadowScores s = ShadowScoresFile.read(missing);
    assertTrue(assertThrows(InvalidInputException.class, () -> s.confidence(new int[] {2})).getMessage()
        .contains("no row for example 2"));
    assertThrows(InvalidInputException.class, () -> ShadowScoresFile.readAll(dir.resolve("nowhere")));
  }
}
