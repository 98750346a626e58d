package org.dpaudit.reports.charts;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
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
 * Training as it went, per epoch: train and test accuracy (left axis) and the epsilon spent so far
 * (right axis, with the claimed budget as a line), so one picture shows what the privacy cost
 * bought. A non-private run has no finite epsilon and gets no right axis.
 */
public final class TrainingChart {
  private TrainingChart() {}

  /**
   * One epoch's numbers.
   *
   * @param trainAccuracy a fraction
   * @param testAccuracy a fraction
   * @param epsilonSpent the accountant's epsilon after the epoch (infinite when non-private)
   */
  public record Epoch(int epoch, double trainAccuracy, double testAccuracy, double epsilonSpent) {}

  /** The chart of {@code epochs}, with {@code claimedEpsilon} drawn as the budget when finite. */
  public static Svg render(String id, String description, List<Epoch> epochs, double claimedEpsilon) {
    XYSeries train = new XYSeries("train accuracy");
    XYSeries test = new XYSeries("test accuracy");
    XYSeries eps = new XYSeries("epsilon spent (right axis)");
    for (Epoch e : epochs) {
      train.add(e.epoch(), e.trainAccuracy());
      test.add(e.epoch(), e.testAccuracy());
      if (Double.isFinite(e.epsilonSpent())) {
        eps.add(e.epoch(), e.epsilonSpent());
      }
    }
    XYSeriesCollection acc = new XYSeriesCollection();
    acc.addSeries(test);
    acc.addSeries(train);
    XYLineAndShapeRenderer accR = new XYLineAndShapeRenderer(true, epochs.size() <= 30);
    accR.setSeriesPaint(0, ChartStyle.colour(0));
    accR.setSeriesPaint(1, ChartStyle.colour(5));
    accR.setSeriesStroke(0, ChartStyle.line(2.2f));
    accR.setSeriesStroke(1, ChartStyle.dashed(1.6f));
    accR.setSeriesShape(0, ChartStyle.circle(2.5));
    accR.setSeriesShape(1, ChartStyle.circle(2));
    NumberAxis epochAxis = new NumberAxis("epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    if (!epochs.isEmpty()) {
      epochAxis.setRange(epochs.get(0).epoch() - 0.5, epochs.get(epochs.size() - 1).epoch() + 0.5);
    }
    NumberAxis accAxis = new NumberAxis("accuracy");
    accAxis.setRange(0, 1.0);
    accAxis.setNumberFormatOverride(new PercentTicks());
    XYPlot plot = new XYPlot(acc, epochAxis, accAxis, accR);
    if (eps.getItemCount() > 0) {
      addEpsilonAxis(plot, eps, claimedEpsilon);
    }
    JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    return SvgRenderer.render(chart, 1000, 360, id, description);
  }

  private static void addEpsilonAxis(XYPlot plot, XYSeries eps, double claimed) {
    NumberAxis epsAxis = new NumberAxis("epsilon spent");
    double top = Math.max(eps.getMaxY(), Double.isFinite(claimed) ? claimed : 0) * 1.15;
    epsAxis.setRange(0, top > 0 ? top : 1);
    plot.setRangeAxis(1, epsAxis);
    plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
    plot.setDataset(1, new XYSeriesCollection(eps));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    Color c = ChartStyle.colour(1);
    r.setSeriesPaint(0, c);
    r.setSeriesStroke(0, ChartStyle.line(2f));
    plot.setRenderer(1, r);
    if (Double.isFinite(claimed)) {
      ValueMarker m = new ValueMarker(claimed, c, ChartStyle.dotted(1.4f));
      m.setLabel("claimed epsilon");
      m.setLabelFont(ChartStyle.TICK_FONT);
      m.setLabelPaint(c);
      m.setLabelBackgroundColor(ChartStyle.CLEAR);
      m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(1, m, Layer.FOREGROUND);
    }
  }
}
