package org.dpaudit.reports.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void epsilonAxis_putsInfinityBeyondTheLastFiniteTick() {
    EpsilonAxis x = new EpsilonAxis(2.04);
    assertEquals(0.5, x.unit);
    assertEquals(2.5, x.lastTick);
    assertEquals(3.5, x.infinity);
    assertEquals(3.5, x.position(Double.POSITIVE_INFINITY));
    assertEquals(1.83, x.position(1.83));
    var ticks = x.axis("eps").getTickUnit();
    assertEquals("∞", ticks.valueToString(3.5));
    assertEquals("", ticks.valueToString(3.0), "nothing in the gap");
    assertEquals("2.5", ticks.valueToString(2.5));
  }

  @Test
  void epsilonStrip_drawsIntervalsOnlyOverTheFiniteAxis_andLabelsTheBreak() {
    var rows = List.of(new EpsilonChart.Row("np", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1.56),
        new EpsilonChart.Row("dp", 2.0, 1.83, 0.85), new EpsilonChart.Row("bare", 2.0, 1.83, null));
    var plot = (org.jfree.chart.plot.XYPlot) EpsilonChart.chart(rows, "95%").getPlot();
    EpsilonAxis x = new EpsilonAxis(2.0);
    var intervals = plot.getDataset(1);
    assertEquals(2, intervals.getSeriesCount(), "one interval per audited row");
    for (int s = 0; s < intervals.getSeriesCount(); s++) {
      for (int i = 0; i < intervals.getItemCount(s); i++) {
        assertTrue(intervals.getXValue(s, i) <= x.lastTick + 0.5 * x.unit, "an interval crosses the axis break");
      }
    }
    var marker = (org.jfree.chart.plot.IntervalMarker) plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)
        .iterator().next();
    assertEquals("axis break", marker.getLabel());
    assertTrue(marker.getStartValue() > x.lastTick && marker.getEndValue() < x.infinity);
    Svg svg = EpsilonChart.render("e", "d", rows, "95%");
    assertTrue(svg.markup().contains("axis break"), "the label is in the SVG");
  }

  @Test
  void epsilonAxis_withNoFiniteValue_stillHasAScale() {
    EpsilonAxis x = new EpsilonAxis(0);
    assertTrue(x.infinity > x.lastTick && x.lastTick > 0);
  }

  @Test
  void niceSteps() {
    assertEquals(0.5, EpsilonAxis.niceStep(0.41));
    assertEquals(2.0, EpsilonAxis.niceStep(1.6));
    assertEquals(10.0, EpsilonAxis.niceStep(7));
    assertEquals(1.0, EpsilonAxis.niceStep(1.0));
  }

  @Test
  void roc_zeroFprMovesToTheFloor_zeroTprIsDropped() {
    List<double[]> pts = List.of(new double[] {0, 0}, new double[] {0, 0.037}, new double[] {0.001, 0.04},
        new double[] {0.0010001, 0.04}, new double[] {0.5, 0.0}, new double[] {1, 1});
    List<double[]> out = RocChart.thin(pts, 1e-3);
    assertEquals(3, out.size(), "(0,0) and (0.5,0) fall off the log axes; a near-duplicate is thinned");
    assertArrayEquals(new double[] {1e-3, 0.037}, out.get(0));
    assertArrayEquals(new double[] {1.0, 1.0}, out.get(2));
  }

  @Test
  void roc_floorIsTenThousandthWithEnoughNonMembers() {
    var small = new RocChart.Curve("a", List.of(new double[] {0.001, 0.1}), 0, true);
    var large = new RocChart.Curve("b", List.of(new double[] {0.0002, 0.1}), 1, true);
    assertEquals(1e-3, RocChart.floor(List.of(small)));
    assertEquals(1e-4, RocChart.floor(List.of(small, large)));
  }

  @Test
  void svg_escapesLabels_andHasTextTicks() {
    Svg svg = RocChart.render("t", "d", List.of(new RocChart.Curve("<b>&\"x\"</b>",
        List.of(new double[] {0, 0.01}, new double[] {0.01, 0.1}, new double[] {1, 1}), 0, true)));
    assertTrue(svg.markup().contains("&lt;b&gt;&amp;"), "the label is escaped");
    assertTrue(!svg.markup().contains("<b>"));
    assertTrue(svg.markup().contains(">0.1%</text>") && svg.markup().contains(">100%</text>"), "tick labels are text");
    assertTrue(svg.markup().contains("true-positive rate (log)</text>"), "the rotated axis title is text");
  }

  @Test
  void percentTicks() {
    PercentTicks f = new PercentTicks();
    assertEquals("0.1%", f.format(0.001));
    assertEquals("0.01%", f.format(1e-4));
    assertEquals("100%", f.format(1.0));
    assertEquals("70%", f.format(0.7));
  }
}
