package org.dpaudit.core.artifact.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatePolicyTest {
  @TempDir Path tmp;

  private GatePolicy parse(String json) throws IOException {
    Path f = tmp.resolve("policy.json");
    Files.writeString(f, json);
    return GatePolicy.read(f);
  }

  private String error(String json) {
    Path f = tmp.resolve("policy.json");
    return assertThrows(DpauditException.class, () -> {
      Files.writeString(f, json);
      GatePolicy.read(f);
    }).getMessage();
  }

  @Test
  void theShippedExample_isValid() {
    Path root = Path.of("").toAbsolutePath();
    Path example = (Files.exists(root.resolve("examples")) ? root : root.getParent()).resolve("examples/privacy-policy.json");
    GatePolicy p = GatePolicy.read(example);
    assertEquals(3.0, p.accountantEpsilon().max());
    assertEquals(2, p.tprAtFpr().size());
    assertTrue(p.failsOnClaimViolated());
    assertFalse(p.failsOnInconclusive());
  }

  @Test
  void everyLimitIsOptional_andTheVerdictDefaultsAreSafe() throws IOException {
    GatePolicy p = parse("{}");
    assertTrue(p.auc().isEmpty() && p.tprAtFpr().isEmpty());
    assertTrue(p.failsOnClaimViolated(), "a false claim fails unless the policy says otherwise");
    assertFalse(p.failsOnInconclusive());
    assertFalse(parse("{\"failOnClaimViolated\": false}").failsOnClaimViolated());
    assertTrue(p.failsOnLeaks(), "a leaking model without a claim fails unless the policy says otherwise");
    assertFalse(parse("{\"failOnLeaks\": false}").failsOnLeaks());
  }

  @Test
  void unknownFields_areRejected_withTheKnownOnes() {
    String top = error("{\"maxAuc\": 0.6}");
    assertTrue(top.contains("unknown field 'maxAuc' in the policy; known fields there: accountantEpsilon, auc, "
        + "description, empiricalEpsilon, failOnClaimUnproven, failOnClaimViolated, failOnInconclusive, failOnLeaks, "
        + "schemaVersion, "
        + "testAccuracy, "
        + "tprAtFpr"), top);
    String nested = error("{\"tprAtFpr\": [{\"fpr\": 0.001, \"maximum\": 0.1}]}");
    assertTrue(nested.contains("unknown field 'maximum' in tprAtFpr[0]; known fields there: attack, fpr, max, "
        + "maxIncrease"), nested);
  }

  @Test
  void malformedJson_isAOneLineError() {
    String m = error("{\"accountantEpsilon\": {\"max\": 3,}}");
    assertTrue(m.contains("policy.json: not a valid policy"), m);
    assertFalse(m.contains("\n"), m);
    assertTrue(error("[1, 2]").contains("not a valid policy"));
    assertTrue(error("").contains("policy.json"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"accountantEpsilon\": {\"max\": -1}}                | accountantEpsilon.max must be non-negative and finite; got -1.0",
    "{\"empiricalEpsilon\": {\"maxIncrease\": -0.5}}       | empiricalEpsilon.maxIncrease must be non-negative and finite; got -0.5",
    "{\"empiricalEpsilon\": {\"max\": \"Infinity\"}}       | empiricalEpsilon.max must be non-negative and finite; got Infinity",
    "{\"empiricalEpsilon\": {\"max\": \"NaN\"}}            | empiricalEpsilon.max must be non-negative and finite; got NaN",
    "{\"accountantEpsilon\": {}}                           | accountantEpsilon must give max or maxIncrease; got neither",
    "{\"auc\": [{\"max\": 1.5}]}                           | auc[0].max must be in [0, 1]; got 1.5",
    "{\"auc\": [{\"max\": 0.6}, {\"maxIncrease\": -0.01}]} | auc[1].maxIncrease must be in [0, 1]; got -0.01",
    "{\"tprAtFpr\": [{\"max\": 0.1}]}                      | tprAtFpr[0].fpr must be given; got nothing",
    "{\"tprAtFpr\": [{\"fpr\": 0, \"max\": 0.1}]}          | tprAtFpr[0].fpr must be in (0, 1); got 0.0",
    "{\"testAccuracy\": {\"min\": -0.1}}                   | testAccuracy.min must be in [0, 1]; got -0.1",
    "{\"testAccuracy\": {\"maxDecrease\": 2}}              | testAccuracy.maxDecrease must be in [0, 1]; got 2.0",
    "{\"schemaVersion\": 2}                                | schemaVersion must be 1; got 2",
  })
  void invalidLimits_areRejected_namingTheField(String json, String message) {
    String m = error(json);
    assertEquals(tmp.resolve("policy.json") + ": " + message, m);
  }

  @Test
  void missingFile_isAnArtifactError() {
    ArtifactException e = assertThrows(ArtifactException.class, () -> GatePolicy.read(tmp.resolve("none.json")));
    assertTrue(e.getMessage().endsWith("none.json: no such policy file"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> parse("null"));
  }
}
