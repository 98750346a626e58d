package org.dpaudit.reports.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ROC curves on log-log axes, with the chance diagonal and the 0.1% and 1% FPR lines.
 *
 * <p>Why log-log: an attack that identifies a few members with near certainty is a privacy failure
 * even when its AUC is near 0.5, and only log axes show the low-FPR corner where that happens
 * (Carlini et al. 2022, "Membership Inference Attacks From First Principles", Sec. 3).
 *
 * <p>Zeros cannot be shown on log axes. A point at FPR 0 is drawn at the axis' left edge (the TPR
 * reached at FPR 0 is also reached at every FPR above it, so this is still the curve); points with
 * a TPR below the axis' floor lie below the chart and are left out.
 */
public final class RocChart {
  /** The axes never go below this rate. */
  public static final double MIN_FLOOR = 1e-4;

  private RocChart() {}

  /**
   * One curve.
   *
   * @param label the legend entry (user data: JFreeSVG escapes it)
   * @param points (FPR, TPR) pairs, FPR ascending
   * @param colour the palette index
   * @param primary a bold solid line (false: a thin dashed one, e.g. a LiRA variant)
   */
  public record Curve(String label, List<double[]> points, int colour, boolean primary) {
    public Curve {
      Objects.requireNonNull(label, "label");
      points = List.copyOf(points);
    }
  }

  /** The chart of {@code curves}. */
  public static Svg render(String id, String description, List<Curve> curves) {
    double floor = floor(curves);
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    int s = 0;
    for (Curve c : curves) {
      XYSeries series = new XYSeries(c.label(), false, true);
      for (double[] p : thin(c.points(), floor)) {
        series.add(p[0], p[1]);
      }
      data.addSeries(series);
      r.setSeriesPaint(s, ChartStyle.colour(c.colour()));
      r.setSeriesStroke(s, c.primary() ? ChartStyle.line(2.2f) : ChartStyle.dashed(1.2f));
      s++;
    }
    XYSeries chance = new XYSeries("chance (TPR = FPR)");
    chance.add(floor, floor);
    chance.add(1.0, 1.0);
    data.addSeries(chance);
    r.setSeriesPaint(s, ChartStyle.GUIDE);
    r.setSeriesStroke(s, ChartStyle.dotted(1.4f));
    XYPlot plot = new XYPlot(data, axis("false-positive rate (log)", floor), axis("true-positive rate (log)", floor), r);
    plot.addDomainMarker(fprLine(0.001, "0.1% FPR"), Layer.BACKGROUND);
    plot.addDomainMarker(fprLine(0.01, "1% FPR"), Layer.BACKGROUND);
    JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    return SvgRenderer.render(chart, 520, 440, id, description);
  }

  /** 1e-4 when some curve has a positive FPR below 1e-3 (10,000 or more non-members), else 1e-3. */
  static double floor(List<Curve> curves) {
    for (Curve c : curves) {
      for (double[] p : c.points()) {
        if (p[0] > 0 && p[0] < 1e-3) {
          return MIN_FLOOR;
        }
      }
    }
    return 1e-3;
  }

  /**
   * The points to draw: FPR 0 moved to the floor, TPR below the floor dropped, and points closer
   * than 0.3% of a decade to the last kept one dropped (thousands of thresholds would otherwise make
   * a large file with no visible difference).
   */
  static List<double[]> thin(List<double[]> points, double floor) {
    List<double[]> out = new ArrayList<>();
    double[] last = null;
    for (int i = 0; i < points.size(); i++) {
      double fpr = Math.max(points.get(i)[0], floor);
      double tpr = points.get(i)[1];
      if (tpr < floor) {
        continue;
      }
      boolean end = i == points.size() - 1;
      if (last == null || end || Math.abs(Math.log10(fpr / last[0])) > 0.003
          || Math.abs(Math.log10(tpr / last[1])) > 0.003) {
        last = new double[] {fpr, tpr};
        out.add(last);
      }
    }
    return out;
  }

  private static LogAxis axis(String label, double floor) {
    // a little room below the floor and above 100%, so both end ticks get their labels
    return new LogPercentAxis(label, floor / 1.12, 1.06);
  }

  private static ValueMarker fprLine(double fpr, String label) {
    ValueMarker m = new ValueMarker(fpr, ChartStyle.GUIDE, ChartStyle.dashed(0.9f));
    m.setLabel(label);
    m.setLabelFont(ChartStyle.TICK_FONT);
    m.setLabelPaint(ChartStyle.GUIDE);
    m.setLabelBackgroundColor(ChartStyle.CLEAR);
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    return m;
  }
}
