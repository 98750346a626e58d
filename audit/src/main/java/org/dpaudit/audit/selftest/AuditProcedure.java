package org.dpaudit.audit.selftest;

import java.util.random.RandomGenerator;
import org.dpaudit.audit.bounds.BoundParameters;

/**
 * One way of auditing a mechanism end to end: draw its observations from the mechanism, then turn
 * them into an epsilon lower bound. The self-test runs it many times; a valid procedure exceeds the
 * true epsilon in at most a {@code 1 - confidence} fraction of trials.
 */
public interface AuditProcedure {
  /** A short name for reports, e.g. {@code cp-split}. */
  String name();

  /** Whether the procedure's assumptions hold for {@code mechanism} (the GDP bound needs a Gaussian curve). */
  default boolean appliesTo(KnownMechanism mechanism) {
    return true;
  }

  /** One audit: observations drawn with {@code rng}, bound at {@code params}. */
  double lowerBound(KnownMechanism mechanism, BoundParameters params, RandomGenerator rng);
}
