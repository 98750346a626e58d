/**
 * The figures of an experiment ({@code dpaudit experiment}): the papers' plots drawn from the
 * experiment's {@code table.json} and its runs, on a page of their own next to the comparison
 * report. A figure a preset has no data for is listed with the reason, never drawn empty.
 */
package org.dpaudit.reports.experiment;
