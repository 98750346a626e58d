package org.dpaudit.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;

/** The ledger's run-length compression, step counting, and JSON round trip (test kind 6). */
class PrivacyLedgerTest {
  private static final DpEvent STEP = new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.1));
  private static final DpEvent OTHER = new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(0.9));

  @Test
  void equalConsecutiveEvents_areRunLengthCompressed() {
    PrivacyLedger l = PrivacyLedger.empty();
    for (int i = 0; i < 1000; i++) {
      l = l.append(STEP);
    }
    l = l.append(OTHER, 5).append(OTHER).append(STEP, 2);
    assertEquals(List.of(new LedgerEntry(STEP, 1000), new LedgerEntry(OTHER, 6), new LedgerEntry(STEP, 2)), l.entries());
    assertEquals(1008, l.steps());
    assertEquals(3, l.entries().size());
  }

  @Test
  void composedEvent_isTheCompositionOfTheEntries() {
    assertEquals(new DpEvent.Composed(List.of()), PrivacyLedger.empty().composedEvent());
    assertEquals(STEP, PrivacyLedger.empty().append(STEP).composedEvent());
    assertEquals(new DpEvent.SelfComposed(STEP, 3), PrivacyLedger.empty().append(STEP, 3).composedEvent());
    assertEquals(new DpEvent.Composed(List.of(new DpEvent.SelfComposed(STEP, 2), OTHER)),
        PrivacyLedger.empty().append(STEP).append(STEP).append(OTHER).composedEvent());
  }

  @Test
  void ledger_isImmutable() {
    PrivacyLedger empty = PrivacyLedger.empty();
    PrivacyLedger one = empty.append(STEP);
    assertEquals(0, empty.steps());
    assertEquals(1, one.steps());
    assertThrows(UnsupportedOperationException.class, () -> one.entries().add(new LedgerEntry(STEP, 1)));
    PrivacyLedger withCaveat = one.withCaveat("x");
    assertSame(withCaveat, withCaveat.withCaveat("x"));
    assertEquals(List.of("x"), withCaveat.caveats());
    assertEquals(List.of(), one.caveats());
  }

  /** Every event type, nested, survives JSON and back with equals; the JSON is readable and versioned. */
  @Test
  void json_roundTripsEveryEventType() {
    DpEvent everything = new DpEvent.Composed(List.of(
        new DpEvent.SelfComposed(STEP, 3516),
        new DpEvent.Laplace(2.5, 0.5),
        new DpEvent.ParallelComposed(List.of(new DpEvent.Gaussian(0), new DpEvent.NoOp())),
        new DpEvent.PoissonSampled(0.3, new DpEvent.Composed(List.of(new DpEvent.Gaussian(2), new DpEvent.Gaussian(3)))),
        new DpEvent.NonPrivate(),
        new DpEvent.Unsupported("adaptive clipping")));
    PrivacyLedger ledger = new PrivacyLedger(PrivacyLedger.SCHEMA_VERSION, NeighbouringRelation.REPLACE_ONE, List.of(), List.of())
        .append(everything, 2).append(STEP, 10).withCaveat("fixed-size batches, not Poisson sampling");
    String json = Json.write(ledger);
    PrivacyLedger back = Json.read(json, PrivacyLedger.class, "ledger");
    assertEquals(ledger, back);
    assertEquals(ledger.composedEvent(), back.composedEvent());
    JsonNode tree = Json.toTree(ledger);
    assertEquals(2, tree.get("schemaVersion").asInt());
    assertEquals("replace-one", tree.get("relation").asText());
    assertEquals("poisson-sampled", tree.get("entries").get(1).get("event").get("type").asText());
  }

  @Test
  void json_withAnUnknownEventType_isRejected() {
    String json = "{\"schemaVersion\":1,\"relation\":\"ADD_OR_REMOVE_ONE\",\"caveats\":[],"
        + "\"entries\":[{\"count\":1,\"event\":{\"type\":\"exponential\",\"epsilon\":1}}]}";
    ArtifactException e = assertThrows(ArtifactException.class, () -> Json.read(json, PrivacyLedger.class, "ledger"));
    assertTrue(e.getMessage().startsWith("ledger is not valid PrivacyLedger JSON"), e.getMessage());
  }

  @Test
  void json_withAnInvalidValue_isRejected() {
    String json = "{\"schemaVersion\":1,\"relation\":\"ADD_OR_REMOVE_ONE\",\"caveats\":[],"
        + "\"entries\":[{\"count\":1,\"event\":{\"type\":\"gaussian\",\"noiseMultiplier\":-1}}]}";
    ArtifactException e = assertThrows(ArtifactException.class, () -> Json.read(json, PrivacyLedger.class, "ledger"));
    assertTrue(e.getMessage().contains("noiseMultiplier must be non-negative and finite; got -1.0"), e.getMessage());
  }
}
