package org.dpaudit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Blocks made by any threads in any order give the same draws; a cancelled fill stops writing. */
class GaussianFillTest {
  static final int N = 5 * CounterStream.GAUSSIAN_BLOCK + 17;

  @Test
  void threeThreads_giveTheSingleThreadValues_standardAndScaled() throws Exception {
    CounterStream s = Randomness.seeded(21).counterStream("noise/gaussian");
    double[] alone = new double[N];
    s.fillGaussians(4, alone);
    double[] standard = new double[N];
    double[] scaled = new double[N];
    GaussianFill fill = s.gaussianFill(4, DoubleBuffer.wrap(standard), DoubleBuffer.wrap(scaled), 0.25);
    assertFalse(fill.finished());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.execute(fill::help);
    pool.execute(fill::help);
    fill.complete();
    assertTrue(fill.finished());
    pool.shutdown();
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    assertArrayEquals(alone, standard);
    for (int i = 0; i < N; i++) {
      assertEquals(0.25 * alone[i], scaled[i], "draw " + i);
    }
  }

  @Test
  void cancel_startsNoFurtherBlock_andReturnsOnceNoneIsInProgress() {
    CounterStream s = Randomness.seeded(22).counterStream("noise/gaussian");
    double[] out = new double[N];
    GaussianFill fill = s.gaussianFill(1, DoubleBuffer.wrap(out), null, 1.0);
    fill.cancel();
    fill.help(); // nothing left to start
    assertFalse(fill.finished(), "a cancelled fill never reports its draws made");
    for (double v : out) {
      assertEquals(0.0, v);
    }
  }
}
