package org.dpaudit.attacks.mia;

import org.dpaudit.attacks.AttackKind;

/**
 * One membership-inference attack: from the target, its challenge set and (for the attacks that
 * use them) shadow models, a score per challenge example and the attack's own statistics.
 *
 * <p>Why one interface: each attack used to be a static method with its own positional parameters
 * and result type, switched over by {@code AttackRunner} into an untyped map. Behind this interface
 * the runner does what is common to every attack (opening the run, the user's shadow scores,
 * metrics, provenance, writing {@code attacks/<attack>.json} and its scores) once, and an attack is
 * added by implementing {@link #run} and adding one line to the runner's registry. Model inversion
 * is not one: it reconstructs class representatives instead of scoring members, and its record
 * ({@code attacks/inversion.json}) has nothing of a membership attack's (no challenge, no ROC).
 */
public interface MembershipAttack {
  /** The attack ({@code --attack}, the file names under {@code attacks/}). */
  AttackKind kind();

  /** How the attack uses shadow (or reference) models. */
  ShadowUse shadowUse();

  /** How many shadow (or reference) models it trains when the user does not say (0 when it uses none). */
  int defaultShadows();

  /** Scores the context's challenge set; the runner computes the metrics and writes the record. */
  MembershipResult run(AttackContext context);

  /** How an attack uses shadow models, and so whether the user's shadow scores can stand in for its own. */
  enum ShadowUse {
    /** None (the loss attack). */
    NONE("uses no shadow models"),
    /** Its own only: it needs the shadows' training sets, which shadow scores do not carry (Shokri et al.). */
    OWN("trains its classifiers on shadow models of its own"),
    /** Its own, or the user's scores from {@code --shadow-scores} (LiRA, RMIA). */
    OWN_OR_GIVEN(null);

    private final String whyNotGiven;

    ShadowUse(String whyNotGiven) {
      this.whyNotGiven = whyNotGiven;
    }

    /** Whether the user's shadow scores can stand in for the attack's own shadows. */
    public boolean acceptsGiven() {
      return whyNotGiven == null;
    }

    /** Why the user's shadow scores cannot be used, in words after "the X attack"; null when they can. */
    public String whyNotGiven() {
      return whyNotGiven;
    }
  }
}
