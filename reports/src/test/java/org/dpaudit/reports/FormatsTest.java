package org.dpaudit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void epsilon_infinityIsTheSymbol_notANumber() {
    assertEquals("∞", Formats.epsilon(Double.POSITIVE_INFINITY));
    assertEquals("—", Formats.epsilon((Double) null));
    assertEquals("—", Formats.epsilon(Double.NaN));
    assertEquals("1.83", Formats.epsilon(1.8311962638567427));
    assertEquals("0.00", Formats.epsilon(0.0));
    assertEquals("12.3", Formats.epsilon(12.34));
    assertEquals("123", Formats.epsilon(123.4));
  }

  @Test
  void rates_percentages_andFprKeys() {
    assertEquals("69.2%", Formats.percent(0.6919));
    assertEquals("0.20%", Formats.percent(0.002, 2));
    assertEquals("0.670", Formats.rate(0.669823));
    assertEquals("[0.646, 0.693]", Formats.rateInterval(0.6463284216635679, 0.693317578336432));
    assertEquals("0.1%", Formats.fprKey("0.001"));
    assertEquals("0.01%", Formats.fprKey("0.0001"));
    assertEquals("1%", Formats.fprKey("0.01"));
    assertEquals("10%", Formats.fprKey("0.1"));
  }

  @Test
  void smallNumbers_countsAndTimes() {
    assertEquals("1e-5", Formats.small(1e-5));
    assertEquals("2.5e-6", Formats.small(2.5e-6));
    assertEquals("0.05", Formats.small(0.05));
    assertEquals("535,818", Formats.count(535818));
    assertEquals("8.3 s", Formats.seconds(8.3));
    assertEquals("3 min 05 s", Formats.seconds(185));
    assertEquals("2026-11-23 13:09:05 UTC", Formats.instant(Instant.parse("2026-11-23T13:09:05.133005592Z")));
    assertEquals("not a time", Formats.instant("not a time"));
    assertEquals("ba891046e650…", Formats.shortHash("ba891046e6505d7aadcbbe25680a0738"));
  }
}
