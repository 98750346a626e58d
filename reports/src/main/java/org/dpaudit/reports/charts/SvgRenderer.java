package org.dpaudit.reports.charts;

import java.awt.Rectangle;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a JFreeChart into an SVG element with JFreeSVG: vector text that stays sharp at any zoom
 * and needs no image files, so the report stays one self-contained file.
 *
 * <h2>Implementation notes</h2>
 * JFreeChart measures text with AWT, which must run headless on servers and in CI: the renderer
 * sets {@code java.awt.headless=true} before AWT is first touched (unless the application chose
 * otherwise). The element gets a view box and no fixed size, so CSS scales it to the page. Ids of
 * clip paths start with the chart's own prefix, so several charts can share one HTML document, and
 * coordinates are written with two decimals (a tenth of the file size, no visible difference).
 */
public final class SvgRenderer {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // Rotated labels (the vertical axis' title) as rotated text, not as glyph outlines: the
    // workaround is for old JDK rendering bugs on screen and would turn SVG text into paths.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private SvgRenderer() {}

  /** {@code chart} drawn at {@code width} x {@code height} user units, with element id {@code id}. */
  public static Svg render(JFreeChart chart, int width, int height, String id, String description) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(id + "-");
    g2.setGeomDoubleConverter(SvgRenderer::twoDecimals);
    g2.setTransformDoubleConverter(SvgRenderer::twoDecimals);
    chart.draw(g2, new Rectangle(0, 0, width, height));
    String svg = g2.getSVGElement(id, false, new ViewBox(0, 0, width, height), null, null);
    return new Svg(svg, description);
  }

  private static String twoDecimals(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    String s = String.format(Locale.ROOT, "%.2f", d);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }
}
