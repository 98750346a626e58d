package org.dpaudit.core.artifact.attack;

/**
 * The true-positive rate an attack reaches while keeping its false-positive rate at or below a
 * target: the number the field reports since LiRA (Carlini et al. 2022), because an attack that is
 * right about a few members with near certainty is a real privacy failure even at AUC 0.5.
 *
 * @param fpr the target false-positive rate
 * @param tpr the best TPR with FPR <= target (threshold rule "score >= t", no interpolation)
 * @param tprLower one-sided lower 95% Clopper-Pearson bound on that TPR
 * @param tprUpper one-sided upper 95% Clopper-Pearson bound on that TPR
 * @param achievedFpr the FPR actually achieved at that threshold
 */
public record TprAtFpr(double fpr, double tpr, double tprLower, double tprUpper, double achievedFpr) {}
