package org.dpaudit.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema files in {@code docs/schemas/}: one per artifact kind and schema version read,
 * each equal to what {@link JsonSchemas} makes from the record today (so a record that gains or loses
 * a field, or an enum a constant, fails here until the file follows), and every golden file valid
 * against its version's schema by an independent validator (networknt json-schema-validator, draft
 * 2020-12), while files edited to break the schema are not.
 *
 * <p>To write the files after a deliberate change: {@code mvn -B -q -pl core test
 * -Dtest=ArtifactJsonSchemaTest -Ddpaudit.writeSchemas=true}, then review the diff (a changed
 * on-disk format also needs a new schema version and golden file: {@code ArtifactGoldenTest}).
 */
class ArtifactJsonSchemaTest {
  private static final String GOLDEN = "/org/dpaudit/core/artifact/golden/";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private static Path dir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/schemas").normalize();
  }

  @Test
  void docsSchemas_areWhatTheRecordsMake() throws IOException {
    boolean write = Boolean.getBoolean("dpaudit.writeSchemas");
    List<String> stale = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      for (int v = s.oldest(); v <= s.current(); v++) {
        String name = JsonSchemas.fileName(s, v);
        expected.add(name);
        ObjectNode made = JsonSchemas.of(s, v);
        Path f = dir().resolve(name);
        if (write) {
          Files.createDirectories(f.getParent());
          Files.writeString(f, Json.write(made), StandardCharsets.UTF_8);
        } else if (!Files.isRegularFile(f) || !Json.readTree(f).equals(made)) {
          stale.add(name);
        }
      }
    }
    for (int v = JsonSchemas.OLDEST_LEDGER_VERSION; v <= org.dpaudit.core.privacy.PrivacyLedger.SCHEMA_VERSION; v++) {
      String name = JsonSchemas.ledgerFileName(v);
      expected.add(name);
      ObjectNode made = JsonSchemas.ledger(v);
      Path f = dir().resolve(name);
      if (write) {
        Files.writeString(f, Json.write(made), StandardCharsets.UTF_8);
      } else if (!Files.isRegularFile(f) || !Json.readTree(f).equals(made)) {
        stale.add(name);
      }
    }
    assertTrue(stale.isEmpty(), "docs/schemas/" + stale + " missing or not what the records make: regenerate "
        + "(mvn -B -q -pl core test -Dtest=ArtifactJsonSchemaTest -Ddpaudit.writeSchemas=true) and review the diff");
    try (var files = Files.list(dir())) {
      List<String> extra = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
          .filter(n -> !expected.contains(n)).toList();
      assertTrue(extra.isEmpty(), "schema files of no artifact version read: " + extra);
    }
  }

  private static Schema schema(ArtifactSchema<?> s, int v) {
    return REGISTRY.getSchema(Json.write(JsonSchemas.of(s, v)));
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = ArtifactJsonSchemaTest.class.getResourceAsStream(GOLDEN + name + ".json")) {
      return in == null ? null : Json.mapper().readTree(in);
    }
  }

  @Test
  void everyGoldenFile_isValidAgainstItsVersionsSchema() throws IOException {
    int checked = 0;
    List<String> invalid = new ArrayList<>();
    for (ArtifactSchema<?> s : ArtifactSchema.ALL) {
      for (int v = s.oldest(); v <= s.current(); v++) {
        JsonNode g = golden(JsonSchemas.stem(s) + "-v" + v);
        if (g == null) {
          continue; // ArtifactGoldenTest lists the versions without a golden file, and why
        }
        checked++;
        List<Error> errors = schema(s, v).validate(g);
        if (!errors.isEmpty()) {
          invalid.add(JsonSchemas.stem(s) + "-v" + v + ": " + errors.stream().limit(5).map(Error::toString).toList());
        }
      }
    }
    // the ledger has no file of its own: the one inside each run.json golden file, of that file's ledger version
    for (String run : List.of("run-v1", "run-v2", "run-v3")) {
      JsonNode ledger = golden(run).get("privacy").get("ledger");
      List<Error> errors = REGISTRY.getSchema(Json.write(JsonSchemas.ledger(ledger.get("schemaVersion").asInt())))
          .validate(ledger);
      checked++;
      if (!errors.isEmpty()) {
        invalid.add(run + "'s ledger: " + errors.stream().limit(5).map(Error::toString).toList());
      }
    }
    assertTrue(invalid.isEmpty(), String.join("\n", invalid));
    assertTrue(checked >= 12, "golden files checked: " + checked);
  }

  @Test
  void editedFiles_areInvalid() throws IOException {
    Schema run = schema(ArtifactSchema.RUN, 2);
    ObjectNode extra = (ObjectNode) golden("run-v2").deepCopy();
    ((ObjectNode) extra.get("privacy")).put("epsilonBonus", 1);
    assertFalse(run.validate(extra).isEmpty(), "an unknown key (the reader refuses it)");

    ObjectNode oldSpelling = (ObjectNode) golden("run-v2").deepCopy();
    ((ObjectNode) oldSpelling.get("privacy")).put("sampler", "POISSON");
    assertFalse(run.validate(oldSpelling).isEmpty(), "version 2 writes enum ids");
    assertTrue(schema(ArtifactSchema.RUN, 1).validate(golden("run-v1")).isEmpty());

    ObjectNode newer = (ObjectNode) golden("run-v2").deepCopy();
    newer.put("schemaVersion", 3); // run-v2's schema: another version
    assertFalse(run.validate(newer).isEmpty(), "another schema version");

    ObjectNode text = (ObjectNode) golden("audit-v3").deepCopy();
    text.put("kind", "run");
    assertFalse(schema(ArtifactSchema.AUDIT, 3).validate(text).isEmpty(), "another kind");

    ObjectNode missing = (ObjectNode) golden("run-v2").deepCopy();
    ((ObjectNode) missing.get("privacy")).remove("delta");
    assertFalse(run.validate(missing).isEmpty(), "a primitive property is required");

    JsonNode v1Ledger = golden("run-v1").get("privacy").get("ledger");
    assertEquals(1, v1Ledger.get("schemaVersion").asInt());
    assertFalse(REGISTRY.getSchema(Json.write(JsonSchemas.ledger(2))).validate(v1Ledger).isEmpty(),
        "ledger 1 spelt the relation as a Java name, which ledger 2 does not");

    ObjectNode infinite = (ObjectNode) golden("run-v2").deepCopy();
    ((ObjectNode) infinite.get("privacy")).put("claimedEpsilon", "Infinity");
    assertEquals(List.of(), run.validate(infinite), "an infinite epsilon is written as \"Infinity\"");
  }
}
