/**
 * Accountants: from a ledger's events to a proven (epsilon, delta), and noise calibration for a
 * target budget.
 */
package org.dpaudit.core.accounting;
