/** Self-contained HTML reports (one run, and comparisons across schemes) with SVG charts. */
package org.dpaudit.reports;
