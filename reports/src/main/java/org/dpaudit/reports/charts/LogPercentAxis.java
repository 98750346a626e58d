package org.dpaudit.reports.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A base-10 log axis of rates, one labelled tick per decade ({@code 0.1%}, {@code 1%}, ...) and
 * unlabelled minor ticks.
 *
 * <p>Why a subclass: {@link LogAxis} labels its ticks with attributed strings, which AWT lays out
 * as glyph outlines, so in SVG they become unsearchable paths. Plain-text ticks become SVG {@code
 * <text>} elements: selectable, searchable, crisp, and escaped by JFreeSVG like every other label.
 */
final class LogPercentAxis extends LogAxis {
  private static final long serialVersionUID = 1L;
  private final PercentTicks format = new PercentTicks();

  LogPercentAxis(String label, double lower, double upper) {
    super(label);
    setBase(10);
    setSmallestValue(lower);
    setRange(lower, upper);
    setTickUnit(new NumberTickUnit(1.0));
    setMinorTickCount(9);
    setMinorTickMarksVisible(true);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    List<Tick> plain = new ArrayList<>();
    for (Object o : super.refreshTicks(g2, state, dataArea, edge)) {
      if (o instanceof LogTick t) {
        boolean major = t.getTickType() == TickType.MAJOR;
        plain.add(new NumberTick(t.getTickType(), t.getValue(), major ? format.format(t.getValue()) : "",
            t.getTextAnchor(), t.getRotationAnchor(), t.getAngle()));
      } else {
        plain.add((Tick) o);
      }
    }
    return plain;
  }

}
