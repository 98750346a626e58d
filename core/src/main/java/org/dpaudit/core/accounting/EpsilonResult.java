package org.dpaudit.core.accounting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * An accountant's answer: epsilon at delta, which accountant, and how it got there.
 *
 * @param epsilon in nats; {@code +Infinity} means no privacy
 * @param delta the delta it holds at
 * @param accountant which accountant produced it
 * @param upperBound whether epsilon is a proven upper bound ({@code false} only for approximations
 *     such as the GDP central-limit estimate)
 * @param optimalOrder the Renyi order that gave the smallest epsilon (RDP only), else null
 * @param note how it was computed (discretisation, orders searched, approximation caveats)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpsilonResult(
    double epsilon, double delta, AccountantKind accountant, boolean upperBound, Double optimalOrder, String note) {
  public EpsilonResult {
    Checks.nonNegativeOrInfinite("epsilon", epsilon);
    Checks.zeroToOneExclusive("delta", delta);
    Objects.requireNonNull(accountant, "accountant");
    Objects.requireNonNull(note, "note");
  }
}
