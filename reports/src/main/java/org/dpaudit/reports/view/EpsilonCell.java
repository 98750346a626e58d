package org.dpaudit.reports.view;

/**
 * One of the three epsilons at the top of a report.
 *
 * @param name {@code claimed}, {@code accountant} or {@code empirical}
 * @param role what the number is, in a few words ("upper bound, proven")
 * @param value the number as shown ({@code 1.83}, {@code ∞}, {@code —})
 * @param prefix {@code ≥} for a lower bound, else empty
 * @param detail where it comes from, one sentence
 * @param known whether the value is known (false: not audited yet, or not computed)
 */
public record EpsilonCell(String name, String role, String value, String prefix, String detail, boolean known) {}
