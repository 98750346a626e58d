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

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
