package org.dpaudit.attacks.shadow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dpaudit.attacks.AttackedRun;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.random.Randomness;

/**
 * The shadow (or reference) models a membership attack may use: the user's, read from {@code
 * --shadow-scores}, or dpaudit's own, trained on demand on the attacker pool with the target's
 * recipe (or one the user gave) and kept in a {@link ShadowStore} under {@code runs/NAME/shadows/},
 * where a later attack with the same fingerprint reuses them and a killed one resumes.
 *
 * <p>An attack says what its shadows are (a plan); this class decides whether they are trained,
 * read back or given, so no attack repeats that.
 */
public final class Shadows {
  private final AttackedRun run;
  private final String attack;
  private final int count;
  private final List<ShadowScores> given;
  private final ShadowTrainer trainer;
  private final ShadowRecipe recipe;
  private final Randomness randomness;
  private final Consumer<String> progress;

  /**
   * @param attack the attack's id (its store's directory and part of the fingerprint)
   * @param count how many shadow models the attack trains of its own
   * @param given the user's shadow scores, or null to train dpaudit's own
   * @param recipe how to train them; null for the target run's own recipe
   */
  public Shadows(AttackedRun run, String attack, int count, List<ShadowScores> given, ShadowTrainer trainer,
      ShadowRecipe recipe, Randomness randomness, Consumer<String> progress) {
    this.run = run;
    this.attack = attack;
    this.count = count;
    this.given = given == null ? null : List.copyOf(given);
    this.trainer = trainer;
    this.recipe = recipe;
    this.randomness = randomness;
    this.progress = progress;
  }

  /** The user's shadow scores, or null when the attack trains its own. */
  public List<ShadowScores> given() {
    return given;
  }

  /** How many shadow models to train. */
  public int count() {
    return count;
  }

  /** The attacker pool the shadows' training sets are drawn from. */
  public int[] pool() {
    return run.pool();
  }

  /** The target's training-set size, which each shadow's training set matches. */
  public int trainingSize() {
    return run.trainingSize();
  }

  /** The models of a plan and where they are kept. */
  public record Trained(ShadowPlan plan, List<ShadowScores> scores, Path saved) {}

  /**
   * dpaudit's own shadows of the plan {@code planner} makes for a recipe fingerprint: the stored plan
   * and models when the fingerprint matches, else a new plan, trained.
   *
   * @param settings the attack's settings that shape the plan (they enter the fingerprint)
   */
  public Trained train(Map<String, Object> settings, Function<String, ShadowPlan> planner) {
    if (!run.hasDataset()) {
      throw new InvalidInputException("run " + run.record().name() + " was imported from a scores file without "
          + "--dataset, so dpaudit has no examples to train shadow models on; give the scores of shadow models you "
          + "trained with --shadow-scores DIR (lira, rmia)");
    }
    ShadowRecipe r = recipe != null ? recipe : ShadowRecipe.of(run.record());
    String fingerprint = ShadowStore.fingerprint(attack, r, settings, run.dataIdentity(), randomness);
    ShadowStore store = new ShadowStore(run.directory().resolve(RunLayout.SHADOWS_DIR), attack);
    ShadowPlan plan = store.plan(fingerprint, () -> planner.apply(fingerprint));
    List<ShadowScores> scores = store.scores(plan, run.population(), trainer, r, randomness, progress);
    return new Trained(plan, scores, store.directory());
  }
}
