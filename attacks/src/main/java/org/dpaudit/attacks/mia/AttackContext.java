package org.dpaudit.attacks.mia;

import java.util.Objects;
import java.util.function.Consumer;
import org.dpaudit.attacks.shadow.Shadows;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;

/**
 * What a {@link MembershipAttack} works with: the target and the examples it is challenged on, the
 * shadow models it may use, its settings, its randomness (one root, so a seeded attack is
 * reproducible stream by stream) and where to say how it is going.
 *
 * @param target the model under attack
 * @param population the examples the challenge (and shadow training sets) index into
 * @param challenge the members and non-members scored
 * @param shadows the user's shadow scores, or dpaudit's own shadows trained on demand
 * @param populationSamples RMIA's population samples z
 * @param gamma RMIA's likelihood-ratio threshold
 * @param randomness the attack's randomness root
 * @param progress progress lines
 */
public record AttackContext(Target target, Dataset population, Challenge challenge, Shadows shadows,
    int populationSamples, double gamma, Randomness randomness, Consumer<String> progress) {
  public AttackContext {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(shadows, "shadows");
    Objects.requireNonNull(randomness, "randomness");
    Objects.requireNonNull(progress, "progress");
  }
}
