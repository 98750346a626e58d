package org.dpaudit.audit;

import java.util.Objects;
import org.dpaudit.core.artifact.audit.Verdict;

/**
 * A verdict with its one-sentence reason.
 *
 * @param verdict the verdict
 * @param leaks whether the model measurably leaks: the empirical lower bound is above 0, so with
 *     the stated confidence the training is not (0, delta)-DP. True for most useful models; what
 *     matters is whether it stays within the proven budget
 * @param reason one sentence a person can read in a CI log
 */
public record Judgement(Verdict verdict, boolean leaks, String reason) {
  public Judgement {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
