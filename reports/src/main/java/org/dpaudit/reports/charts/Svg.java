package org.dpaudit.reports.charts;

import java.util.Objects;

/**
 * A chart rendered as an inline SVG element, and a one-line description of it (for the figure's
 * accessible label; the template escapes it).
 *
 * <p>The markup comes only from {@link SvgRenderer}, which draws through JFreeSVG: every piece of
 * text in it (axis labels, legend entries, run names) was escaped for XML by JFreeSVG, so the
 * templates may insert it unescaped. Nothing else may construct markup for the templates.
 *
 * @param markup the {@code <svg>} element
 * @param description what the chart shows, in words
 */
public record Svg(String markup, String description) {
  public Svg {
    Objects.requireNonNull(markup, "markup");
    Objects.requireNonNull(description, "description");
    if (!markup.startsWith("<svg")) {
      throw new IllegalArgumentException("not an SVG element");
    }
  }
}
