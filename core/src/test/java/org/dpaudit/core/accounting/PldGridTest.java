package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;

/**
 * The default PLD grid adapts to the span of the composed losses: fine where epsilon is small (the
 * reference table's 1e-4), coarser where the losses spread over hundreds of nats, always an upper
 * bound close to the fine grid's value. A given interval is used as given.
 */
class PldGridTest {
  private static DpEvent sgd(double q, double sigma, long steps) {
    return NoiseCalibrator.dpSgd(q, sigma, steps);
  }

  @Test
  void smallEpsilon_keepsTheRequestedInterval() {
    DpEvent mnist = sgd(256.0 / 59000, 0.9025, 3465);
    assertEquals(PldAccountant.DEFAULT_INTERVAL, new PldAccountant().adaptedInterval(mnist));
    assertTrue(new PldAccountant().epsilon(mnist, 1e-5).note().contains("interval 1.0E-4,"));
  }

  @Test
  void largeEpsilon_coarsensTheGrid_toAtMostTheTargetPoints_andStaysCloseToTheFineGrid() {
    // dp_accounting's PLD at interval 1e-4 (accountant_gaussian.csv): 214.88107061998278
    double reference = 214.88107061998278;
    DpEvent e = sgd(0.1, 0.8, 10_000);
    PldAccountant pld = new PldAccountant();
    double h = pld.adaptedInterval(e);
    assertTrue(h > PldAccountant.DEFAULT_INTERVAL, "interval " + h);
    EpsilonResult r = pld.epsilon(e, 1e-5);
    assertTrue(r.note().contains("adapted from 1.0E-4"), r.note());
    assertTrue(r.epsilon() >= reference * (1 - 1e-6) && r.epsilon() <= reference * (1 + 1e-4), "epsilon " + r.epsilon());
    // The coarse grid is still consistent with its own hockey-stick curve.
    assertEquals(1e-5, pld.delta(e, r.epsilon()), 1e-7);
  }

  @Test
  void aGivenInterval_isUsedAsGiven() {
    DpEvent e = sgd(0.1, 1.3, 3000);
    EpsilonResult r = new PldAccountant(2e-4).epsilon(e, 1e-5);
    assertTrue(r.note().contains("interval 2.0E-4,"), r.note());
  }
}
