package org.dpaudit.reports.charts;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;

/**
 * A linear epsilon axis with a place for infinity: ticks up to the largest finite value, a gap, and
 * one more tick labelled {@code ∞} where infinite epsilons (no privacy) are drawn. A non-private
 * run thus sits visibly beyond every finite epsilon instead of at some arbitrary huge number, or
 * missing.
 */
final class EpsilonAxis {
  /** The data value infinite epsilons are drawn at. */
  final double infinity;
  /** The last finite tick. */
  final double lastTick;
  final double unit;

  EpsilonAxis(double maxFinite) {
    double m = maxFinite > 0 && Double.isFinite(maxFinite) ? maxFinite : 1;
    this.unit = niceStep(m / 5);
    this.lastTick = Math.max(unit, Math.ceil(m / unit - 1e-9) * unit);
    this.infinity = lastTick + 2 * unit;
  }

  /** Where {@code eps} is drawn. */
  double position(double eps) {
    return Double.isInfinite(eps) ? infinity : eps;
  }

  /** The axis itself. */
  NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setRange(0, infinity + 0.6 * unit);
    a.setTickUnit(new NumberTickUnit(unit, new Ticks()));
    return a;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double f : new double[] {1, 2, 5, 10}) {
      if (f * p >= raw - 1e-12) {
        return f * p;
      }
    }
    return 10 * p;
  }

  /** Tick labels: numbers up to the last finite tick, nothing in the gap, ∞ at infinity. */
  private final class Ticks extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      if (Math.abs(v - infinity) < unit * 1e-6) {
        return to.append('∞');
      }
      if (v > lastTick + unit * 1e-6) {
        return to;
      }
      String s = String.format(Locale.ROOT, unit >= 1 ? "%.0f" : unit >= 0.1 ? "%.1f" : "%.2f", v);
      return to.append(s);
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("tick labels are never parsed");
    }
  }
}
