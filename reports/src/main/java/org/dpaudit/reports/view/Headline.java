package org.dpaudit.reports.view;

import org.dpaudit.reports.charts.Svg;

/**
 * What a reader sees first: the verdict, why, and the three epsilons.
 *
 * @param verdict the verdict's id ({@code consistent}, {@code claim-violated}, {@code
 *     accountant-violated}, {@code inconclusive}) or {@code not-audited}; also the CSS class
 * @param verdictLabel the verdict in words
 * @param standing what a reader must act on ({@link org.dpaudit.core.artifact.audit.Standing}): its
 *     label is the headline, its tone ({@code bug}, {@code bad}, {@code warn}, {@code ok}, {@code
 *     none}) the headline's colour
 * @param reason the audit's one sentence, or what to run to get one
 * @param leaks "leaks" / "no measurable leak" from the audit, or null when not audited
 * @param leaking whether the audit found the run leaking and that needs action (no finite claim, or
 *     a violated one): the leak is shown in red
 * @param auditCommand the command that would audit the run, when it was not audited, else null
 * @param delta the delta the epsilons hold at
 * @param chart the three epsilons on one axis
 */
public record Headline(
    String verdict,
    String verdictLabel,
    org.dpaudit.core.artifact.audit.Standing standing,
    String reason,
    String leaks,
    boolean leaking,
    String auditCommand,
    EpsilonCell claimed,
    EpsilonCell accountant,
    EpsilonCell empirical,
    String delta,
    Svg chart) {}
