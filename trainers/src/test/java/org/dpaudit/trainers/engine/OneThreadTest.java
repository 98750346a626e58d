package org.dpaudit.trainers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Engines#onOneThread}: the operations inside give the values they give on two threads, the
 * thread count is restored afterwards (also when they fail), and a thread already on one is left so;
 * {@link HostMemory#inParts} shares its parts with a second thread only when the engine has two.
 */
class OneThreadTest {
  @Test
  void sameValuesAsOnTwoThreads_andTheThreadCountComesBack() {
    int before = Engines.intraOpThreads();
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
      // the MLP's first layer at batch 256: large enough that the engine splits it on two threads
      NDArray a = random(m, 256, 784, 1);
      NDArray d = random(m, 256, 512, 2);
      float[] two = norms(a, d).toFloatArray();
      int[] inside = new int[1];
      float[] one = Engines.onOneThread(Device.cpu(), () -> {
        inside[0] = Engines.intraOpThreads();
        return norms(a, d);
      }).toFloatArray();
      assertEquals(1, inside[0]);
      assertEquals(2, Engines.intraOpThreads());
      assertArrayEquals(two, one);
      assertThrows(IllegalStateException.class, () -> Engines.onOneThread(Device.cpu(), () -> {
        throw new IllegalStateException("boom");
      }));
      assertEquals(2, Engines.intraOpThreads());
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
    }
  }

  @Test
  void hostPassesShareTheirPartsOnlyWhenTheEngineHasTwoThreads() throws Exception {
    int before = Engines.intraOpThreads();
    try {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
      // Part 0 waits until another thread has taken part 1: it can only return if the two threads
      // share the work (either may take part 0 first).
      java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(1);
      Thread[] ran = new Thread[8];
      java.util.concurrent.atomic.AtomicInteger[] times = new java.util.concurrent.atomic.AtomicInteger[8];
      for (int i = 0; i < times.length; i++) {
        times[i] = new java.util.concurrent.atomic.AtomicInteger();
      }
      boolean[] waited = new boolean[1];
      HostMemory.inParts(8, i -> {
        ran[i] = Thread.currentThread();
        times[i].incrementAndGet();
        if (i == 0) {
          try {
            waited[0] = second.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        } else if (i == 1) {
          second.countDown();
        }
      });
      assertTrue(waited[0], "the helper never took a part");
      assertNotEquals(ran[0], ran[1]);
      assertTrue(ran[0] == Thread.currentThread() || ran[1] == Thread.currentThread());
      for (java.util.concurrent.atomic.AtomicInteger t : times) {
        assertEquals(1, t.get()); // every part exactly once
      }
      assertThrows(IllegalStateException.class, () -> HostMemory.inParts(4, i -> {
        if (i == 2) {
          throw new IllegalStateException("boom");
        }
      }));

      ai.djl.pytorch.jni.JniUtils.setNumThreads(1); // one model per core: the other cores are taken
      HostMemory.inParts(8, i -> ran[i] = Thread.currentThread());
      for (Thread t : ran) {
        assertEquals(Thread.currentThread(), t);
      }
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
    }
  }

  /** The operations of a dense layer's per-example squared gradient norms. */
  private static NDArray norms(NDArray input, NDArray delta) {
    return delta.square().sum(new int[] {1}).mul(input.square().sum(new int[] {1}).add(1f));
  }

  private static NDArray random(NDManager m, int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return m.create(v, new Shape(rows, cols));
  }
}
