/**
 * Self-contained HTML reports (one run, and comparisons across runs) with SVG charts.
 *
 * <p>{@link org.dpaudit.reports.ReportWriter} is the entry point. It reads a run directory
 * ({@link org.dpaudit.reports.RunArtifacts}: run.json, the attack records and audit.json as core
 * records, read through {@code ArtifactSchema}), builds the page records of {@code org.dpaudit.reports.view}, renders them with the
 * Pebble templates under {@code org/dpaudit/reports/templates} (auto-escaping on), and writes the
 * file atomically.
 */
package org.dpaudit.reports;
