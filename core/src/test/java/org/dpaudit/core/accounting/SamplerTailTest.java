package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.junit.jupiter.api.Test;

class SamplerTailTest {
  @Test
  void bounds_areThoseOf53BitUniforms() {
    // the tail method's excess sqrt(-2 ln u) at the smallest uniform 2^-53; -ln u for Laplace's exponentials
    assertEquals(Math.sqrt(-2 * Math.log(Math.pow(2, -53))), SamplerTail.TAIL_REACH, 1e-12);
    assertEquals(12.0143, SamplerTail.GAUSSIAN_BOUND, 1e-4); // 3.4426 + 8.5718
    assertEquals(-Math.log(Math.pow(2, -53)), SamplerTail.LAPLACE_RADIUS, 1e-12);
  }

  @Test
  void gaussianStep_matchesTheFormulaByHand() {
    double b = SamplerTail.GAUSSIAN_BOUND;
    double c = Math.pow(2, -53) * Math.exp(-3.442619855899 * Math.sqrt(106 * Math.log(2)));
    // s = 1, n = 1: c (1 + B + e^B - 1 - B) = c e^B
    assertEquals(c * Math.exp(b), SamplerTail.gaussianStep(1, 1), 1e-12 * c * Math.exp(b));
    // many draws: the n and B s sqrt(n) terms
    double want = c * (1_000_000 + b * 0.5 * 1000 + Math.expm1(0.5 * b) - 0.5 * b);
    assertEquals(want, SamplerTail.gaussianStep(0.5, 1_000_000), 1e-12 * want);
  }

  @Test
  void ledgerDelta_growsWithSteps_andTheSamplingRate_andShrinksWithNoise() {
    PrivacyLedger a = PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.0)), 1000);
    PrivacyLedger b = PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.02, new DpEvent.Gaussian(1.0)), 1000);
    PrivacyLedger c = PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.0)), 2000);
    PrivacyLedger d = PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(2.0)), 1000);
    long p = 500_000;
    double da = SamplerTail.delta(a, p);
    assertEquals(2 * da, SamplerTail.delta(b, p), 1e-20);
    assertEquals(2 * da, SamplerTail.delta(c, p), 1e-20);
    assertTrue(SamplerTail.delta(d, p) < da);
    // sigma 1, half a million parameters, q 0.01, 1000 steps: tiny next to delta 1e-5
    assertTrue(da > 0 && da < 1e-8, "tail delta " + da);
    // a tiny sigma makes the support's edge matter: capped at 1
    PrivacyLedger e = PrivacyLedger.empty().append(new DpEvent.Gaussian(0.05), 10);
    assertEquals(1, SamplerTail.delta(e, p), 0);
    assertEquals(0, SamplerTail.delta(PrivacyLedger.empty().append(new DpEvent.NonPrivate()), p), 0);
  }

  @Test
  void laplaceStep_isTheExponentialTail() {
    assertEquals(Math.exp(-SamplerTail.LAPLACE_RADIUS) * Math.expm1(0.3), SamplerTail.laplaceStep(0.3), 1e-30);
    PrivacyLedger l = PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.1, new DpEvent.Laplace(2, 1)), 10);
    assertEquals(10 * 0.1 * SamplerTail.laplaceStep(0.5), SamplerTail.delta(l, 100), 1e-30);
  }

  @Test
  void coordinates_mustBePositive() {
    assertThrows(InvalidInputException.class, () -> SamplerTail.delta(PrivacyLedger.empty(), 0));
  }
}
