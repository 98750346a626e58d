package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two threads may each hold a gradient collector at the same time (DJL's own throws for the
 * second), and each gets its own graph's gradient; two in one thread stay an error.
 */
class ThreadGradientCollectorTest {
  /** d/dx sum(x^3) = 3 x^2, computed while another thread's collector is open too. */
  private static float[] cubeGradient(float[] x, CountDownLatch bothOpen) throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager(Engines.ENGINE_NAME)) {
      NDArray a = m.create(x);
      a.setRequiresGradient(true);
      try (GradientCollector gc = Engines.gradientCollector()) {
        bothOpen.countDown();
        bothOpen.await(30, TimeUnit.SECONDS);
        gc.backward(a.pow(3).sum());
      }
      return a.getGradient().toFloatArray();
    }
  }

  @Test
  void twoThreads_eachCollectTheirOwnGradients() throws Exception {
    CountDownLatch bothOpen = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<float[]> a = pool.submit(() -> cubeGradient(new float[] {1, 2}, bothOpen));
      Future<float[]> b = pool.submit(() -> cubeGradient(new float[] {3, -1}, bothOpen));
      assertArrayEquals(new float[] {3, 12}, a.get(1, TimeUnit.MINUTES), 1e-6f);
      assertArrayEquals(new float[] {27, 3}, b.get(1, TimeUnit.MINUTES), 1e-6f);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoInOneThread_areRefused() {
    try (GradientCollector outer = Engines.gradientCollector()) {
      assertThrows(IllegalStateException.class, Engines::gradientCollector);
    }
  }
}
