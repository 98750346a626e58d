package org.dpaudit.audit.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.artifact.audit.AttackSummary;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.EmpiricalEpsilon;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.gate.AccuracyLimit;
import org.dpaudit.core.artifact.gate.AttackLimit;
import org.dpaudit.core.artifact.gate.GatePolicy;
import org.dpaudit.core.artifact.gate.Limit;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.artifact.gate.RuleStatus;
import org.dpaudit.core.artifact.gate.TprLimit;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.junit.jupiter.api.Test;

/** The gate's rules on hand-made audits: each kind of violation fails its own rule and no other. */
class GateTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  static AttackSummary attack(String name, double auc, double tpr01, double tpr1) {
    return new AttackSummary(name, auc, List.of(auc - 0.02, auc + 0.02), auc, Map.of("0.001", tpr01, "0.01", tpr1,
        "0.1", 0.2), 1000, 1000);
  }

  static AuditRecord audit(String run, Verdict verdict, double accountant, double empirical, double accuracy,
      AttackSummary... attacks) {
    Map<String, AttackSummary> m = new LinkedHashMap<>();
    for (AttackSummary a : attacks) {
      m.put(a.attack(), a);
    }
    EmpiricalEpsilon e = new EmpiricalEpsilon(empirical, 0.95, BoundMethod.CLOPPER_PEARSON, "attack:loss", 1, 0.95, 5,
        List.of(), "one bound");
    Provenance p = Provenance.of("audit", Map.of(), List.of(), EnvironmentInfo.current(), null, Instant.EPOCH);
    return new AuditRecord(AuditRecord.SCHEMA_VERSION, AuditRecord.KIND, run, p, "dpsgd", 2, accountant, null, 1e-5,
        accuracy, e, m, null, null, verdict, empirical > 0, "because " + verdict.id());
  }

  /** A run within every limit of {@link #policy}. */
  static AuditRecord good(String run) {
    return audit(run, Verdict.CONSISTENT, 1.8, 0.3, 0.9, attack("loss", 0.52, 0.002, 0.012), attack("lira", 0.55, 0.004,
        0.02));
  }

  static GatePolicy policy() {
    return new GatePolicy(1, "test", new Limit(3.0, 0.5), new Limit(1.0, 0.5),
        List.of(new AttackLimit(null, 0.6, 0.02), new AttackLimit("loss", 0.58, null)),
        List.of(new TprLimit(0.001, null, 0.01, 0.005), new TprLimit(0.01, "lira", 0.05, null)),
        new AccuracyLimit(0.8, 0.02), null, null);
  }

  private static Map<String, RuleStatus> statuses(List<RuleResult> rules) {
    Map<String, RuleStatus> m = new LinkedHashMap<>();
    rules.forEach(r -> m.put(r.name(), r.status()));
    return m;
  }

  private static List<String> failed(List<RuleResult> rules) {
    return rules.stream().filter(r -> r.status() == RuleStatus.FAIL).map(RuleResult::name).toList();
  }

  @Test
  void withinEveryLimit_passes_oneResultPerRule() {
    List<RuleResult> r = Gate.evaluate(policy(), good("dp"), null);
    assertEquals(List.of("verdict", "accountant epsilon <= 3", "accountant epsilon increase over baseline <= 0.5",
        "empirical epsilon <= 1", "empirical epsilon increase over baseline <= 0.5", "AUC (any attack) <= 0.6",
        "AUC (any attack) increase over baseline <= 0.02", "AUC (loss) <= 0.58", "TPR at 0.1% FPR (any attack) <= 0.01",
        "TPR at 0.1% FPR (any attack) increase over baseline <= 0.005", "TPR at 1% FPR (lira) <= 0.05",
        "test accuracy >= 0.8", "test accuracy decrease from baseline <= 0.02"), List.copyOf(statuses(r).keySet()));
    assertTrue(Gate.passed(r));
    assertEquals("consistent; the model measurably leaks (empirical epsilon >= 0.3)", r.get(0).detail());
    assertEquals(5, r.stream().filter(x -> x.status() == RuleStatus.SKIP).count(), "baseline rules without a baseline");
    RuleResult auc = r.get(5);
    assertEquals(0.55, auc.actual());
    assertEquals("0.55 (lira)", auc.detail(), "the worst attack is named");
  }

  @Test
  void eachLimit_failsItsOwnRule() {
    assertEquals(List.of("accountant epsilon <= 3"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 3.5, 0.3, 0.9, attack("loss", 0.52, 0, 0),
            attack("lira", 0.5, 0, 0)), null)));
    assertEquals(List.of("empirical epsilon <= 1"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 1.2, 0.9, attack("loss", 0.52, 0, 0),
            attack("lira", 0.5, 0, 0)), null)));
    assertEquals(List.of("AUC (any attack) <= 0.6"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 0.3, 0.9, attack("loss", 0.52, 0, 0),
            attack("lira", 0.61, 0, 0)), null)));
    assertEquals(List.of("AUC (loss) <= 0.58"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 0.3, 0.9, attack("loss", 0.59, 0, 0),
            attack("lira", 0.5, 0, 0)), null)));
    assertEquals(List.of("TPR at 0.1% FPR (any attack) <= 0.01"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 0.3, 0.9, attack("loss", 0.52, 0.011, 0),
            attack("lira", 0.5, 0, 0)), null)));
    assertEquals(List.of("TPR at 1% FPR (lira) <= 0.05"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 0.3, 0.9, attack("loss", 0.52, 0, 0.9),
            attack("lira", 0.5, 0, 0.06)), null)));
    assertEquals(List.of("test accuracy >= 0.8"),
        failed(Gate.evaluate(policy(), audit("r", Verdict.CONSISTENT, 1.8, 0.3, 0.79, attack("loss", 0.52, 0, 0),
            attack("lira", 0.5, 0, 0)), null)));
  }

  @Test
  void limitsAreInclusive() {
    AuditRecord atLimits = audit("r", Verdict.CONSISTENT, 3, 1, 0.8, attack("loss", 0.58, 0.01, 0), attack("lira",
        0.6, 0, 0.05));
    assertTrue(Gate.passed(Gate.evaluate(policy(), atLimits, null)));
  }

  @Test
  void nonPrivateRun_failsAFiniteAccountantLimit() {
    List<RuleResult> r = Gate.evaluate(policy(), audit("np", Verdict.CONSISTENT, INF, 0.3, 0.9, attack("loss", 0.52, 0,
        0), attack("lira", 0.5, 0, 0)), null);
    assertEquals(List.of("accountant epsilon <= 3"), failed(r));
    assertEquals("inf", r.get(1).detail());
  }

  @Test
  void accountantViolated_alwaysFails() {
    GatePolicy lenient = new GatePolicy(null, null, null, null, null, null, null, false, false);
    List<RuleResult> r = Gate.evaluate(lenient, audit("r", Verdict.ACCOUNTANT_VIOLATED, 1, 2, 0.9), null);
    assertEquals(List.of("verdict"), failed(r));
    assertEquals("accountant-violated: because accountant-violated", r.get(0).detail());
  }

  @Test
  void claimViolated_failsUnlessThePolicyAllowsIt() {
    GatePolicy strict = new GatePolicy(null, null, null, null, null, null, null, null, null);
    assertEquals(List.of("verdict"), failed(Gate.evaluate(strict, audit("r", Verdict.CLAIM_VIOLATED, 8, 3, 0.9), null)));
    GatePolicy lenient = new GatePolicy(null, null, null, null, null, null, null, false, null);
    List<RuleResult> r = Gate.evaluate(lenient, audit("r", Verdict.CLAIM_VIOLATED, 8, 3, 0.9), null);
    assertTrue(Gate.passed(r));
    assertEquals("claim-violated (allowed by the policy); the model measurably leaks (empirical epsilon >= 3)",
        r.get(0).detail());
  }

  @Test
  void claimUnproven_failsUnlessThePolicyAllowsIt() {
    AuditRecord a = audit("r", Verdict.CLAIM_UNPROVEN, 3559, 0.1, 0.9);
    assertEquals(List.of("verdict"), failed(Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null,
        null, null), a, null)));
    assertTrue(Gate.passed(Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null, null, null, false),
        a, null)));
  }

  @Test
  void anUnprovenRun_failsTheAccountantRule_andSaysWhy() {
    AuditRecord g = audit("r", Verdict.CLAIM_UNPROVEN, Double.POSITIVE_INFINITY, 0.1, 0.9);
    AuditRecord a = new AuditRecord(g.schemaVersion(), g.kind(), g.run(), g.provenance(), g.scheme(),
        g.claimedEpsilon(), g.accountantEpsilon(), "not proven: the input PCA was fitted on the members", g.delta(),
        g.testAccuracy(), g.empiricalEpsilon(), g.attacks(), g.canaries(), null, g.verdict(), g.leaks(), g.reason());
    GatePolicy p = new GatePolicy(null, null, new Limit(3.0, null), null, null, null, null, null, null, false);
    List<RuleResult> r = Gate.evaluate(p, a, null);
    assertEquals(List.of("accountant epsilon <= 3"), failed(r));
    assertEquals("not proven: the input PCA was fitted on the members", r.get(1).detail());
  }

  /** A non-private run's audit: nothing claimed or proven, with this formal verdict and empirical epsilon. */
  private static AuditRecord nonPrivate(Verdict verdict, double empirical) {
    AuditRecord g = audit("np", verdict, INF, empirical, 0.9);
    return new AuditRecord(g.schemaVersion(), g.kind(), g.run(), g.provenance(), "nonprivate", INF, INF,
        "no privacy claimed", g.delta(), g.testAccuracy(), g.empiricalEpsilon(), g.attacks(), g.canaries(), null,
        g.verdict(), g.leaks(), g.reason());
  }

  @Test
  void aLeakingModelWithoutAClaim_failsTheVerdictRule_asItsHeadlineIsRed() {
    GatePolicy defaults = new GatePolicy(null, null, null, null, null, null, null, null, null);
    AuditRecord np = nonPrivate(Verdict.CONSISTENT, 2.98);
    assertEquals(org.dpaudit.core.artifact.audit.Standing.LEAKS, org.dpaudit.core.artifact.audit.Standing.of(np));
    List<RuleResult> r = Gate.evaluate(defaults, np, null);
    assertEquals(List.of("verdict"), failed(r));
    assertEquals("leaks: empirical epsilon >= 2.98 with no finite claim (formal verdict: consistent)",
        r.get(0).detail());
    // a policy may allow it, as it may allow the verdicts' findings
    GatePolicy allowed = new GatePolicy(null, null, null, null, null, null, null, null, null, null, false);
    List<RuleResult> ok = Gate.evaluate(allowed, np, null);
    assertTrue(Gate.passed(ok));
    assertEquals("consistent; the model measurably leaks (empirical epsilon >= 2.98)", ok.get(0).detail());
  }

  @Test
  void aModelWithoutAClaim_thatShowsNoLeak_passesTheVerdictRule_asBefore() {
    // amber in the report ("No privacy claim"): nothing measured to act on; the limits decide
    AuditRecord np = nonPrivate(Verdict.CONSISTENT, 0);
    assertEquals(org.dpaudit.core.artifact.audit.Standing.NO_CLAIM, org.dpaudit.core.artifact.audit.Standing.of(np));
    assertTrue(Gate.passed(Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null, null, null), np,
        null)));
  }

  @Test
  void aLeakInsideAFiniteClaim_passesTheVerdictRule() {
    // green in the report: DP allows a measurable leak up to its epsilon
    List<RuleResult> r = Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null, null, null),
        audit("dp", Verdict.CONSISTENT, 1.8, 0.85, 0.9), null);
    assertTrue(Gate.passed(r));
    assertEquals("consistent; the model measurably leaks (empirical epsilon >= 0.85)", r.get(0).detail());
  }

  @Test
  void inconclusive_failsOnlyWhenThePolicySaysSo() {
    AuditRecord a = audit("r", Verdict.INCONCLUSIVE, 8, 0.1, 0.9);
    assertTrue(Gate.passed(Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null, null, null), a, null)));
    assertFalse(Gate.passed(Gate.evaluate(new GatePolicy(null, null, null, null, null, null, null, null, true), a, null)));
  }

  @Test
  void baselineRegressions_failTheirOwnRules() {
    AuditRecord base = good("main");
    assertTrue(Gate.passed(Gate.evaluate(policy(), good("pr"), base)));
    assertTrue(Gate.evaluate(policy(), good("pr"), base).stream().noneMatch(r -> r.status() == RuleStatus.SKIP));
    AuditRecord worse = audit("pr", Verdict.CONSISTENT, 2.4, 0.9, 0.87, attack("loss", 0.52, 0.002, 0.012),
        attack("lira", 0.58, 0.008, 0.02));
    List<RuleResult> r = Gate.evaluate(policy(), worse, base);
    assertEquals(List.of("accountant epsilon increase over baseline <= 0.5",
        "empirical epsilon increase over baseline <= 0.5", "AUC (any attack) increase over baseline <= 0.02",
        "test accuracy decrease from baseline <= 0.02"), failed(r));
    RuleResult acc = r.stream().filter(x -> x.name().startsWith("test accuracy decrease")).findFirst().orElseThrow();
    assertEquals(0.03, acc.actual(), 1e-12);
    assertEquals("0.87 vs baseline main 0.9: -0.03", acc.detail());
    RuleResult eps = r.stream().filter(x -> x.name().startsWith("accountant epsilon increase")).findFirst().orElseThrow();
    assertEquals("2.4 vs baseline main 1.8: +0.6", eps.detail());
  }

  @Test
  void infiniteEpsilonsInBoth_areNoIncrease() {
    GatePolicy p = new GatePolicy(null, null, new Limit(null, 0.0), null, null, null, null, null, null);
    AuditRecord np = audit("np", Verdict.CONSISTENT, INF, 2, 0.9);
    assertTrue(Gate.passed(Gate.evaluate(p, np, audit("old", Verdict.CONSISTENT, INF, 2, 0.9))));
    assertFalse(Gate.passed(Gate.evaluate(p, np, audit("old", Verdict.CONSISTENT, 2, 2, 0.9))));
    assertTrue(Gate.passed(Gate.evaluate(p, audit("dp", Verdict.CONSISTENT, 2, 2, 0.9), np)));
  }

  @Test
  void askingForWhatTheAuditLacks_isAnInputError() {
    GatePolicy rmia = new GatePolicy(null, null, null, null, List.of(new AttackLimit("rmia", 0.6, null)), null, null,
        null, null);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gate.evaluate(rmia, good("r"), null));
    assertEquals("the policy limits the AUC of attack 'rmia', but the audit of r has no such attack (it has: lira, loss)",
        e.getMessage());
    GatePolicy fpr = new GatePolicy(null, null, null, null, null, List.of(new TprLimit(0.005, null, 0.1, null)), null,
        null, null);
    InvalidInputException f = assertThrows(InvalidInputException.class, () -> Gate.evaluate(fpr, good("r"), null));
    assertTrue(f.getMessage().contains("TPR at 0.5% FPR of attack 'lira', which the audit of r does not report (it "
        + "reports TPR at FPR 0.001, 0.01, 0.1)"), f.getMessage());
    GatePolicy anyAuc = new GatePolicy(null, null, null, null, List.of(new AttackLimit(null, 0.6, null)), null, null,
        null, null);
    assertThrows(InvalidInputException.class, () -> Gate.evaluate(anyAuc, audit("r", Verdict.CONSISTENT, 1, 0, 0.9),
        null));
  }

  @Test
  void anAuditWithoutTestAccuracy_cannotPassAnAccuracyRule() {
    AuditRecord g = good("imported");
    AuditRecord none = new AuditRecord(g.schemaVersion(), g.kind(), g.run(), g.provenance(), g.scheme(),
        g.claimedEpsilon(), g.accountantEpsilon(), null, g.delta(), null, g.empiricalEpsilon(), g.attacks(),
        g.canaries(), null, g.verdict(), g.leaks(), g.reason());
    GatePolicy accuracy = new GatePolicy(null, null, null, null, null, null, new AccuracyLimit(0.5, null), null, null);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gate.evaluate(accuracy, none, null));
    assertEquals("the policy limits test accuracy, but the audit of imported has none (its run.json records no metrics)",
        e.getMessage());
    assertTrue(Gate.passed(Gate.evaluate(policyWithoutAccuracy(), none, null)));
  }

  private static GatePolicy policyWithoutAccuracy() {
    GatePolicy p = policy();
    return new GatePolicy(1, null, p.accountantEpsilon(), p.empiricalEpsilon(), p.auc(), p.tprAtFpr(), null, null, null);
  }

  @Test
  void change_treatsEqualInfinitiesAsNoChange() {
    assertEquals(0, Gate.change(INF, INF));
    assertEquals(INF, Gate.change(INF, 3));
    assertEquals(-1, Gate.change(2, 3));
    assertNull(Gate.evaluate(policy(), good("r"), null).get(0).actual());
  }
}
