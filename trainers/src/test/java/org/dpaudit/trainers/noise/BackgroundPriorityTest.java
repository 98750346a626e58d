package org.dpaudit.trainers.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Another thread of the process can be moved out of the idle scheduling class and back: the step
 * raises the prefetch thread while it waits for a block that thread is making.
 */
class BackgroundPriorityTest {
  @Test
  void aThreadOfThisProcess_isRaisedToNormalAndLoweredAgain() throws Exception {
    Assumptions.assumeTrue(BackgroundPriority.SUPPORTED, "Linux only");
    AtomicInteger tid = new AtomicInteger();
    CountDownLatch lowered = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      assertTrue(BackgroundPriority.lowerCurrentThread());
      tid.set(BackgroundPriority.currentThreadId());
      lowered.countDown();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "priority-test");
    t.setDaemon(true);
    t.start();
    try {
      lowered.await();
      assertEquals("5", policy(tid.get()), "idle class after lowerCurrentThread");
      assertTrue(BackgroundPriority.setIdle(tid.get(), false));
      assertEquals("0", policy(tid.get()), "normal class while raised");
      assertTrue(BackgroundPriority.setIdle(tid.get(), true));
      assertEquals("5", policy(tid.get()), "idle class again");
    } finally {
      done.countDown();
      t.join();
    }
  }

  /** The scheduling policy of thread {@code tid} of this process (field 41 of its stat). */
  private static String policy(int tid) throws Exception {
    String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[38];
  }
}
