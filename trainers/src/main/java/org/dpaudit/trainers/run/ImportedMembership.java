package org.dpaudit.trainers.run;

import java.util.Objects;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.datasets.split.Splitter;

/**
 * {@code membership.json} of an imported run: the membership of a model trained elsewhere, as
 * explicit training-partition indices (it cannot be rebuilt from a seed), with the attacker pool
 * and test set dpaudit drew around it.
 */
public record ImportedMembership(
    int schemaVersion, String kind, int[] members, int[] nonMembers, int[] attackerPool, int[] test) {
  /** The file name inside the run directory. */
  public static final String FILE = "membership.json";

  public ImportedMembership {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(nonMembers, "nonMembers");
  }

  /** The split these lists make, checked against {@code fingerprint}. */
  public MembershipSplit split(org.dpaudit.core.provenance.SplitRecord record) {
    String fp = Splitter.fingerprint(members, nonMembers, attackerPool, test);
    if (!fp.equals(record.indicesSha256())) {
      throw new org.dpaudit.core.ArtifactException(FILE + " does not match run.json's split fingerprint");
    }
    return MembershipSplit.of(members, nonMembers, attackerPool, test, false, record);
  }
}
