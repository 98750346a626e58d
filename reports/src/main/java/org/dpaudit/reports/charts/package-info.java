/**
 * Report charts: JFreeChart plots drawn to inline SVG with JFreeSVG (no image files, no scripts).
 *
 * <p>Every chart takes plain values (rates, epsilons, labels), not artifact records, and returns an
 * {@link org.dpaudit.reports.charts.Svg}. Text in the SVG, including user-provided labels such as
 * run names, is written as {@code <text>} elements escaped by JFreeSVG. Infinite epsilons are drawn
 * at an explicit {@code ∞} tick, never as a large number.
 */
package org.dpaudit.reports.charts;
