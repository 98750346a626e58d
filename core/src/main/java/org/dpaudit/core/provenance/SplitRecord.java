package org.dpaudit.core.provenance;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * A deterministic, disjoint split of a dataset, recorded so it can be rebuilt exactly and checked.
 *
 * <p>Target members, target non-members and the attacker pool are drawn without overlap from the
 * training partition; the test set from the test partition. The same seed and sizes always give
 * the same indices; {@code indicesSha256} fingerprints them, so a mismatch is detected.
 *
 * @param seed the split seed (a data seed: the split is public to the auditor, not a DP mechanism)
 * @param members target members: the examples the target model trains on
 * @param nonMembers target non-members: same distribution, never trained on
 * @param attackerPool examples for shadow and reference models, disjoint from both
 * @param test held-out test examples for utility
 * @param indicesSha256 SHA-256 over all four index lists
 */
public record SplitRecord(
    long seed, int members, int nonMembers, int attackerPool, int test, String indicesSha256) {
  public SplitRecord {
    Checks.nonNegative("members", members);
    Checks.nonNegative("nonMembers", nonMembers);
    Checks.nonNegative("attackerPool", attackerPool);
    Checks.nonNegative("test", test);
    Objects.requireNonNull(indicesSha256, "indicesSha256");
  }
}
