package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The canary block of {@code audit.json}.
 *
 * @param count m, the number of canaries
 * @param kind how they were made ({@code mislabeled}, {@code random-input})
 * @param statistic the score the guesses were ranked by ({@code loss}: the log-probability of the
 *     canary's label; higher means "included")
 * @param rules the guess rules (k+, k-) committed before the inclusion bits were read
 * @param included how many canaries were included in training
 * @param fdp why the f-DP refinement was or was not computed
 * @param ledgerTest the test of the accountant's curve with the same guesses, or null when there was
 *     none to test
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanarySummary(int count, String kind, String statistic, List<GuessCounts> rules, int included,
    String fdp, LedgerTest ledgerTest) {
  public CanarySummary {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statistic, "statistic");
    rules = List.copyOf(rules);
  }
}
