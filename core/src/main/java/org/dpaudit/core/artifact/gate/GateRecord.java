package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.Provenance;

/**
 * {@code runs/<name>/gate.json}: the policy, every rule's outcome and the decision.
 *
 * @param run the run gated
 * @param baseline the baseline run's name, or null
 * @param policy the policy applied, as read
 * @param rules every rule, the verdict rule first
 * @param passed whether the gate passed (no rule failed)
 * @param failed the number of failed rules
 * @param skipped the number of skipped rules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateRecord(
    int schemaVersion,
    String kind,
    String run,
    Provenance provenance,
    String baseline,
    GatePolicy policy,
    List<RuleResult> rules,
    boolean passed,
    int failed,
    int skipped) implements Artifact {
  /**
   * The layout version of gate.json: 2 writes rule statuses as {@code pass}/{@code fail}/{@code skip};
   * 3 may record the policy's {@code failOnLeaks} (a dpaudit reading schema 2 refuses that key, so it
   * must be told the file is newer rather than meet an unknown field).
   */
  public static final int SCHEMA_VERSION = 3;
  /** The artifact kind. */
  public static final String KIND = "gate";

  public GateRecord {
    Checks.check(schemaVersion >= 1 && schemaVersion <= SCHEMA_VERSION, "gate.json schemaVersion must be in [1, "
        + SCHEMA_VERSION + "]; got " + schemaVersion);
    Checks.check(KIND.equals(kind), "gate.json kind must be '" + KIND + "'; got " + kind);
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(policy, "policy");
    rules = List.copyOf(rules);
  }

  /** The record of {@code rules} evaluated on {@code run}. */
  public static GateRecord of(String run, Provenance provenance, String baseline, GatePolicy policy,
      List<RuleResult> rules) {
    int failed = (int) rules.stream().filter(r -> r.status() == RuleStatus.FAIL).count();
    int skipped = (int) rules.stream().filter(r -> r.status() == RuleStatus.SKIP).count();
    return new GateRecord(SCHEMA_VERSION, KIND, run, provenance, baseline, policy, rules, failed == 0, failed, skipped);
  }
}
