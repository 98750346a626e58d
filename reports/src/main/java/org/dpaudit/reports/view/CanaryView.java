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
 * @param whiteBox the white-box part (gradient canaries), or null for black-box canaries
 * @param ledgerTest whether the accountant's trade-off curve stands against the canaries, in words, or null
 */
public record CanaryView(
    String count, String kind, String included, String statistic, String rules, List<AuditView.BoundRow> bounds,
    String fdp, WhiteBox whiteBox, String ledgerTest) {

  /**
   * White-box canaries: every released update observed.
   *
   * @param threatModel the threat model, in one sentence
   * @param steps the released updates observed
   * @param nullCoordinates coordinates no example touches
   * @param plan how the guess rule was chosen
   * @param checks the exact checks of the noise against the ledger
   * @param checksLevel their share of the error budget
   */
  public record WhiteBox(String threatModel, String steps, String nullCoordinates, String plan, List<Check> checks,
      String checksLevel) {}

  /** One mechanism check, formatted. */
  public record Check(String name, String tests, String statistic, String expected, String pValue, boolean failed) {}
}
