/**
 * Privacy parameters and the ledger: {@link org.dpaudit.core.privacy.PrivacyBudget}, the
 * mechanism events ({@link org.dpaudit.core.privacy.DpEvent}) and the {@link
 * org.dpaudit.core.privacy.PrivacyLedger}.
 *
 * <h2>The ledger contract</h2>
 * Adapted from dp_accounting's {@code dp_event.py}: an event describes what a mechanism
 * <em>released</em> (which noise, at what scale, on what sample), never how private that is; the
 * accountants decide the epsilon. An event type's meaning never changes once it is written into a
 * ledger: to describe something new, add a new event type. Epsilon is always in nats; delta is a
 * probability; the neighbouring relation is recorded with the ledger, never assumed.
 */
package org.dpaudit.core.privacy;
