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
    run.writeJson(RunLayout.RUN_JSON, new Doc(1, "run"));
    RunDirectory again = RunDirectory.open(dir.resolve("runs/a"));
    assertEquals(new Doc(1, "run"), again.readJson(RunLayout.RUN_JSON, Doc.class));
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

  @Test
  void output_emptyPathFileOrForeignDirectory_isRefusedBeforeAnythingIsWritten() throws Exception {
    var e = assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(Path.of(""), d -> false,
        () -> "never"));
    assertTrue(e.getMessage().contains("empty path"), e.getMessage());
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(file, d -> false, () -> "never"));
    Path foreign = Files.createDirectories(dir.resolve("project"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    e = assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(foreign, d -> false, () -> "never"));
    assertTrue(e.getMessage().contains("holds other files and no dpaudit run"), e.getMessage());
    assertEquals(java.util.List.of(foreign.resolve("notes.txt")), list(foreign));
  }

  @Test
  void fillOrRemove_removesTemporariesAndPartialOutputOfARunKilledBeforeItsFirstCheckpoint() throws Exception {
    Path run = dir.resolve("run");
    RunDirectory.fillOrRemove(run, d -> false, () -> {
      RunDirectory.create(run).writeJson("canaries/inclusion.json", new Doc(1, "bits"));
      return null;
    });
    // the "killed" run left its canaries, a temporary file and its lock file; no run.json, no checkpoint
    Files.writeString(run.resolve("canaries/.inclusion.json.123.tmp"), "half");
    assertEquals("ok", RunDirectory.fillOrRemove(run, d -> false, () -> {
      try {
        assertEquals(java.util.List.of(), list(run).stream().filter(p -> !p.endsWith(RunLayout.LOCK)).toList());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return "ok";
    }));
  }

  @Test
  void locked_removesTemporaryFiles_butKeepsTheRun() throws Exception {
    Path run = dir.resolve("run");
    RunDirectory.create(run).writeJson(RunLayout.RUN_JSON, new Doc(1, "run"));
    Files.createDirectories(run.resolve("checkpoint"));
    Path tmp = Files.writeString(run.resolve("checkpoint/.optimizer-165.bin.8812.tmp"), "2 MB of a killed write");
    Path model = Files.createDirectories(run.resolve("model"));
    assertEquals("done", RunDirectory.locked(run, () -> "done"));
    assertTrue(!Files.exists(tmp));
    assertTrue(Files.isDirectory(model) && Files.exists(run.resolve(RunLayout.RUN_JSON)));
  }

  @Test
  void replaceContents_leavesOnlyTheLock() throws Exception {
    Path run = dir.resolve("run");
    RunDirectory rd = RunDirectory.create(run);
    rd.writeJson(RunLayout.RUN_JSON, new Doc(1, "run"));
    rd.writeJson("attacks/loss.json", new Doc(1, "attack"));
    rd.writeJson("audit.json", new Doc(1, "audit"));
    try (RunLock lock = RunLock.acquire(run)) {
      rd.replaceContents();
    }
    assertEquals(java.util.List.of(run.resolve(RunLayout.LOCK)), list(run));
  }

  @Test
  void interruptedReplacement_isFinishedByTheNextCommand_neverAMix() throws Exception {
    Path run = dir.resolve("run");
    RunDirectory rd = RunDirectory.create(run);
    rd.writeJson("attacks/loss.json", new Doc(1, "attack"));
    rd.writeJson("audit.json", new Doc(1, "audit"));
    // a --force killed after moving run.json (and nothing else) aside
    Files.createDirectories(run.resolve(RunDirectory.REPLACED));
    Files.writeString(run.resolve(RunDirectory.REPLACED).resolve(RunLayout.RUN_JSON), "{}");
    var e = assertThrows(org.dpaudit.core.ArtifactException.class, () -> RunDirectory.locked(run, () -> "x"));
    assertTrue(e.getMessage().contains("is not a dpaudit run"), e.getMessage());
    assertEquals(java.util.List.of(run.resolve(RunLayout.LOCK)), list(run));
  }

  @Test
  void failedFill_inAnExistingEmptyDirectory_removesWhatItWrote() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThrows(InvalidInputException.class, () -> RunDirectory.fillOrRemove(empty, d -> false, () -> {
      RunDirectory.create(empty).writeJson("canaries/inclusion.json", new Doc(1, "bits"));
      throw new InvalidInputException("bad");
    }));
    assertEquals(java.util.List.of(), list(empty));
  }

  private static java.util.List<Path> list(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
