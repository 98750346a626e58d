package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;

/** The PLD accountant's privacy profile against the Gaussian mechanism's exact one (Balle and Wang 2018). */
class PrivacyProfileTest {
  private static final NormalDistribution N = NormalDistribution.of(0, 1);

  static double gaussianDelta(double eps, double sigma) {
    double mu = 1 / sigma;
    return N.cumulativeProbability(-eps / mu + mu / 2) - Math.exp(eps) * N.cumulativeProbability(-eps / mu - mu / 2);
  }

  @Test
  void gaussianProfile_isExactToTheGrid_andNeverBelowTheTruth() {
    double sigma = 1.3;
    PrivacyProfile p = new PldAccountant().profile(new DpEvent.Gaussian(sigma), 1e-12, 2000);
    assertEquals(0, p.epsilon(0), 0);
    int checked = 0;
    for (int i = 0; i < p.size(); i += 37) {
      double truth = gaussianDelta(p.epsilon(i), sigma);
      assertTrue(p.delta(i) >= truth - 1e-12, "pessimistic at eps " + p.epsilon(i));
      assertEquals(truth, p.delta(i), 2e-4 * truth + 1e-12, "at eps " + p.epsilon(i));
      checked++;
    }
    assertTrue(checked > 20);
    assertTrue(p.size() <= 2000);
    for (int i = 1; i < p.size(); i++) {
      assertTrue(p.delta(i) <= p.delta(i - 1), "non-increasing");
    }
  }

  @Test
  void nonPrivate_hasTheTrivialProfile() {
    PrivacyProfile p = new PldAccountant().profile(new DpEvent.NonPrivate(), 1e-12, 100);
    assertEquals(1, p.size());
    assertEquals(1, p.delta(0), 0);
  }

  @Test
  void lossDistribution_ofTheGaussian_hasMeanMuSquaredOverTwo() {
    double sigma = 2;
    LossDistribution d = new PldAccountant().lossDistribution(new DpEvent.Gaussian(sigma));
    double mean = 0;
    double mass = d.infinityMass();
    double[] p = d.probs();
    for (int i = 0; i < p.length; i++) {
      mean += p[i] * d.loss(i);
      mass += p[i];
    }
    assertEquals(1, mass, 1e-9);
    // the privacy loss of N(1, s^2) vs N(0, s^2) under the first is N(mu^2/2, mu^2), mu = 1/s
    assertEquals(0.5 / (sigma * sigma), mean, 1e-3);
  }
}
