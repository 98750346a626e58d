package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void write_replacesContentAndLeavesNoTemporaryFiles() throws IOException {
    Path f = dir.resolve("sub/run.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    assertEquals(List.of(f), list(f.getParent()));
  }

  @Test
  void failingWriter_leavesOldFileAndNoTemporary() throws IOException {
    Path f = dir.resolve("audit.json");
    AtomicFiles.writeString(f, "old");
    assertThrows(InvalidInputException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes());
      throw new InvalidInputException("bad input mid-write");
    }));
    assertEquals("old", Files.readString(f));
    assertEquals(List.of(f), list(dir));
  }

  @Test
  void failingWriter_onNewFile_leavesNothing() throws IOException {
    Path f = dir.resolve("new.json");
    assertThrows(InvalidInputException.class, () -> AtomicFiles.write(f, out -> {
      throw new InvalidInputException("nope");
    }));
    assertEquals(List.of(), list(dir));
  }

  @Test
  void staged_replacesNothingUntilCommitted_andLeavesNoTemporaryWhenDropped() throws IOException {
    Path f = dir.resolve("gate.xml");
    AtomicFiles.writeString(f, "old");
    try (AtomicFiles.Staged s = AtomicFiles.stage(f, out -> out.write("new".getBytes()))) {
      assertEquals("old", Files.readString(f));
    }
    assertEquals(List.of(f), list(dir));
    try (AtomicFiles.Staged s = AtomicFiles.stage(f, out -> out.write("new".getBytes()))) {
      s.commit();
    }
    assertEquals("new", Files.readString(f));
  }

  @Test
  void stage_inAnUnwritablePlace_failsBeforeAnythingIsWritten() {
    assertThrows(org.dpaudit.core.ArtifactException.class,
        () -> AtomicFiles.stage(Path.of("/proc/dpaudit-test.xml"), out -> out.write(1)));
  }

  @Test
  void removeTemporaries_deletesOnlyTemporaryFilesAndDirectories() throws IOException {
    Path keep = Files.writeString(dir.resolve("run.json"), "{}");
    Path hidden = Files.writeString(dir.resolve(".hidden"), "user's");
    Files.createDirectories(dir.resolve("checkpoint"));
    Files.writeString(dir.resolve("checkpoint/.optimizer-165.bin.123.tmp"), "half");
    Path tmpDir = Files.createDirectories(dir.resolve(".model.99.tmp"));
    Files.writeString(tmpDir.resolve("model-0000.params"), "half");
    assertEquals(2, AtomicFiles.removeTemporaries(dir));
    assertEquals(List.of(hidden, dir.resolve("checkpoint"), keep), list(dir).stream().sorted().toList());
    assertEquals(List.of(), list(dir.resolve("checkpoint")));
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
