package org.dpaudit.core.artifact.run;

import java.util.Objects;

/**
 * {@code membership.json} of an imported run: the membership of a model trained elsewhere, as
 * explicit training-partition indices (it cannot be rebuilt from a seed), with the attacker pool
 * and test set dpaudit drew around it.
 */
public record ImportedMembership(
    int schemaVersion, String kind, int[] members, int[] nonMembers, int[] attackerPool, int[] test) {
  /** The layout version. */
  public static final int SCHEMA_VERSION = 1;
  /** The artifact kind. */
  public static final String KIND = "imported-membership";

  public ImportedMembership {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(nonMembers, "nonMembers");
  }
}
