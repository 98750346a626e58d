/**
 * {@code dpaudit audit}: the empirical epsilon lower bounds as calculators ({@code bound}, {@code
 * one-run}) and the auditor's self-test ({@code selftest}).
 */
package org.dpaudit.cli.audit;
