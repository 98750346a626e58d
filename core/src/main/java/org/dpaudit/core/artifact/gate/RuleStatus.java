package org.dpaudit.core.artifact.gate;

/** The outcome of one gate rule. */
public enum RuleStatus {
  /** Within the limit. */
  PASS,
  /** The limit is crossed: the gate fails. */
  FAIL,
  /** Not evaluated (a baseline rule without {@code --baseline}); does not fail the gate. */
  SKIP
}
