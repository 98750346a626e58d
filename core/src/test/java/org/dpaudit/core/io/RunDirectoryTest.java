package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path dir;

  record Doc(int schemaVersion, String kind) {}

  @Test
  void createWriteOpenRead_roundTrips() {
    RunDirectory run = RunDirectory.create(dir.resolve("runs/a"));
    run.writeJson(RunDirectory.RUN_JSON, new Doc(1, "run"));
    RunDirectory again = RunDirectory.open(dir.resolve("runs/a"));
    assertEquals(new Doc(1, "run"), again.readJson(RunDirectory.RUN_JSON, Doc.class));
    assertTrue(again.has("run.json"));
  }

  @Test
  void open_missingDirectory_isArtifactError() {
    ArtifactException e = assertThrows(ArtifactException.class, () -> RunDirectory.open(dir.resolve("nope")));
    assertTrue(e.getMessage().endsWith("no such run directory"));
  }

  @Test
  void open_directoryWithoutRunJson_isArtifactError() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertThrows(ArtifactException.class, () -> RunDirectory.open(dir.resolve("empty")));
  }

  @Test
  void create_onAFile_isInvalidInput() throws IOException {
    Path f = Files.writeString(dir.resolve("file"), "x");
    assertThrows(InvalidInputException.class, () -> RunDirectory.create(f));
  }

  @Test
  void fillOrRemove_removesADirectoryItCreated_keepsOnesThatExistedOrAreWorthKeeping() throws Exception {
    Path fresh = dir.resolve("fresh");
    assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(fresh, d -> false, () -> {
      RunDirectory.create(fresh).writeJson("part.json", new Doc(1, "half"));
      throw new InvalidInputException("bad");
    }));
    assertFalse(java.nio.file.Files.exists(fresh));

    Path kept = dir.resolve("kept");
    assertThrows(IllegalStateException.class, () -> RunDirectory.fillOrRemove(kept, d -> true, () -> {
      RunDirectory.create(kept);
      throw new IllegalStateException("crash after a checkpoint");
    }));
    assertTrue(java.nio.file.Files.isDirectory(kept));

    Path existing = java.nio.file.Files.createDirectories(dir.resolve("existing"));
    assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(existing, d -> false, () -> {
      throw new InvalidInputException("bad");
    }));
    assertTrue(java.nio.file.Files.isDirectory(existing));
    assertEquals("ok", RunDirectory.fillOrRemove(dir.resolve("fine"), d -> false, () -> "ok"));
  }
}
