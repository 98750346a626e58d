package org.dpaudit.audit.canary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.audit.RunFixture;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.trainers.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryAuditorTest {
  private static final BoundParameters P95 = new BoundParameters(0.95, 1e-5);

  @TempDir Path tmp;

  private static RandomGenerator stream(String name) {
    return Randomness.seeded(99).stream("test/" + name);
  }

  /** m canaries, each in with probability 1/2, included ones scoring N(shift, 1), the others N(0, 1). */
  private record Canaries(double[] scores, boolean[] included) {
    static Canaries draw(int m, double shift, String name) {
      RandomGenerator rng = stream(name);
      double[] s = new double[m];
      boolean[] in = new boolean[m];
      for (int i = 0; i < m; i++) {
        in[i] = rng.nextBoolean();
        s[i] = (in[i] ? shift : 0) + RunFixture.normal(rng);
      }
      return new Canaries(s, in);
    }
  }

  /** The tie-break generator logs each draw, the inclusion source its read: every draw must come first. */
  @Test
  void inclusionIsRead_once_afterTheGuessesAreCommitted() {
    Canaries c = Canaries.draw(300, 2, "order");
    List<String> events = new ArrayList<>();
    RandomGenerator base = stream("ties");
    RandomGenerator logged = new RandomGenerator() {
      @Override
      public long nextLong() {
        events.add("draw");
        return base.nextLong();
      }
    };
    InclusionSource source = () -> {
      events.add("read");
      return c.included().clone();
    };
    CanaryAuditor.audit(CanaryScores.of("loss", c.scores()), source, P95, logged, false, null, 0);
    assertEquals(301, events.size());
    assertEquals("read", events.get(300), "the inclusion bits were read before every guess was fixed");
    assertEquals(1, events.stream().filter("read"::equals).count());
  }

  @Test
  void separatedCanaries_areCaught_randomOnesAreNot() {
    Canaries strong = Canaries.draw(1000, 4, "strong");
    CanaryAuditor.Result r = CanaryAuditor.audit(CanaryScores.of("loss", strong.scores()), strong::included, P95,
        stream("t1"), false, null, 0);
    assertEquals(GuessCounts.grid(1000), r.rules());
    assertTrue(r.bound().decides());
    assertFalse(r.oneRun().decides());
    assertEquals(BoundMethod.ONE_RUN_FDP_EPS_DELTA, r.bound().bound().method());
    assertEquals(BoundMethod.ONE_RUN, r.oneRun().bound().method());
    assertTrue(r.oneRun().epsilon() > 2, "a strong signal: " + r.oneRun().epsilon());
    assertTrue(r.bound().epsilon() >= 0.85 * r.oneRun().epsilon(), "about as tight as Steinke's on the same guesses");
    assertTrue(r.oneRun().epsilon() <= r.oneRun().maxAchievable());
    assertTrue(r.bound().epsilon() <= r.bound().maxAchievable());
    assertNull(r.fdp());
    assertNull(r.ledger());
    Canaries none = Canaries.draw(1000, 0, "none");
    CanaryAuditor.Result n = CanaryAuditor.audit(CanaryScores.of("loss", none.scores()), none::included, P95,
        stream("t2"), false, null, 0);
    assertTrue(n.bound().epsilon() < 0.3, "no signal: " + n.bound().epsilon());
  }

  @Test
  void fdpRefinement_onlyForAGaussianCurve_andNeverDecides() {
    Canaries c = Canaries.draw(1000, 2, "fdp");
    CanaryAuditor.Result r = CanaryAuditor.audit(CanaryScores.of("loss", c.scores()), c::included, P95,
        stream("t"), true, null, 0);
    assertEquals(BoundMethod.ONE_RUN_FDP, r.fdp().bound().method());
    assertFalse(r.fdp().decides());
    assertTrue(r.fdp().caveat().contains("never used for the verdict"), r.fdp().caveat());
    assertTrue(r.fdp().epsilon() >= r.oneRun().epsilon(), "tighter on the same guesses");
  }

  @Test
  void lossScore_isTheLogProbabilityOfTheCanarysLabel() {
    Dataset canaries = new Dataset("c", new float[] {0, 0, 0}, new int[] {0, 1, 2}, new int[] {1}, List.of("a", "b", "c"));
    float[] logits = {2, 0, 0, 0, 0, 0, 0, 0, -3};
    Target target = new Target() {
      @Override
      public float[] logits(Dataset data, int[] idx) {
        assertArrayEquals(new int[] {0, 1, 2}, idx);
        return logits;
      }

      @Override
      public int numClasses() {
        return 3;
      }

      @Override
      public String describe() {
        return "fixed logits";
      }
    };
    double[] s = CanaryScores.loss(target, canaries).values();
    double z0 = Math.exp(2) + 2;
    assertEquals(Math.log(Math.exp(2) / z0), s[0], 1e-12);
    assertEquals(Math.log(1.0 / 3), s[1], 1e-12);
    assertEquals(Math.log(Math.exp(-3) / (2 + Math.exp(-3))), s[2], 1e-12);
  }

  @Test
  void runInclusion_checksTheRecordedChecksumAndCount() throws Exception {
    RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
    boolean[] bits = {true, false, true, true};
    dir.writeJson(RunLayout.CANARY_INCLUSION, new TrainingRun.CanaryInclusion(1, "canary-inclusion", bits));
    String sha = Sha256.of(dir.resolve(RunLayout.CANARY_INCLUSION));
    assertArrayEquals(bits, new RunInclusion(dir, new CanaryRecord(4, "mislabeled", 0, RunLayout.CANARY_INCLUSION,
        sha)).read());
    ArtifactException count = assertThrows(ArtifactException.class, () -> new RunInclusion(dir,
        new CanaryRecord(5, "mislabeled", 0, RunLayout.CANARY_INCLUSION, sha)).read());
    assertTrue(count.getMessage().contains("holds 4 inclusion bits but run.json records 5 canaries"), count.getMessage());
    dir.writeJson(RunLayout.CANARY_INCLUSION, new TrainingRun.CanaryInclusion(1, "canary-inclusion",
        new boolean[] {true, true, true, true}));
    ArtifactException changed = assertThrows(ArtifactException.class, () -> new RunInclusion(dir,
        new CanaryRecord(4, "mislabeled", 0, RunLayout.CANARY_INCLUSION, sha)).read());
    assertTrue(changed.getMessage().contains("changed after training"), changed.getMessage());
  }
}
