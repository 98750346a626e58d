package org.dpaudit.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;

class ProvenanceDiffTest {
  @Test
  void listsOnlyDifferingLeaves_withPathsAndBothValues() {
    var a = Json.toTree(Map.of("config", Map.of("epochs", 10, "lr", 0.5), "seed", 1, "steps", List.of(1, 2)));
    var b = Json.toTree(Map.of("config", Map.of("epochs", 12, "lr", 0.5), "seed", 1, "steps", List.of(1, 3),
        "extra", "x"));
    List<ProvenanceDiff.Difference> d = ProvenanceDiff.diff(a, b, List.of());
    assertEquals(List.of(
        new ProvenanceDiff.Difference("config.epochs", "10", "12"),
        new ProvenanceDiff.Difference("extra", "(absent)", "x"),
        new ProvenanceDiff.Difference("steps[1]", "2", "3")), d);
    assertEquals(2, ProvenanceDiff.diff(a, b, List.of("extra")).size());
  }
}
