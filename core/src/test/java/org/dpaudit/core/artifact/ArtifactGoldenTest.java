package org.dpaudit.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files: for every artifact kind, a file of each schema version this dpaudit reads, as a
 * dpaudit of that version wrote it (the files of a real {@code dpaudit demo --quick} run, see
 * {@code golden/README.md}). Files of the current version must be written back byte for byte (so a
 * change of the on-disk format without a new version fails here); files of an older version must
 * read without losing a field (the only difference allowed on writing back is the enum spelling).
 */
class ArtifactGoldenTest {
  private static final String DIR = "/org/dpaudit/core/artifact/golden/";

  /** The golden file's stem of each artifact kind. */
  private static final Map<ArtifactSchema<?>, String> STEM = Map.of(ArtifactSchema.RUN, "run",
      ArtifactSchema.ATTACK, "attack", ArtifactSchema.INVERSION, "inversion", ArtifactSchema.AUDIT, "audit",
      ArtifactSchema.GATE, "gate", ArtifactSchema.MEMBERSHIP, "membership");

  /**
   * Versions read without a golden file, each with the reason. Inversion records of schema 1 (before
   * the enum spelling changed) were never kept from a real run; the one enum they hold is the
   * provenance's randomness mode, which run and attack schema 1 golden files cover.
   */
  private static final Map<String, String> NO_GOLDEN = Map.of("inversion-v1",
      "no inversion record of schema 1 from a real run was kept");

  private static Path golden(String name) {
    URL u = ArtifactGoldenTest.class.getResource(DIR + name + ".json");
    if (u == null) {
      return null;
    }
    try {
      return Path.of(u.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(ArtifactSchema<?> s) {
    List<String> out = new ArrayList<>();
    for (int v = s.oldest(); v <= s.current(); v++) {
      out.add(STEM.get(s) + "-v" + v);
    }
    return out;
  }

  @Test
  void everyArtifactKind_andEveryVersionRead_hasAGoldenFile() {
    assertEquals(ArtifactSchema.ALL.size(), STEM.size(), "a new artifact kind needs a golden file stem");
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      assertNotNull(golden(STEM.get(s) + "-v" + s.current()), s + ": no golden file of the current version");
      for (String n : names(s)) {
        assertTrue(golden(n) != null || NO_GOLDEN.containsKey(n), n + ".json is missing");
        assertFalse(golden(n) != null && NO_GOLDEN.containsKey(n), n + " is listed as missing but exists");
      }
    }
  }

  @Test
  void currentVersion_isWrittenBackByteForByte() throws IOException {
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      Path f = golden(STEM.get(s) + "-v" + s.current());
      Object rec = s.read(f);
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertEquals(text.strip(), Json.write(rec).strip(), f.getFileName() + " is not written as it was: the on-disk "
          + "format changed, which needs a new schema version and a golden file of it");
    }
  }

  @Test
  void olderVersions_readWithoutLosingAField() {
    int older = 0;
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      for (int v = s.oldest(); v < s.current(); v++) {
        Path f = golden(STEM.get(s) + "-v" + v);
        if (f == null) {
          continue;
        }
        older++;
        JsonNode before = Json.readTree(f);
        JsonNode after = Json.toTree(s.read(f));
        assertEquals(v, after.get("schemaVersion").asInt(), f.getFileName().toString());
        List<String> diffs = new ArrayList<>();
        compare("", before, after, diffs);
        assertTrue(diffs.isEmpty(), f.getFileName() + " changed on reading: " + diffs);
      }
    }
    assertTrue(older >= 4, "expected golden files of the previous run, attack, audit and gate schemas");
  }

