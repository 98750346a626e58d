/** {@code dpaudit accountant}: epsilon from (q, sigma, steps, delta), and the noise a target epsilon needs. */
package org.dpaudit.cli.accountant;
