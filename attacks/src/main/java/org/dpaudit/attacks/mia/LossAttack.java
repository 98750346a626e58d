package org.dpaudit.attacks.mia;

import org.dpaudit.attacks.AttackKind;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.datasets.Dataset;

/**
 * The loss-threshold attack (Yeom et al. 2018): members tend to have lower loss, so the score is
 * the negative cross-entropy loss {@code ln p_y}. No shadow models; the baseline every stronger
 * attack must beat.
 */
public final class LossAttack implements MembershipAttack {
  @Override
  public AttackKind kind() {
    return AttackKind.LOSS;
  }

  @Override
  public int defaultShadows() {
    return 0;
  }

  @Override
  public ShadowUse shadowUse() {
    return ShadowUse.NONE;
  }

  @Override
  public MembershipResult run(AttackContext c) {
    return new MembershipResult(score(c.target(), c.population(), c.challenge()), null, new AttackDetails.Loss());
  }

  /** Scores the challenge examples of {@code population} by {@code -loss}. */
  public static MembershipScores score(Target target, Dataset population, Challenge challenge) {
    double[] loss = Confidence.lossOf(target.confidence(population, challenge.indices()));
    double[] score = new double[loss.length];
    for (int i = 0; i < loss.length; i++) {
      score[i] = -loss[i];
    }
    return new MembershipScores("loss", challenge.indices(), score, challenge.members());
  }
}
