package org.dpaudit.attacks.imports;

import java.util.Objects;
import org.dpaudit.attacks.target.ModelInput;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.run.LoadedRun.DatasetRequestRecord;

/**
 * How a model trained elsewhere was imported; recorded as the imported run's provenance config.
 *
 * @param source {@code torchscript}, {@code onnx} or {@code scores}
 * @param dataset the dataset the model was trained on, or null for a scores file imported without
 *     one (its examples are then the file's rows)
 * @param file the model or scores file imported
 * @param membersFile the member indices file (model imports)
 * @param nonMembersFile the non-member indices file, or null to draw non-members
 * @param claimedEpsilon what the model's trainer claims, or null for no claim
 * @param seed seed for drawing non-members, the attacker pool and the test set
 * @param input how the model is fed and what it outputs (model imports; as resolved at import)
 * @param training the training parameters the owner declared, or null when unknown
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
    long seed,
    ModelInput input,
    DeclaredTraining training) {
  public ImportConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(file, "file");
    Checks.openUnit("delta", delta);
    Checks.nonNegative("attacker pool", attackerPool);
    Checks.nonNegative("test", test);
    if (claimedEpsilon != null) {
      Checks.nonNegativeOrInfinite("claimed epsilon", claimedEpsilon);
    }
  }

  /** This config with the model input as the import resolved it. */
  public ImportConfig withInput(ModelInput resolved) {
    return new ImportConfig(source, dataset, file, membersFile, nonMembersFile, claimedEpsilon, delta, attackerPool,
        test, seed, resolved, training);
  }
}
