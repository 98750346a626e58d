package org.dpaudit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.junit.jupiter.api.Test;

/** Enums are written as the command line spells them, and older files' Java names still read. */
class EnumIdsTest {
  record Holder(SamplerKind sampler, BoundMethod method, Verdict verdict) {}

  @Test
  void written_asCommandLineIds() {
    String json = Json.write(new Holder(SamplerKind.POISSON, BoundMethod.ONE_RUN_FDP_EPS_DELTA, Verdict.CLAIM_UNPROVEN));
    assertTrue(json.contains("\"sampler\" : \"poisson\""), json);
    assertTrue(json.contains("\"method\" : \"one-run-fdp-eps-delta\""), json);
    assertTrue(json.contains("\"verdict\" : \"claim-unproven\""), json);
  }

  @Test
  void read_fromIdsAndFromJavaNames() {
    Holder now = Json.read("{\"sampler\": \"shuffle\", \"method\": \"clopper-pearson\", \"verdict\": \"consistent\"}",
        Holder.class, "x");
    Holder old = Json.read("{\"sampler\": \"SHUFFLE\", \"method\": \"CLOPPER_PEARSON\", \"verdict\": \"consistent\"}",
        Holder.class, "x");
    assertEquals(new Holder(SamplerKind.SHUFFLE, BoundMethod.CLOPPER_PEARSON, Verdict.CONSISTENT), now);
    assertEquals(now, old);
  }

  @Test
  void sameConstant_isOnlyTheTwoSpellingsOfOneConstant() {
    assertTrue(EnumIds.sameConstant("POISSON", "poisson"));
    assertTrue(EnumIds.sameConstant("clopper-pearson", "CLOPPER_PEARSON"));
    assertTrue(!EnumIds.sameConstant("POISSON", "shuffle"));
    assertTrue(!EnumIds.sameConstant("poisson", "poisson"), "equal strings are no re-spelling (and no difference)");
    assertTrue(!EnumIds.sameConstant("Poisson", "poisson"));
    assertTrue(!EnumIds.sameConstant("CLOPPER_PEARSON", "clopper_pearson"));
    assertTrue(!EnumIds.sameConstant(null, "x"));
  }

  @Test
  void otherSpellings_areRefused_namingTheIds() {
    var e = assertThrows(ArtifactException.class,
        () -> Json.read("{\"sampler\": \"Poisson\", \"method\": \"gdp\", \"verdict\": \"consistent\"}", Holder.class, "f"));
    assertTrue(e.getMessage().contains("expected one of poisson, shuffle") && e.getMessage().contains("at sampler"),
        e.getMessage());
    e = assertThrows(ArtifactException.class,
        () -> Json.read("{\"sampler\": 1, \"method\": \"gdp\", \"verdict\": \"consistent\"}", Holder.class, "f"));
    assertTrue(e.getMessage().contains("at sampler"), e.getMessage());
  }
}
