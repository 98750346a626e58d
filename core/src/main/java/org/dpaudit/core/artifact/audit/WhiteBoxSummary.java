package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The white-box canary block of {@code audit.json}.
 *
 * @param threatModel the threat model the audit tests, in one sentence
 * @param canaries m
 * @param nullCoordinates K, the coordinates no example touches
 * @param steps the released updates observed
 * @param included how many canaries were in training (read after the guesses were committed)
 * @param score what the guesses were ranked by
 * @param plan how the guess rules were chosen
 * @param rules the rules committed
 * @param counts each rule's outcome
 * @param ledgerTest the test of the accountant's curve, or null when there was none to test
 * @param checks the mechanism checks (empty when they did not apply)
 * @param checksLevel their family level (0 when none ran)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhiteBoxSummary(String threatModel, int canaries, int nullCoordinates, long steps, int included,
    String score, String plan, List<GuessCounts> rules, List<OneRunCounts> counts, LedgerTest ledgerTest,
    List<MechanismCheck> checks, double checksLevel) {
  public WhiteBoxSummary {
    Objects.requireNonNull(threatModel, "threatModel");
    rules = List.copyOf(rules);
    counts = List.copyOf(counts);
    checks = List.copyOf(checks);
  }
}
