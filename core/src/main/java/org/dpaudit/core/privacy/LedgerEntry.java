package org.dpaudit.core.privacy;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * One run-length-compressed entry of a {@link PrivacyLedger}: {@code event} happened {@code count}
 * times in a row, each time as one optimizer step.
 */
public record LedgerEntry(DpEvent event, long count) {
  public LedgerEntry {
    Objects.requireNonNull(event, "event");
    Checks.positive("count", count);
  }
}
