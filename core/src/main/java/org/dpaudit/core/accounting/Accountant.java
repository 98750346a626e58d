package org.dpaudit.core.accounting;

import org.dpaudit.core.privacy.DpEvent;

/**
 * Turns a mechanism event (usually a ledger's {@link
 * org.dpaudit.core.privacy.PrivacyLedger#composedEvent()}) into an (epsilon, delta) guarantee.
 *
 * <p>An accountant is a pure function of the event: it holds no history (the ledger does). Ask
 * {@link #supports} first; {@link #epsilon} throws {@link
 * org.dpaudit.core.UnsupportedEventException} naming the sub-event it cannot handle. Every epsilon
 * returned is an upper bound on the privacy loss of what the event describes: approximations that
 * are not upper bounds say so in {@link EpsilonResult#note()} and are never used as "the"
 * accountant epsilon.
 */
public interface Accountant {
  /** Which accountant this is. */
  AccountantKind kind();

  /** Whether every part of {@code event} can be accounted for. */
  boolean supports(DpEvent event);

  /**
   * The smallest epsilon this accountant can prove for {@code event} at {@code delta}.
   *
   * @param delta in (0, 1)
   * @return the guarantee; epsilon is {@code +Infinity} when the event gives no privacy
   */
  EpsilonResult epsilon(DpEvent event, double delta);
}
