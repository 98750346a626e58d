/** {@code dpaudit experiment}: run a reproduction grid and write its comparison table. */
package org.dpaudit.cli.experiment;