  /** Differences of {@code after} from {@code before}, other than an enum constant re-spelt as its id. */
  private static void compare(String at, JsonNode before, JsonNode after, List<String> diffs) {
    if (before.isObject() && after.isObject()) {
      List<String> keys = new ArrayList<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(k -> {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      });
      for (String k : keys) {
        if (!before.has(k) || !after.has(k)) {
          diffs.add(at + "." + k + (before.has(k) ? " lost" : " added"));
        } else {
          compare(at + "." + k, before.get(k), after.get(k), diffs);
        }
      }
    } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
      Iterator<JsonNode> a = after.elements();
      int i = 0;
      for (JsonNode b : before) {
        compare(at + "[" + i++ + "]", b, a.next(), diffs);
      }
    } else if (before.isTextual() && after.isTextual()) {
      String old = before.asText();
      String now = after.asText();
      boolean respelt = old.matches("[A-Z][A-Z0-9_]*") && now.equals(old.toLowerCase(Locale.ROOT).replace('_', '-'));
      if (!old.equals(now) && !respelt) {
        diffs.add(at + ": " + before + " -> " + after);
      }
    } else if (before.isNumber() && after.isNumber()) {
      if (before.doubleValue() != after.doubleValue()) {
        diffs.add(at + ": " + before + " -> " + after);
      }
    } else if (!before.equals(after)) {
      diffs.add(at + ": " + before + " -> " + after);
    }
  }

  @Test
  void aNewerSchema_isRefusedInOneLine_sayingToUpgrade(@TempDir Path tmp) throws IOException {
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      Path f = edited(tmp, s, t -> t.put("schemaVersion", s.current() + 1));
      ArtifactException e = assertThrows(ArtifactException.class, () -> s.read(f), s.toString());
      assertEquals(f + " has schemaVersion " + (s.current() + 1) + ", written by a newer dpaudit; this one reads "
          + s.name() + " schema " + (s.oldest() == s.current() ? s.current() + "" : s.oldest() + " to " + s.current())
          + ": upgrade dpaudit to read it", e.getMessage());
    }
  }

  @Test
  void anAuditOfSchema1_isRefused_sayingWhatToRunAgain(@TempDir Path tmp) throws IOException {
    Path f = edited(tmp, ArtifactSchema.AUDIT, t -> t.put("schemaVersion", 1));
    ArtifactException e = assertThrows(ArtifactException.class, () -> ArtifactSchema.AUDIT.read(f));
    assertTrue(e.getMessage().endsWith("written by an older dpaudit; this one reads audit.json schema 2 to 3: run "
        + "'dpaudit audit --run' again"), e.getMessage());
  }

  @Test
  void anotherKind_orNoVersion_isRefused(@TempDir Path tmp) throws IOException {
    Path gate = golden("gate-v" + ArtifactSchema.GATE.current());
    ArtifactException e = assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(gate));
    assertTrue(e.getMessage().endsWith("is not a run.json (its kind is \"gate\", not 'run')"), e.getMessage());
    Path noVersion = edited(tmp, ArtifactSchema.RUN, t -> t.remove("schemaVersion"));
    e = assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(noVersion));
    assertTrue(e.getMessage().endsWith("is not a dpaudit run.json: it has no integer schemaVersion"), e.getMessage());
    Path text = edited(tmp, ArtifactSchema.RUN, t -> t.put("schemaVersion", "2"));
    assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(text));
  }

  @Test
  void emptyOrNotJson_keepTheRecordReadersMessages(@TempDir Path tmp) throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.json"), "");
    ArtifactException e = assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(empty));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    Path garbage = Files.writeString(tmp.resolve("garbage.json"), "hello");
    e = assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(garbage));
    assertTrue(e.getMessage().contains("is not valid RunRecord JSON"), e.getMessage());
    Path list = Files.writeString(tmp.resolve("list.json"), "[1, 2]");
    assertThrows(ArtifactException.class, () -> ArtifactSchema.RUN.read(list));
  }

  @Test
  void aRewrittenEnum_inAnOlderFile_isStillChecked(@TempDir Path tmp) throws IOException {
    Path f = edited(tmp, ArtifactSchema.GATE, 1, t -> ((ObjectNode) t.get("rules").get(0)).put("status", "PASSED"));
    ArtifactException e = assertThrows(ArtifactException.class, () -> ArtifactSchema.GATE.read(f));
    assertTrue(e.getMessage().contains("pass, fail, skip"), e.getMessage());
  }

  private interface Edit {
    void apply(ObjectNode tree);
  }

  private static Path edited(Path tmp, ArtifactSchema<?> s, Edit edit) throws IOException {
    return edited(tmp, s, s.current(), edit);
  }

  private static Path edited(Path tmp, ArtifactSchema<?> s, int version, Edit edit) throws IOException {
    Path src = golden(STEM.get(s) + "-v" + version);
    if (src == null) {
      fail("no golden " + STEM.get(s) + "-v" + version);
    }
    ObjectNode t = (ObjectNode) Json.readTree(src);
    edit.apply(t);
    Path out = tmp.resolve(STEM.get(s) + "-edited-" + version + ".json");
    Files.writeString(out, t.toString(), StandardCharsets.UTF_8);
    return out;
  }
}
