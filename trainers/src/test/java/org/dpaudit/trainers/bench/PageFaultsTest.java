package org.dpaudit.trainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The page-fault count the DP-step benchmark reports per staged step. */
class PageFaultsTest {
  @Test
  void theTenthFieldIsRead_evenWhenTheCommandNameHoldsSpacesAndParentheses() {
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 987654 0 12 0 50 7 0 0 20 0 40 0";
    assertEquals(987654, PageFaults.parseMinor(stat));
  }

  @Test
  void aLineWithoutTheCommandNameIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PageFaults.parseMinor("4242 S 1 2 3"));
  }

  /** 64 MB of fresh memory, zeroed by the JVM as it is allocated, is at least 8,192 pages first touched. */
  @Test
  void freshMemoryTouchedOnceCountsItsPages() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
    long before = PageFaults.minor();
    ByteBuffer fresh = ByteBuffer.allocateDirect(64 << 20);
    long after = PageFaults.minor();
    assertTrue(before >= 0 && fresh.capacity() > 0);
    assertTrue(after - before >= 8192, "faults " + (after - before));
  }
}
