package org.dpaudit.reports.charts;

import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Lines of points with a spread: each point a mean with a bar of plus or minus one standard
 * deviation (over seeds), one colour per series. The experiment's figures (accuracy against
 * epsilon, against sigma, per epoch) are all this shape; only their axes differ.
 */
public final class SeriesChart {
  private SeriesChart() {}

  /**
   * One point.
   *
   * @param sd the standard deviation drawn as a bar (0: none)
   */
  public record Point(double x, double y, double sd) {}

  /** One line: its legend name and its points (drawn in x order). */
  public record Series(String name, List<Point> points) {
    public Series {
      Objects.requireNonNull(name, "name");
      points = List.copyOf(points);
    }
  }

  /**
   * The axes.
   *
   * @param logX a logarithmic x axis when the values span at least a decade (epsilons), else linear
   * @param percentY y values are fractions shown as percentages
   */
  public record Axes(String xLabel, boolean logX, String yLabel, boolean percentY) {}

  /** The chart of {@code series}; series without points are left out. */
  public static Svg render(String id, String description, Axes axes, List<Series> series) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(true);
    r.setDefaultShapesVisible(true);
    r.setErrorStroke(ChartStyle.line(1.2f));
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      if (s.points().isEmpty()) {
        continue;
      }
      YIntervalSeries line = new YIntervalSeries(s.name(), true, true);
      for (Point p : s.points()) {
        line.add(p.x(), p.y(), p.y() - p.sd(), p.y() + p.sd());
        lo = Math.min(lo, p.y() - p.sd());
        hi = Math.max(hi, p.y() + p.sd());
        xLo = Math.min(xLo, p.x());
        xHi = Math.max(xHi, p.x());
      }
      int i = data.getSeriesCount();
      r.setSeriesPaint(i, ChartStyle.colour(i));
      r.setSeriesShape(i, ChartStyle.circle(4));
      r.setSeriesStroke(i, ChartStyle.line(2f));
      data.addSeries(line);
    }
    ValueAxis x;
    // A log axis only where the values span a decade: over a narrow range its ticks are unreadable powers.
    if (axes.logX() && xLo > 0 && xHi / xLo >= 10) {
      LogAxis log = new LogAxis(axes.xLabel());
      log.setSmallestValue(xLo / 2);
      log.setNumberFormatOverride(new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(
          java.util.Locale.ROOT)));
      x = log;
    } else {
      NumberAxis lin = new NumberAxis(axes.xLabel());
      lin.setAutoRangeIncludesZero(false);
      x = lin;
    }
    NumberAxis y = new NumberAxis(axes.yLabel());
    y.setAutoRangeIncludesZero(false);
    if (axes.percentY()) {
      y.setNumberFormatOverride(new PercentTicks());
      if (data.getSeriesCount() > 0) {
        y.setRange(Math.max(0, lo - 0.05), Math.min(1, hi + 0.05));
      }
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    return SvgRenderer.render(chart, 1000, 420, id, description);
  }
}
