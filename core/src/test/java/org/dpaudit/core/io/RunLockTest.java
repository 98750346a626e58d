package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void secondWriter_isRefusedWithTheHoldersProcessId_andMayLockAfterRelease() throws Exception {
    RunLock.describeHolder("dpaudit train");
    try (RunLock held = RunLock.acquire(dir)) {
      InvalidInputException e = CompletableFuture.supplyAsync(() -> assertThrows(InvalidInputException.class,
          () -> RunLock.acquire(dir))).get();
      assertTrue(e.getMessage().startsWith("run " + dir + " is in use by process " + ProcessHandle.current().pid()),
          e.getMessage());
      assertTrue(Files.readString(dir.resolve(RunLayout.LOCK)).startsWith(ProcessHandle.current().pid() + " dpaudit train"));
    }
    CompletableFuture.runAsync(() -> RunLock.acquire(dir).close()).get();
  }

  @Test
  void sameThread_reentersAndReleasesOnLastClose() throws Exception {
    RunLock outer = RunLock.acquire(dir);
    try (RunLock inner = RunLock.acquire(dir)) {
      assertTrue(Files.exists(dir.resolve(RunLayout.LOCK)));
    }
    assertThrows(Exception.class, () -> CompletableFuture.runAsync(() -> RunLock.acquire(dir).close()).join());
    outer.close();
    outer.close(); // closing twice is harmless
    CompletableFuture.runAsync(() -> RunLock.acquire(dir).close()).get();
  }

  @Test
  void missingDirectory_isOneLine() {
    var e = assertThrows(org.dpaudit.core.ArtifactException.class, () -> RunLock.acquire(dir.resolve("nope")));
    assertEquals(dir.resolve("nope") + ": no such run directory", e.getMessage());
  }
}
