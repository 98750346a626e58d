package org.dpaudit.reports.charts;

import java.awt.Color;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The three epsilons of each run on one axis (DESIGN §1): the claim (hollow diamond), what the
 * accountant proves (square; an upper bound), and the empirical lower bound (dot). When the dot
 * lies right of a diamond or a square, that number is refuted. Infinite epsilons sit at the axis'
 * {@code ∞} tick, beyond a shaded, labelled axis break.
 *
 * <p>The empirical bound's one-sided interval {@code [lower, ∞)} is drawn only over the finite part
 * of the axis, up to the break: a line through the break to {@code ∞} on every row said nothing a
 * reader could use and crossed every other mark on its way.
 */
public final class EpsilonChart {
  private EpsilonChart() {}

  /**
   * One run's row; unknown values are null.
   *
   * @param label the row label (a run name: user data, escaped by JFreeSVG)
   * @param empirical the empirical lower bound, or null when not audited
   */
  public record Row(String label, Double claimed, Double accountant, Double empirical) {
    public Row {
      Objects.requireNonNull(label, "label");
    }
  }

  /** The chart of {@code rows}, top to bottom; {@code confidence} labels the empirical interval. */
  public static Svg render(String id, String description, List<Row> rows, String confidence) {
    return SvgRenderer.render(chart(rows, confidence), 1000, 100 + 40 * rows.size(), id, description);
  }

  /** The chart itself (the tests read its datasets). */
  static JFreeChart chart(List<Row> rows, String confidence) {
    EpsilonAxis x = new EpsilonAxis(maxFinite(rows));
    double breakStart = x.lastTick + 0.5 * x.unit;
    double breakEnd = x.infinity - 0.5 * x.unit;
    XYSeries claimed = new XYSeries("claimed", false, true);
    XYSeries accountant = new XYSeries("accountant (upper bound)", false, true);
    XYSeries empirical = new XYSeries("empirical (lower bound)", false, true);
    XYSeriesCollection intervals = new XYSeriesCollection();
    String[] labels = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      labels[i] = r.label();
      add(claimed, x, r.claimed(), i);
      add(accountant, x, r.accountant(), i);
      add(empirical, x, r.empirical(), i);
      if (r.empirical() != null && Double.isFinite(r.empirical()) && r.empirical() < breakStart) {
        XYSeries line = new XYSeries(intervals.getSeriesCount() == 0
            ? "empirical: " + confidence + " interval [lower, ∞), drawn to the axis break" : "interval " + i, false,
            true);
        line.add(r.empirical().doubleValue(), i);
        line.add(breakStart, i);
        intervals.addSeries(line);
      }
    }
    XYSeriesCollection points = new XYSeriesCollection();
    points.addSeries(claimed);
    points.addSeries(accountant);
    points.addSeries(empirical);
    SymbolAxis y = new SymbolAxis(null, labels);
    y.setInverted(true);
    y.setRange(-0.6, rows.size() - 0.4);
    y.setGridBandsVisible(false);
    XYPlot plot = new XYPlot(points, x.axis("epsilon (nats)"), y, pointRenderer());
    plot.setDataset(1, intervals);
    plot.setRenderer(1, intervalRenderer(intervals.getSeriesCount()));
    IntervalMarker gap = new IntervalMarker(breakStart, breakEnd, new Color(0xF2F2F2));
    gap.setLabel(AXIS_BREAK);
    gap.setLabelFont(ChartStyle.TICK_FONT);
    gap.setLabelPaint(new Color(0x59636E));
    gap.setLabelAnchor(RectangleAnchor.TOP);
    gap.setLabelTextAnchor(TextAnchor.TOP_CENTER);
    plot.addDomainMarker(gap, Layer.BACKGROUND);
    return ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
  }

  /** The label of the shaded band between the last finite tick and {@code ∞}. */
  static final String AXIS_BREAK = "axis break";

  private static void add(XYSeries s, EpsilonAxis x, Double eps, int row) {
    if (eps != null && !eps.isNaN()) {
      s.add(x.position(eps), row);
    }
  }

  private static XYLineAndShapeRenderer pointRenderer() {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setUseFillPaint(true);
    r.setDrawOutlines(true);
    r.setUseOutlinePaint(true);
    Color[] c = {ChartStyle.colour(4), ChartStyle.colour(0), ChartStyle.colour(1)};
    for (int i = 0; i < 3; i++) {
      r.setSeriesPaint(i, c[i]);
      r.setSeriesOutlinePaint(i, c[i]);
      r.setSeriesOutlineStroke(i, ChartStyle.line(2f));
    }
    r.setSeriesShape(0, ChartStyle.diamond(8));
    r.setSeriesFillPaint(0, Color.WHITE);
    r.setSeriesShape(1, ChartStyle.square(5.5));
    r.setSeriesFillPaint(1, c[1]);
    r.setSeriesShape(2, ChartStyle.circle(5.5));
    r.setSeriesFillPaint(2, c[2]);
    return r;
  }

  private static XYLineAndShapeRenderer intervalRenderer(int n) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    Color c = new Color(0xD5, 0x5E, 0x00, 0x80);
    for (int i = 0; i < n; i++) {
      r.setSeriesPaint(i, c);
      r.setSeriesStroke(i, ChartStyle.line(3f));
      r.setSeriesVisibleInLegend(i, i == 0);
    }
    return r;
  }

  private static double maxFinite(List<Row> rows) {
    double m = 0;
    for (Row r : rows) {
      for (Double v : new Double[] {r.claimed(), r.accountant(), r.empirical()}) {
        if (v != null && Double.isFinite(v)) {
          m = Math.max(m, v);
        }
      }
    }
    return m;
  }
}
