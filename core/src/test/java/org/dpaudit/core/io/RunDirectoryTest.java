package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
