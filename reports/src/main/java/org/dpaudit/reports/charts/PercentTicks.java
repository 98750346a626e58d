package org.dpaudit.reports.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels for rates as percentages ({@code 0.001 -> 0.1%}), the way the membership-inference
 * literature states FPRs since LiRA, and more readable for a manager than {@code 10^-3}.
 */
final class PercentTicks extends NumberFormat {
  private static final long serialVersionUID = 1L;

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    if (!Double.isFinite(number)) {
      return toAppendTo.append(number);
    }
    BigDecimal pct = new BigDecimal(number).movePointRight(2).round(new MathContext(3));
    return toAppendTo.append(pct.stripTrailingZeros().toPlainString()).append('%');
  }

  @Override
  public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
    return format((double) number, toAppendTo, pos);
  }

  @Override
  public Number parse(String source, ParsePosition parsePosition) {
    throw new UnsupportedOperationException("tick labels are never parsed");
  }
}
