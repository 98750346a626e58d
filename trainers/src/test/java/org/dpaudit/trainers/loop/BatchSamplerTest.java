package org.dpaudit.trainers.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
  @Test
  void poisson_includesEachExampleWithProbabilityQ_independentlyOfTheOthers() {
    // 2000 steps x 500 examples at q = 0.1: the overall inclusion rate has sd
    // sqrt(0.09 / 1e6) = 3e-4; a 6-sd band fails with probability ~2e-9. Batch sizes vary (Poisson).
    BatchSampler s = new BatchSampler(SamplerKind.POISSON, 500, 50, Randomness.seeded(4));
    assertEquals(0.1, s.samplingRate(), 1e-15);
    long total = 0;
    Set<Integer> sizes = new HashSet<>();
    int[] perExample = new int[500];
    for (int step = 0; step < 2000; step++) {
      int[] b = s.batch(step);
      total += b.length;
      sizes.add(b.length);
      for (int i : b) {
        perExample[i]++;
      }
    }
    assertEquals(0.1, total / 1e6, 6 * 3e-4);
    assertTrue(sizes.size() > 10, "Poisson batches vary in size");
    for (int c : perExample) {
      // each example: Binomial(2000, 0.1), mean 200, sd 13.4; 6 sd
      assertTrue(Math.abs(c - 200) < 6 * 13.5, "count " + c);
    }
  }

  @Test
  void poisson_isReplayableByStep() {
    BatchSampler a = new BatchSampler(SamplerKind.POISSON, 300, 30, Randomness.seeded(9));
    BatchSampler b = new BatchSampler(SamplerKind.POISSON, 300, 30, Randomness.seeded(9));
    int[] b7 = b.batch(7);
    a.batch(3);
    assertArrayEquals(b7, a.batch(7), "step 7's batch does not depend on what was drawn before");
  }

  @Test
  void shuffle_coversEveryExampleOncePerEpoch() {
    BatchSampler s = new BatchSampler(SamplerKind.SHUFFLE, 103, 10, Randomness.seeded(1));
    assertEquals(11, s.stepsPerEpoch());
    Set<Integer> seen = new HashSet<>();
    for (int step = 0; step < 11; step++) {
      for (int i : s.batch(step)) {
        assertTrue(seen.add(i), "example " + i + " twice in one epoch");
      }
    }
    assertEquals(103, seen.size());
  }

  @Test
  void publicSize_setsRateStepsAndNormaliser_notTheTrueSize() {
    BatchSampler s = new BatchSampler(SamplerKind.POISSON, 1013, 1050, 50, Randomness.seeded(2));
    assertEquals(50.0 / 1050, s.samplingRate(), 1e-15);
    assertEquals(21, s.stepsPerEpoch());
    assertEquals(50.0, s.expectedBatchSize(), 1e-12);
  }
}
