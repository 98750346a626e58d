package org.dpaudit.reports.view;

import java.util.List;

/**
 * The one-run canary audit (Steinke, Nasr, Jagielski 2023): m crafted examples, each trained on with
 * probability 1/2; the auditor guesses which, and the share of right guesses bounds epsilon.
 *
 * @param count m
 * @param kind how the canaries were made
 * @param included how many went into training (known only to the audit), or {@code —}
 * @param statistic the score guesses were ranked by, or {@code —}
 * @param rules the guess rules tried, committed before the inclusion bits were read
 * @param bounds the audit's bounds from the canaries (empty when not audited)
 * @param fdp why the f-DP refinement was or was not computed, or null
 */
public record CanaryView(
    String count, String kind, String included, String statistic, String rules, List<AuditView.BoundRow> bounds,
    String fdp) {}
