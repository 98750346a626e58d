package org.dpaudit.trainers.run;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.schemes.DpScheme;

/**
 * One injected bug for the audit's mutation suite: the run's scheme replaced by a broken version of
 * itself, and/or examples sampled at a multiple of the rate the ledger records, while the ledger
 * and the claim still say what the correct implementation would. Only {@code dpaudit audit mutants}
 * builds one; no training option selects it.
 *
 * @param name the bug's name
 * @param scheme the broken scheme made from the correct one
 * @param samplingFactor the actual sampling rate over the recorded one (1: sampled correctly)
 */
public record Mutation(String name, UnaryOperator<DpScheme> scheme, double samplingFactor) {
  public Mutation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scheme, "scheme");
    Checks.positive("sampling factor", samplingFactor);
  }

  /** No bug. */
  public static final Mutation NONE = new Mutation("correct", s -> s, 1);
}
