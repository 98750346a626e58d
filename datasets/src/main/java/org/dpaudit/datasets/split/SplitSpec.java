package org.dpaudit.datasets.split;

import org.dpaudit.core.Checks;

/**
 * The sizes of a membership split and its seed.
 *
 * @param members target members: the examples the target model trains on
 * @param nonMembers target non-members, drawn from the same partition, never trained on
 * @param attackerPool examples the attacker may use for shadow and reference models
 * @param test held-out examples for measuring utility (from the test partition when there is one)
 * @param seed the split seed; a split is public to the auditor, so a fixed default is fine here
 */
public record SplitSpec(int members, int nonMembers, int attackerPool, int test, long seed) {
  /** The default: 1000 members and non-members, a 10000-example attacker pool, 10000 test. */
  public SplitSpec() {
    // 1000/1000 gives the audit's Clopper-Pearson bounds about +-3% at 95%: enough to see leakage
    // while keeping LiRA's shadow training affordable on a laptop CPU.
    this(1000, 1000, 10000, 10000, 0L);
  }

  public SplitSpec {
    Checks.nonNegative("members", members);
    Checks.nonNegative("nonMembers", nonMembers);
    Checks.nonNegative("attackerPool", attackerPool);
    Checks.nonNegative("test", test);
  }
}
