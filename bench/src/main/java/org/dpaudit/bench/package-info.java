/**
 * Benchmarks of the accountants (JMH) and the RDP-versus-PLD comparison on the reference rows. Not
 * part of any test run; see {@code bench/README.md}.
 */
package org.dpaudit.bench;
