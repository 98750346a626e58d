/**
 * Empirical epsilon <em>lower</em> bounds with a stated confidence, from attack outcomes given as plain
 * numbers: confusion counts, per-example membership scores, or canary guesses.
 *
 * <p>A lower bound that claims more than its statistics support would falsely accuse a training run
 * of a privacy bug, so every bound here is conservative by construction and says how its error
 * budget was spent:
 *
 * <ul>
 *   <li>{@link org.dpaudit.audit.bounds.CountsBound}: the hypothesis-testing bound of Kairouz et al.
 *       (2015) as used by Nasr et al. (2021), with one-sided {@link
 *       org.dpaudit.audit.bounds.ClopperPearson} upper bounds on FPR and FNR and delta kept in the
 *       formula; and the Gaussian-DP bound of Nasr et al. (2023).
 *   <li>{@link org.dpaudit.audit.bounds.ScoreBounds}: the same bounds from per-example scores, where
 *       the choice of threshold is paid for ({@link org.dpaudit.core.artifact.audit.ThresholdSelection}).
 *   <li>{@link org.dpaudit.audit.bounds.OneRunBound} and {@link
 *       org.dpaudit.audit.bounds.CanaryAudit}: the one-training-run canary bound of Steinke, Nasr
 *       and Jagielski (2023).
 * </ul>
 *
 * <h2>Assumptions common to all bounds</h2>
 * The per-example bounds treat each example's outcome as an independent trial of the mechanism on a
 * neighbouring pair (true for repeated runs, for independent canaries in the self-test, and the
 * usual approximation for a membership-inference attack on one model). The one-run bound needs no
 * such assumption: its guarantee comes from the random inclusion of canaries.
 */
package org.dpaudit.audit.bounds;

import org.dpaudit.core.artifact.audit.ThresholdSelection;
