package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One rule of a policy, evaluated: one line on the gate's screen, one test case in its JUnit file.
 *
 * @param name the rule as a person reads it, e.g. {@code empirical epsilon <= 1}; unique in a gate
 * @param status pass, fail or skip
 * @param actual the value the rule looked at (null for the verdict rule and for skipped rules)
 * @param limit the limit it was held to (null for the verdict rule)
 * @param detail what was found, in words (which attack, against which baseline, why skipped)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleResult(String name, RuleStatus status, Double actual, Double limit, String detail) {
  public RuleResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
