package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accountants against each other and against exact answers (test kind 2: bound sandwiches,
 * round trips, monotonicity). Each is a different method, so agreement is evidence, not an echo.
 */
class AccountantSandwichTest {
  private static final RdpAccountant RDP = new RdpAccountant();
  private static final PldAccountant PLD = new PldAccountant();
  private static final GdpCltAccountant GDP = new GdpCltAccountant();

  private static DpEvent sgd(double q, double sigma, long steps) {
    return NoiseCalibrator.dpSgd(q, sigma, steps);
  }

  /**
   * Unsubsampled Gaussian: exact (Balle and Wang 2018) <= PLD <= RDP. The exact value comes from an
   * independent implementation ({@link ExactGaussian}); PLD must be within 1e-5 relative of it.
   */
  @ParameterizedTest
  @CsvSource({"0.5, 1, 1e-5", "1.0, 1, 1e-5", "2.0, 10, 1e-6", "5.0, 100, 1e-5", "0.7, 50, 1e-8", "10, 1000, 1e-5", "3, 7, 0.01"})
  void gaussian_exactAtMostPldAtMostRdp(double sigma, long steps, double delta) {
    DpEvent e = sgd(1.0, sigma, steps);
    double exact = ExactGaussian.epsilon(Math.sqrt(steps) / sigma, delta);
    double pld = PLD.epsilon(e, delta).epsilon();
    double rdp = RDP.epsilon(e, delta).epsilon();
    assertTrue(exact <= pld * (1 + 1e-12) && pld <= rdp, exact + " <= " + pld + " <= " + rdp);
    assertEquals(exact, pld, 1e-5 * exact);
  }

  /**
   * The FFT composition path on its own: T discretised Gaussian steps, self-composed by squaring,
   * against the exact value of the composed Gaussian (sigma / sqrt(T)). The accountant reduces
   * Gaussian compositions exactly, so this drives {@link DiscretePld} directly (with a grid coarse
   * enough for the composed loss to fit). Tolerance 2e-3 relative: connect-the-dots error grows with
   * the number of compositions.
   */
  @ParameterizedTest
  @CsvSource({"1.0, 16, 1e-4", "2.0, 100, 1e-4", "0.8, 1000, 1e-3", "5.0, 1000, 1e-4", "1.5, 4096, 1e-3"})
  void fftSelfComposition_ofGaussianSteps_boundsTheExactValueTightly(double sigma, long steps, double interval) {
    DiscretePld one = ConnectTheDots.discretise(new GaussianHockeyStick(sigma), interval, 1e-18, 1 << 21);
    double pld = one.selfCompose(steps, PldAccountant.TAIL_TRUNCATION).epsilon(1e-5);
    double exact = ExactGaussian.epsilon(Math.sqrt(steps) / sigma, 1e-5);
    assertTrue(pld >= exact * (1 - 1e-12), pld + " below the exact " + exact);
    assertEquals(exact, pld, 2e-3 * exact);
  }

  /**
   * Subsampled Gaussian: PLD <= RDP (no tolerance needed: PLD is tight and pessimistic, RDP a looser
   * bound), down to delta = 1e-7, above the PLD's round-off allowance for these step counts.
   */
  @ParameterizedTest
  @CsvSource({"0.001, 0.6, 5000", "0.01, 0.9, 1000", "0.02, 2.0, 20000", "0.3, 1.5, 100", "0.9, 1.0, 10", "1e-6, 0.5, 100000"})
  void subsampledGaussian_pldAtMostRdp(double q, double sigma, long steps) {
    DpEvent e = sgd(q, sigma, steps);
    for (double delta : new double[] {1e-3, 1e-5, 1e-7}) {
      double pld = PLD.epsilon(e, delta).epsilon();
      double rdp = RDP.epsilon(e, delta).epsilon();
      assertTrue(pld <= rdp, "delta " + delta + ": PLD " + pld + " > RDP " + rdp);
    }
  }

  /** eps -> delta(eps) -> eps again, for each accountant's own curve. */
  @ParameterizedTest
  @CsvSource({"0.01, 1.0, 1000", "0.004266666666666667, 1.1, 14063", "1.0, 3.0, 20", "0.1, 0.9, 2000"})
  void roundTrip_epsilonDeltaEpsilon(double q, double sigma, long steps) {
    DpEvent e = sgd(q, sigma, steps);
    for (double delta : new double[] {1e-4, 1e-6, 1e-8}) {
      double rdpEps = RDP.epsilon(e, delta).epsilon();
      double rdpDelta = RDP.delta(e, rdpEps);
      assertEquals(delta, rdpDelta, 1e-9 * delta, "RDP delta");
      assertEquals(rdpEps, RDP.epsilon(e, rdpDelta).epsilon(), 1e-9 * rdpEps, "RDP epsilon");

      double pldEps = PLD.epsilon(e, delta).epsilon();
      double pldDelta = PLD.delta(e, pldEps);
      assertEquals(delta, pldDelta, 1e-9 * delta, "PLD delta");
      assertEquals(pldEps, PLD.epsilon(e, pldDelta).epsilon(), 1e-9 * pldEps, "PLD epsilon");

      double mu = GDP.mu(e);
      double gdpEps = GDP.epsilon(e, delta).epsilon();
      assertEquals(delta, ExactGaussian.delta(mu, gdpEps), 1e-8 * delta, "GDP delta");
    }
  }

  private interface Epsilon {
    double of(DpEvent e);
  }

  private static List<Epsilon> boundedAccountants() {
    return List.of(e -> RDP.epsilon(e, 1e-5).epsilon(), e -> PLD.epsilon(e, 1e-5).epsilon(),
        e -> GDP.epsilon(e, 1e-5).epsilon());
  }

  @Test
  void epsilon_decreasesWithNoise() {
    for (Epsilon acc : boundedAccountants()) {
      double previous = Double.POSITIVE_INFINITY;
      for (double sigma : new double[] {0.5, 0.7, 1.0, 1.5, 3, 10}) {
        double eps = acc.of(sgd(0.01, sigma, 1000));
        assertTrue(eps < previous, "sigma " + sigma + ": " + eps + " >= " + previous);
        previous = eps;
      }
    }
  }

  @Test
  void epsilon_increasesWithSamplingRate() {
    for (Epsilon acc : boundedAccountants()) {
      double previous = 0;
      for (double q : new double[] {1e-4, 1e-3, 0.01, 0.05, 0.2, 0.6}) {
        double eps = acc.of(sgd(q, 1.0, 500));
        assertTrue(eps > previous, "q " + q + ": " + eps + " <= " + previous);
        previous = eps;
      }
    }
  }

  @Test
  void epsilon_increasesWithSteps() {
    for (Epsilon acc : boundedAccountants()) {
      double previous = 0;
      for (long steps : new long[] {1, 10, 100, 1000, 10000, 100000}) {
        double eps = acc.of(sgd(0.01, 1.2, steps));
        assertTrue(eps > previous, "steps " + steps + ": " + eps + " <= " + previous);
        previous = eps;
      }
    }
  }
}
