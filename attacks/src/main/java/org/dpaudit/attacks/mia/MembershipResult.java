package org.dpaudit.attacks.mia;

import java.util.Map;
import java.util.Objects;
import org.dpaudit.core.artifact.attack.AttackMetrics;

/**
 * What a {@link MembershipAttack} found: the score of each challenge example (the one the attack
 * reports), the metrics of every variant it also computed, and its own statistics, typed per attack.
 *
 * @param scores the reported scores, named as the attack
 * @param variants the metrics of each variant (LiRA's online / offline / fixed variance), or null
 * @param details the attack's statistics and settings
 */
public record MembershipResult(MembershipScores scores, Map<String, AttackMetrics> variants, AttackDetails details) {
  public MembershipResult {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(details, "details");
  }
}
