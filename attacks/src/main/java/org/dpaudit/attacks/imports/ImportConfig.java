package org.dpaudit.attacks.imports;

import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.run.LoadedRun.DatasetRequestRecord;

/**
 * How a model trained elsewhere was imported; recorded as the imported run's provenance config.
 *
 * @param source {@code torchscript} or {@code scores}
 * @param file the model or scores file imported
 * @param membersFile the member indices file (torchscript imports)
 * @param nonMembersFile the non-member indices file, or null to draw non-members
 * @param claimedEpsilon what the model's trainer claims, or null for no claim
 * @param seed seed for drawing non-members, the attacker pool and the test set
 */
public record ImportConfig(
    String source,
    DatasetRequestRecord dataset,
    String file,
    String membersFile,
    String nonMembersFile,
    Double claimedEpsilon,
    double delta,
    int attackerPool,
    int test,
    long seed) {
  public ImportConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(file, "file");
    Checks.openUnit("delta", delta);
    Checks.nonNegative("attacker pool", attackerPool);
    Checks.nonNegative("test", test);
    if (claimedEpsilon != null) {
      Checks.nonNegativeOrInfinite("claimed epsilon", claimedEpsilon);
    }
  }
}
