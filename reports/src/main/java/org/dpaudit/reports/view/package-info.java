/**
 * What the templates show, already formatted: page records built from a run directory's artifacts
 * ({@code RunPages}, {@code ComparePages}), so the Pebble templates only lay out text and never
 * compute or format a number. Every string here is plain text; the templates escape it.
 */
package org.dpaudit.reports.view;
