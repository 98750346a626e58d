/** {@code dpaudit report} and {@code dpaudit compare}: self-contained HTML reports. */
package org.dpaudit.cli.report;
