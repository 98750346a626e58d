package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneRunFdpBoundTest {

  /** Kind 1: jax_privacy's test_epsilon_one_run_close, f-DP variant: 2.164749 (shift 1), 9.133752 (shift 4), rtol 1e-5. */
  @ParameterizedTest(name = "shift={0}")
  @CsvSource({"1,2.164749", "4,9.133752"})
  void reproducesJaxPrivacyFdpValues(double shift, double expected) {
    double best = JaxPrivacyFixture.bestOverFrontier(shift, (counts, beta) -> OneRunFdpBound.epsilon(counts, 1e-6, beta));
    assertEquals(expected, best, 1e-5 * expected);
  }

  @Test
  void isTighterThanSteinke_onTheSameGuesses() {
    BoundParameters p = new BoundParameters(0.95, 1e-5);
    for (OneRunCounts c : new OneRunCounts[] {new OneRunCounts(1000, 100, 95), new OneRunCounts(10000, 400, 330)}) {
      double steinke = OneRunBound.bound(c, p).epsilon();
      double fdp = OneRunFdpBound.bound(c, p).epsilon();
      assertTrue(fdp > steinke, c + ": f-DP " + fdp + " vs " + steinke);
    }
  }

  @Test
  void falsifiedSet_isAnInterval_fromZero() {
    OneRunCounts c = new OneRunCounts(1000, 200, 170);
    double eps = OneRunFdpBound.bound(c, new BoundParameters(0.95, 1e-5)).epsilon();
    for (double e = 0; e < eps; e += eps / 50) {
      assertTrue(OneRunFdpBound.slack(c, 1e-5, 0.05, e) > 0, "eps " + e);
    }
    for (double e = eps + 1e-6; e < 3 * eps; e += eps / 50) {
      assertTrue(OneRunFdpBound.slack(c, 1e-5, 0.05, e) <= 0, "eps " + e);
    }
  }

  @Test
  void noEvidence_givesZero_andDeltaZeroIsRefused() {
    BoundParameters p = new BoundParameters(0.95, 1e-5);
    assertEquals(0, OneRunFdpBound.bound(new OneRunCounts(100, 0, 0), p).epsilon());
    assertEquals(0, OneRunFdpBound.bound(new OneRunCounts(100, 100, 50), p).epsilon());
    assertThrows(InvalidInputException.class,
        () -> OneRunFdpBound.bound(new OneRunCounts(100, 10, 10), new BoundParameters(0.95, 0)));
  }

  @Test
  void mu_invertsTheGaussianCurve() {
    for (double eps : new double[] {0, 0.5, 2, 8}) {
      double mu = GaussianTradeoff.mu(eps, 1e-6);
      assertEquals(1e-6, GaussianTradeoff.delta(mu, eps), 1e-6 * 1e-6); // mu to 1e-12 relative
      assertEquals(eps, GaussianTradeoff.epsilon(mu, 1e-6), 1e-8);
    }
  }
}
