package org.dpaudit.reports.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Privacy against utility: test accuracy over epsilon, one line per scheme through its runs at the
 * accountant's epsilon (what the code provably spent), with each run's claimed epsilon as a hollow
 * marker of the same colour, so a scheme whose claim is far from its proof shows it at a glance.
 * Non-private runs sit at the {@code ∞} tick, with their accuracy as a dotted reference line: the
 * gap to it is the price of privacy.
 */
public final class PrivacyUtilityChart {
  private PrivacyUtilityChart() {}

  /**
   * One run.
   *
   * @param accountant the accountant's epsilon, or null when unknown (an imported run)
   * @param claimed the claimed epsilon
   * @param accuracy test accuracy, a fraction
   */
  public record Point(String run, String scheme, Double accountant, double claimed, double accuracy) {
    public Point {
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(scheme, "scheme");
    }

    double proven() {
      return accountant != null ? accountant : claimed;
    }
  }

  /** The chart of {@code points}; schemes are coloured in order of first appearance. */
  public static Svg render(String id, String description, List<Point> points) {
    double max = 0;
    for (Point p : points) {
      for (double v : new double[] {p.proven(), p.claimed()}) {
        max = Double.isFinite(v) ? Math.max(max, v) : max;
      }
    }
    EpsilonAxis x = new EpsilonAxis(max);
    Map<String, List<Point>> byScheme = new LinkedHashMap<>();
    for (Point p : points) {
      byScheme.computeIfAbsent(p.scheme(), k -> new ArrayList<>()).add(p);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setUseFillPaint(true);
    r.setUseOutlinePaint(true);
    int colour = 0;
    for (Map.Entry<String, List<Point>> e : byScheme.entrySet()) {
      Color c = ChartStyle.colour(colour++);
      List<Point> ps = new ArrayList<>(e.getValue());
      ps.sort(Comparator.comparingDouble(Point::proven));
      XYSeries proven = new XYSeries(e.getKey() + " (accountant ε)", false, true);
      XYSeries claimed = new XYSeries(e.getKey() + " (claimed ε)", false, true);
      for (Point p : ps) {
        proven.add(x.position(p.proven()), p.accuracy());
        if (p.claimed() != p.proven()) {
          claimed.add(x.position(p.claimed()), p.accuracy());
        }
      }
      style(r, data.getSeriesCount(), c, true);
      data.addSeries(proven);
      if (claimed.getItemCount() > 0) {
        style(r, data.getSeriesCount(), c, false);
        data.addSeries(claimed);
      }
    }
    XYPlot plot = new XYPlot(data, x.axis("epsilon (nats; accountant, claimed hollow)"), accuracyAxis(points), r);
    for (Point p : points) {
      if (Double.isInfinite(p.proven())) {
        plot.addRangeMarker(baseline(p), Layer.BACKGROUND);
      }
    }
    JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    return SvgRenderer.render(chart, 1000, 440, id, description);
  }

  private static void style(XYLineAndShapeRenderer r, int series, Color c, boolean filled) {
    r.setSeriesPaint(series, c);
    r.setSeriesOutlinePaint(series, c);
    r.setSeriesFillPaint(series, filled ? c : Color.WHITE);
    r.setSeriesShape(series, filled ? ChartStyle.circle(5) : ChartStyle.diamond(7));
    r.setSeriesOutlineStroke(series, ChartStyle.line(1.8f));
    r.setSeriesLinesVisible(series, filled);
    r.setSeriesStroke(series, ChartStyle.line(2f));
  }

  private static NumberAxis accuracyAxis(List<Point> points) {
    double lo = 1;
    double hi = 0;
    for (Point p : points) {
      lo = Math.min(lo, p.accuracy());
      hi = Math.max(hi, p.accuracy());
    }
    NumberAxis a = new NumberAxis("test accuracy");
    a.setNumberFormatOverride(new PercentTicks());
    a.setRange(points.isEmpty() ? 0 : Math.max(0, lo - 0.08), points.isEmpty() ? 1 : Math.min(1, hi + 0.05));
    return a;
  }

  private static ValueMarker baseline(Point p) {
    ValueMarker m = new ValueMarker(p.accuracy(), ChartStyle.GUIDE, ChartStyle.dotted(1.2f));
    m.setLabel(p.run() + ": no privacy (ε = ∞)");
    m.setLabelFont(ChartStyle.TICK_FONT);
    m.setLabelPaint(ChartStyle.GUIDE);
    m.setLabelBackgroundColor(ChartStyle.CLEAR);
    m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    return m;
  }
}
