/** {@code dpaudit datasets}: fetch, list and describe datasets. */
package org.dpaudit.cli.datasets;
