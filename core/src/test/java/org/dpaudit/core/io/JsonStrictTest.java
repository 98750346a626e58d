package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpaudit.core.ArtifactException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Lenient JSON is refused with one line naming the file and the key; what dpaudit writes still reads back. */
class JsonStrictTest {
  record Limit(Double max, Double maxIncrease) {}

  record Policy(Integer schemaVersion, String description, Limit accountantEpsilon, List<Limit> auc,
      Boolean failOnClaimViolated, Mode mode) {}

  enum Mode { SECURE, SEEDED }

  record Counts(int steps, long total, double epsilon) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "duplicate key            | {\"accountantEpsilon\": {\"max\": 1, \"max\": 3}}  | duplicate key 'max'",
    "duplicate top-level key  | {\"description\": \"a\", \"description\": \"b\"} | duplicate key 'description'",
    "trailing object          | {\"description\": \"a\"} {}                      | unexpected content after the end",
    "trailing garbage         | {\"description\": \"a\"} xyz                     | policy.json is not valid",
    "string for a number      | {\"accountantEpsilon\": {\"max\": \"3\"}}        | at accountantEpsilon.max",
    "string in a list         | {\"auc\": [{\"max\": 0.5}, {\"max\": \"0.6\"}]} | at auc[1].max",
    "number for text          | {\"description\": 5}                              | at description",
    "number for a boolean     | {\"failOnClaimViolated\": 1}                      | at failOnClaimViolated",
    "string for a boolean     | {\"failOnClaimViolated\": \"true\"}               | at failOnClaimViolated",
    "number for an enum       | {\"mode\": 0}                                     | at mode",
    "fraction for an integer  | {\"schemaVersion\": 1.5}                          | at schemaVersion",
    "string for an integer    | {\"schemaVersion\": \"1\"}                        | at schemaVersion",
    "unknown key              | {\"acountantEpsilon\": {\"max\": 1}}              | unknown key 'acountantEpsilon'",
    "JSON null                | null                                              | is empty",
  })
  void lenientInput_isOneLineNamingFileAndKey(String name, String json, String expected) {
    ArtifactException e = assertThrows(ArtifactException.class, () -> Json.read(json, Policy.class, "policy.json"));
    assertTrue(e.getMessage().startsWith("policy.json"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void stringForAPrimitiveNumber_isRefused() {
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> Json.read("{\"steps\": \"165\", \"total\": 1, \"epsilon\": 1}", Counts.class, "state.json"));
    assertTrue(e.getMessage().contains("at steps"), e.getMessage());
  }

  @Test
  void nonFiniteDoubles_asWrittenByDpaudit_stillReadBack() {
    Counts c = new Counts(1, 2, Double.POSITIVE_INFINITY);
    assertEquals(c, Json.read(Json.write(c), Counts.class, "t"));
    assertEquals(Double.NEGATIVE_INFINITY,
        Json.read("{\"steps\": 1, \"total\": 2, \"epsilon\": \"-Infinity\"}", Counts.class, "t").epsilon());
    assertTrue(Double.isNaN(Json.read("{\"steps\": 1, \"total\": 2, \"epsilon\": \"NaN\"}", Counts.class, "t")
        .epsilon()));
  }

  @Test
  void integersForDoubles_areNumbers_andStillAccepted() {
    assertEquals(3.0, Json.read("{\"steps\": 1, \"total\": 2, \"epsilon\": 3}", Counts.class, "t").epsilon());
  }

  @Test
  void trees_areStrictToo() {
    assertThrows(ArtifactException.class, () -> Json.readTree("{\"a\": 1, \"a\": 2}", "x.json"));
    assertThrows(ArtifactException.class, () -> Json.readTree("{\"a\": 1} 2", "x.json"));
    assertEquals(Map.of("a", 1), Json.mapper().convertValue(Json.readTree("{\"a\": 1}", "x.json"), Map.class));
  }
}
