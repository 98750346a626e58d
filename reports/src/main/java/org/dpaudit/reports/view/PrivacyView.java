package org.dpaudit.reports.view;

import java.util.List;

/**
 * The privacy ledger summarised and what the accountants made of it.
 *
 * @param parameters scheme, noise multiplier, clipping norm, sampling rate, steps, sampler, ...
 * @param eventTypes the kinds of mechanism events in the ledger ({@code gaussian}, {@code
 *     poisson-sampled}, ...)
 * @param ledger the ledger's entries (run-length compressed), at most {@value PrivacyViews#MAX_ENTRIES}
 * @param moreEntries how many entries were left out of {@link #ledger}
 * @param accountants the RDP and PLD results, empty when not computed
 * @param ledgerCaveats what the ledger itself says it does not cover
 */
public record PrivacyView(
    List<Field> parameters,
    List<String> eventTypes,
    List<LedgerRow> ledger,
    int moreEntries,
    List<AccountantRow> accountants,
    List<String> ledgerCaveats) {

  /** One ledger entry: an event in words, and how many steps it was repeated. */
  public record LedgerRow(String event, String count) {}

  /**
   * One accountant's result.
   *
   * @param order the optimal Renyi order (RDP), or {@code —}
   * @param bound {@code upper bound} or {@code approximation}
   */
  public record AccountantRow(String name, String epsilon, String delta, String order, String bound, String note) {}
}
