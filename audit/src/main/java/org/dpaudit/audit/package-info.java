/**
 * The audit of a run: empirical epsilon lower bounds with stated confidence (from attack scores
 * and canaries), set beside the claimed and accountant epsilons, and a verdict.
 *
 * <ul>
 *   <li>{@link org.dpaudit.audit.RunAuditor} gathers a run's evidence and writes {@code audit.json}
 *       ({@link org.dpaudit.core.artifact.audit.AuditRecord});
 *   <li>{@link org.dpaudit.audit.Auditor} turns evidence into the empirical epsilon, paying for the
 *       maximum over several bounds;
 *   <li>{@link org.dpaudit.audit.Verdicts} holds the verdict rules, {@link org.dpaudit.core.artifact.audit.Verdict}
 *       their outcomes.
 * </ul>
 *
 * <h2>What each bound assumes</h2>
 * Verdicts rest only on bounds valid for every mechanism: Clopper–Pearson bounds on attack scores
 * and the one-run canary bound. The attack bounds treat each member and non-member as an
 * independent run of the mechanism, the usual approximation for a membership attack on one model;
 * the canary bound needs no such assumption (its randomness is the canaries' independent inclusion),
 * which makes it the firmer basis for an {@code accountant-violated} verdict. The Gaussian-DP and
 * f-DP bounds hold only for mechanisms with a Gaussian trade-off curve ({@link
 * org.dpaudit.audit.GaussianCurve}) and are reported for information only.
 *
 * <p>The sub-packages hold the statistics ({@code bounds}), the canary audit ({@code canary}), the
 * CI gate ({@code gate}) and the auditor's own test ({@code selftest}).
 */
package org.dpaudit.audit;

import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.Verdict;
