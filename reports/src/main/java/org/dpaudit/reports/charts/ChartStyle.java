package org.dpaudit.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * One look for every chart: white ground, light grid, no frames, and the Okabe–Ito palette, which
 * stays distinguishable for readers with colour-vision deficiencies (Okabe and Ito 2008) and in
 * greyscale print.
 */
public final class ChartStyle {
  /** Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow, black. */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0xB8A200), new Color(0x000000)
  };
  /** Reference lines (chance, markers). */
  public static final Color GUIDE = new Color(0x888888);
  /** Text on the charts. */
  public static final Color INK = new Color(0x222222);
  private static final Color GRID = new Color(0xE3E3E3);
  /** Transparent: marker labels without JFreeChart's grey box behind them. */
  static final Color CLEAR = new Color(255, 255, 255, 0);

  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private ChartStyle() {}

  /** The {@code i}-th colour of the palette (cycling). */
  public static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** A plain line of {@code width}. */
  static Stroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** A dashed line of {@code width}. */
  static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f);
  }

  /** A dotted line of {@code width}. */
  static Stroke dotted(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {1f, 3.5f}, 0f);
  }

  static Shape circle(double r) {
    return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
  }

  static Shape square(double r) {
    return new Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
  }

  static Shape diamond(double r) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, -r);
    p.lineTo(r, 0);
    p.lineTo(0, r);
    p.lineTo(-r, 0);
    p.closePath();
    return p;
  }

  /** Applies the common look to {@code chart} with an XY plot. */
  static JFreeChart apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(6, 4, 4, 10));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(line(0.8f));
    plot.setRangeGridlineStroke(line(0.8f));
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      axis(plot.getDomainAxis(i));
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      axis(plot.getRangeAxis(i));
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setFrame(BlockBorder.NONE);
      legend.setItemFont(LEGEND_FONT);
      legend.setItemPaint(INK);
      legend.setBackgroundPaint(Color.WHITE);
      legend.setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  private static void axis(Axis a) {
    if (a == null) {
      return;
    }
    a.setTickLabelFont(TICK_FONT);
    a.setLabelFont(LABEL_FONT);
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    Paint p = GUIDE;
    a.setAxisLinePaint(p);
    a.setTickMarkPaint(p);
  }
}
