package org.dpaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ScoreBounds;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.audit.selftest.WhiteBoxSimulator;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.artifact.audit.WhiteBoxSummary;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunAuditor} on hand-made run directories (no model, no dataset): every verdict, and audit.json. */
class RunAuditorTest {
  @TempDir Path tmp;

  private final List<String> progress = new ArrayList<>();

  private AuditRecord audit(Path run, AuditConfig config) {
    return RunAuditor.run(run, new RunAuditor.Options(config, 7L, DeviceChoice.CPU), progress::add);
  }

  private AuditRecord audit(Path run) {
    return audit(run, new AuditConfig());
  }

  /** DP-SGD-like white-box observations at q = 0.128, 120 steps, sigma 1.89: epsilon 4 (RDP) at delta 1e-5. */
  static final WhiteBoxSimulator SIM = new WhiteBoxSimulator(5000, 500, 120, 0.128, 1.89097);
  static final double SIM_EPSILON = RunFixture.proven(SIM);

  @Test
  void attacksWithoutCanaries_areEstimates_andDecideNothing() {
    Path run = RunFixture.at(tmp.resolve("dp")).claimed(2).accountant(1.8).attack("loss", 0, 1000, 1000, 1).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.INCONCLUSIVE, a.verdict());
    assertEquals(0, a.empiricalEpsilon().comparisons());
    assertEquals(0, a.empiricalEpsilon().lower());
    EvidenceBound loss = a.empiricalEpsilon().bounds().get(0);
    assertEquals("attack:loss", loss.source());
    assertFalse(loss.decides());
    assertTrue(loss.caveat().startsWith("an estimate"), loss.caveat());
    assertEquals(ThresholdSelection.SPLIT, loss.bound().thresholdSelection());
    assertTrue(a.reason().contains("no canaries"), a.reason());
  }

  /** A near-perfect attack on a run claiming 0.5: flagged in words, but an estimate cannot violate anything. */
  @Test
  void aStrongAttackEstimate_isReported_notDecided() {
    Path run = RunFixture.at(tmp.resolve("bug")).claimed(0.5).accountant(0.5).attack("loss", 6, 1000, 1000, 2).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.INCONCLUSIVE, a.verdict());
    EvidenceBound loss = a.empiricalEpsilon().bounds().get(0);
    assertTrue(loss.epsilon() > 3, "a near-perfect attack: " + loss.epsilon());
    // replace-one: FPR + e^(2 eps) FNR >= 1 - (1 + e^eps) delta, so about half the pair's epsilon
    assertTrue(loss.replaceOneEpsilon() < 0.6 * loss.epsilon() && loss.replaceOneEpsilon() > 0.4 * loss.epsilon(),
        loss.replaceOneEpsilon() + " vs " + loss.epsilon());
    assertTrue(a.reason().contains("above the claim"), a.reason());
  }

  @Test
  void whiteBoxCanaries_ofACorrectRun_areConsistent_withTheWholeCurveTested() {
    Path run = RunFixture.at(tmp.resolve("wb")).claimed(SIM_EPSILON).accountant(SIM_EPSILON)
        .whiteBox(SIM, WhiteBoxSimulator.Defect.NONE, 3).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CONSISTENT, a.verdict(), a.reason());
    assertEquals("canaries:white-box", a.empiricalEpsilon().source());
    assertEquals(BoundMethod.ONE_RUN_FDP_EPS_DELTA, a.empiricalEpsilon().method());
    assertTrue(a.empiricalEpsilon().lower() > 0.5 && a.empiricalEpsilon().lower() < SIM_EPSILON,
        a.empiricalEpsilon().lower() + " of " + SIM_EPSILON);
    WhiteBoxSummary w = a.whiteBox();
    assertEquals(5000, w.canaries());
    assertFalse(w.ledgerTest().rejected());
    assertEquals(7, w.checks().size());
    assertTrue(w.checks().stream().noneMatch(c -> c.failed()));
    assertTrue(w.threatModel().contains("every released noisy update"));
    assertTrue(a.provenance().inputs().stream().anyMatch(r -> r.path().equals("canaries/white-box-scores.bin")));
  }

  @Test
  void tooLittleNoise_isAccountantViolated_byTheCurveAndTheChecks() {
    Path run = RunFixture.at(tmp.resolve("bug")).claimed(SIM_EPSILON).accountant(SIM_EPSILON)
        .whiteBox(SIM, new WhiteBoxSimulator.Defect(1 / 3.0, 1, 1, false, 0, false), 4).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, a.verdict());
    assertTrue(a.whiteBox().ledgerTest().rejected());
    assertEquals(a.empiricalEpsilon().maxAchievable(), a.empiricalEpsilon().lower(), 1e-6,
        "sigma/3: every guess right");
    assertTrue(a.reason().contains("null-variance"), a.reason());
  }

  @Test
  void aClaimBelowAnHonestAccountant_isClaimViolated_whenTheCanariesShowIt() {
    Path run = RunFixture.at(tmp.resolve("claim")).claimed(0.3).accountant(SIM_EPSILON)
        .whiteBox(SIM, WhiteBoxSimulator.Defect.NONE, 5).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CLAIM_VIOLATED, a.verdict(), a.reason());
  }

  @Test
  void aClaimTheAccountantDoesNotProve_isClaimUnproven() {
    Path run = RunFixture.at(tmp.resolve("unproven")).claimed(SIM_EPSILON * 0.99).accountant(SIM_EPSILON)
        .whiteBox(SIM, WhiteBoxSimulator.Defect.NONE, 6).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CLAIM_UNPROVEN, a.verdict(), a.reason());
    assertTrue(a.reason().contains("not proven"), a.reason());
    Path none = RunFixture.at(tmp.resolve("none")).claimed(2).accountant(Double.POSITIVE_INFINITY)
        .caveats("the input PCA was fitted on the private training set").attack("loss", 0, 500, 500, 7).write();
    AuditRecord b = audit(none);
    assertEquals(Verdict.CLAIM_UNPROVEN, b.verdict());
    assertEquals("not proven: the input PCA was fitted on the private training set", b.accountantNote());
    assertTrue(b.reason().contains("proves no finite epsilon"), b.reason());
  }

  @Test
  void nonPrivateRun_thatLeaks_isConsistent_andSaysItLeaks() {
    Path run = RunFixture.at(tmp.resolve("np")).nonPrivate().attack("loss", 1.5, 1000, 1000, 5).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CONSISTENT, a.verdict());
    assertFalse(a.leaks(), "attacks are estimates: leaks means a deciding bound above 0");
    assertTrue(a.reason().startsWith("No privacy is claimed or proven"), a.reason());
    assertEquals(Double.POSITIVE_INFINITY, a.claimedEpsilon());
  }

  @Test
  void auditJson_roundTrips_withInfiniteEpsilonsAsText() throws IOException {
    Path run = RunFixture.at(tmp.resolve("np")).nonPrivate().attack("loss", 1.5, 500, 500, 6).write();
    AuditRecord a = audit(run);
    String text = Files.readString(run.resolve("audit.json"));
    assertTrue(text.contains("\"claimedEpsilon\" : \"Infinity\""), text);
    assertTrue(text.contains("\"verdict\" : \"consistent\""), text);
    assertTrue(text.contains("\"kind\" : \"audit\""), text);
    AuditRecord back = Json.read(run.resolve("audit.json"), AuditRecord.class);
    assertEquals(a, back);
    assertEquals(text, Json.write(back));
  }

  @Test
  void severalAttacks_areEachAnEstimateAtTheFullConfidence() {
    Path run = RunFixture.at(tmp.resolve("two")).claimed(8).accountant(8)
        .attack("loss", 0.5, 1000, 1000, 7).attack("lira", 3, 1000, 1000, 8).write();
    AuditRecord a = audit(run);
    EmpiricalEpsilon e = a.empiricalEpsilon();
    assertEquals(0, e.comparisons());
    assertEquals(2, e.bounds().size());
    assertEquals(0.95, e.bounds().get(0).bound().confidence(), 1e-15);
    assertEquals(List.of("lira", "loss"), List.copyOf(a.attacks().keySet()));
    AuditRecord lira = audit(run, new AuditConfig(0.95, List.of(AttackKind.LIRA), ThresholdSelection.SPLIT));
    assertEquals(1, lira.attacks().size());
  }

  @Test
  void bonferroniThreshold_isRecorded() {
    Path run = RunFixture.at(tmp.resolve("b")).claimed(2).accountant(2).attack("loss", 2, 500, 500, 9).write();
    AuditRecord a = audit(run, new AuditConfig(0.95, List.of(), ThresholdSelection.BONFERRONI));
    var b = a.empiricalEpsilon().bounds().get(0).bound();
    assertEquals(ThresholdSelection.BONFERRONI, b.thresholdSelection());
    assertEquals(1000, b.tests());
    assertEquals("bonferroni", Json.toTree(a).get("provenance").get("config").get("threshold").asText());
  }

  @Test
  void attackResultsOlderThanTheRun_areRefused() throws IOException {
    Path run = RunFixture.at(tmp.resolve("stale")).attack("loss", 1, 100, 100, 10).write();
    Files.writeString(run.resolve("run.json"), Files.readString(run.resolve("run.json")).replace("fixture claim",
        "retrained"));
    ArtifactException e = assertThrows(ArtifactException.class, () -> audit(run));
    assertTrue(e.getMessage().contains("was made from a different run.json"), e.getMessage());
    assertFalse(Files.exists(run.resolve("audit.json")));
  }

  @Test
  void alteredScores_areRefused() throws IOException {
    Path run = RunFixture.at(tmp.resolve("tampered")).attack("loss", 1, 100, 100, 11).write();
    Path csv = run.resolve("attacks/loss-scores.csv");
    Files.writeString(csv, Files.readString(csv).replaceFirst("\n(\\d+),0,", "\n$1,1,"));
    ArtifactException e = assertThrows(ArtifactException.class, () -> audit(run));
    assertTrue(e.getMessage().contains("does not match the SHA-256"), e.getMessage());
  }

  @Test
  void aRequestedAttackWithoutResults_isAOneLineError() {
    Path run = RunFixture.at(tmp.resolve("nolira")).attack("loss", 1, 100, 100, 12).write();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> audit(run, new AuditConfig(0.95, List.of(AttackKind.LIRA), ThresholdSelection.SPLIT)));
    assertTrue(e.getMessage().contains("has no attacks/lira.json; run 'dpaudit attack --run"), e.getMessage());
  }

  @Test
  void missingRun_isAnArtifactError() {
    assertThrows(ArtifactException.class, () -> audit(tmp.resolve("nothing")));
  }

  @Test
  void runWithoutCanaries_hasNoCanaryBlock() {
    Path run = RunFixture.at(tmp.resolve("nc")).attack("loss", 1, 200, 200, 13).write();
    AuditRecord a = audit(run);
    assertNull(a.canaries());
    assertNull(a.whiteBox());
    assertEquals(0, a.empiricalEpsilon().comparisons());
    assertTrue(a.empiricalEpsilon().note().startsWith("no canaries"), a.empiricalEpsilon().note());
    assertEquals(0.9, a.testAccuracy());
    assertTrue(progress.isEmpty(), "nothing was run: " + progress);
  }
}
