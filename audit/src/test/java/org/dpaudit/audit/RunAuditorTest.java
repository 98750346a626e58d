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
import org.dpaudit.audit.bounds.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ScoreBounds;
import org.dpaudit.audit.bounds.ThresholdSelection;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
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

  @Test
  void weakAttack_onAnHonestRun_isConsistent() {
    Path run = RunFixture.at(tmp.resolve("dp")).claimed(2).accountant(1.8).attack("loss", 0, 1000, 1000, 1).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CONSISTENT, a.verdict());
    assertTrue(a.empiricalEpsilon().lower() <= 1.8, "an honest run: " + a.empiricalEpsilon().lower());
    assertTrue(a.empiricalEpsilon().maxAchievable() > 1.8, "a violation was detectable");
    assertEquals(ThresholdSelection.SPLIT, a.empiricalEpsilon().bounds().get(0).bound().thresholdSelection());
  }

  /** A deliberately mislabelled accountant: scores that separate members almost perfectly, epsilon 0.5 "proven". */
  @Test
  void mislabelledAccountant_isAccountantViolated() {
    Path run = RunFixture.at(tmp.resolve("bug")).claimed(0.5).accountant(0.5).attack("loss", 6, 1000, 1000, 2).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.ACCOUNTANT_VIOLATED, a.verdict());
    assertTrue(a.empiricalEpsilon().lower() > 3, "a near-perfect attack: " + a.empiricalEpsilon().lower());
    assertEquals(BoundMethod.CLOPPER_PEARSON, a.empiricalEpsilon().method());
    assertTrue(a.reason().contains("accountant's proven 0.500"), a.reason());
  }

  @Test
  void falseClaim_underAnHonestAccountant_isClaimViolated() {
    Path run = RunFixture.at(tmp.resolve("claim")).claimed(0.5).accountant(8).attack("loss", 6, 1000, 1000, 3).write();
    assertEquals(Verdict.CLAIM_VIOLATED, audit(run).verdict());
  }

  @Test
  void tooFewExamples_isInconclusive_andSaysWhatAPerfectAttackCouldReach() {
    Path run = RunFixture.at(tmp.resolve("small")).claimed(2).accountant(2).attack("loss", 6, 40, 40, 4).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.INCONCLUSIVE, a.verdict());
    double perfect = ScoreBounds.maxAchievable(40, 40, ThresholdSelection.SPLIT, new BoundParameters(0.95, 1e-5));
    assertEquals(perfect, a.empiricalEpsilon().maxAchievable(), 0);
    assertTrue(perfect < 2, "20 evaluation examples per class cannot show epsilon 2: " + perfect);
  }

  @Test
  void nonPrivateRun_thatLeaks_isConsistent_andSaysItLeaks() {
    Path run = RunFixture.at(tmp.resolve("np")).nonPrivate().attack("loss", 1.5, 1000, 1000, 5).write();
    AuditRecord a = audit(run);
    assertEquals(Verdict.CONSISTENT, a.verdict());
    assertTrue(a.leaks());
    assertTrue(a.reason().startsWith("No privacy is claimed or proven, and the model measurably leaks"), a.reason());
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
  void severalAttacks_payForTheMaximum() {
    Path run = RunFixture.at(tmp.resolve("two")).claimed(8).accountant(8)
        .attack("loss", 0.5, 1000, 1000, 7).attack("lira", 3, 1000, 1000, 8).write();
    AuditRecord a = audit(run);
    EmpiricalEpsilon e = a.empiricalEpsilon();
    assertEquals(2, e.comparisons());
    assertEquals(0.975, e.perBoundConfidence(), 1e-15);
    assertEquals("attack:lira", e.source());
    assertEquals(0.975, e.bounds().get(0).bound().confidence(), 1e-15);
    assertEquals(List.of("lira", "loss"), List.copyOf(a.attacks().keySet()));
    double max = e.bounds().stream().filter(EvidenceBound::decides).mapToDouble(EvidenceBound::epsilon).max().orElseThrow();
    assertEquals(max, e.lower(), 0);
    // One attack alone is bounded at the full confidence, and so is at least as high.
    AuditRecord lira = audit(run, new AuditConfig(0.95, List.of(AttackKind.LIRA), ThresholdSelection.SPLIT));
    assertEquals(1, lira.empiricalEpsilon().comparisons());
    assertEquals(1, lira.attacks().size());
  }

  @Test
  void bonferroniThreshold_isRecorded() {
    Path run = RunFixture.at(tmp.resolve("b")).claimed(2).accountant(2).attack("loss", 2, 500, 500, 9).write();
    AuditRecord a = audit(run, new AuditConfig(0.95, List.of(), ThresholdSelection.BONFERRONI));
    var b = a.empiricalEpsilon().bounds().get(0).bound();
    assertEquals(ThresholdSelection.BONFERRONI, b.thresholdSelection());
    assertEquals(1000, b.tests());
    assertEquals("BONFERRONI", Json.toTree(a).get("provenance").get("config").get("threshold").asText());
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
    assertEquals(1, a.empiricalEpsilon().comparisons());
    assertEquals("one deciding bound (attack:loss) at 95% confidence", a.empiricalEpsilon().note());
    assertEquals(0.9, a.testAccuracy());
    assertTrue(progress.isEmpty(), "nothing was run: " + progress);
  }
}
