package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published values and Google dp_accounting's values for the RDP accountant (test kind 1: reference
 * values with their source; the CSVs' header lines give the tool, version and command).
 */
class RdpAccountantReferenceTest {
  /** dp_accounting's DEFAULT_RDP_ORDERS: 1 + x/10 for x in 1..99, 11..63, 128, 256, 512, 1024. */
  static final double[] DP_ACCOUNTING_ORDERS = DoubleStream.concat(
      IntStream.rangeClosed(1, 99).mapToDouble(x -> 1 + x / 10.0),
      DoubleStream.concat(IntStream.rangeClosed(11, 63).mapToDouble(i -> i), DoubleStream.of(128, 256, 512, 1024)))
      .toArray();

  private static DpEvent sgd(double q, double sigma, long steps) {
    return new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q, new DpEvent.Gaussian(sigma)), steps);
  }

  /** Opacus' compute_dp_sgd_privacy docstring: --sample-rate 0.01 --noise-multiplier 1.0 --epochs 3 --alphas 2 5 10 20 100. */
  @Test
  void opacusScriptExample_gives2point39AtOrder5() {
    EpsilonResult r = new RdpAccountant(2, 5, 10, 20, 100).epsilon(sgd(0.01, 1.0, 300), 1e-5);
    assertEquals(2.39, r.epsilon(), 0.005);
    assertEquals(5.0, r.optimalOrder());
    assertTrue(r.upperBound());
  }

  /**
   * TF Privacy MNIST tutorial (q = 250/60000 = 0.417%, sigma = 1.3, 3600 steps): 0.942 at order 17, as
   * quoted in seed 001 and refs/README.
   */
  @Test
  void tfPrivacyTutorial_gives0point942AtOrder17() {
    EpsilonResult r = new RdpAccountant().epsilon(sgd(250 / 60000.0, 1.3, 3600), 1e-5);
    assertEquals(0.942, r.epsilon(), 0.0005);
    assertEquals(17.0, r.optimalOrder());
  }

  /** The TF Privacy MNIST setting q = 256/60000, sigma = 1.1, 60 epochs (14063 steps): RDP 2.60 (refs/README cross-check). */
  @Test
  void mnist60Epochs_gives2point60() {
    assertEquals(2.60, new RdpAccountant().epsilon(sgd(256 / 60000.0, 1.1, 14063), 1e-5).epsilon(), 0.005);
  }

  /** The default orders contain every one of dp_accounting's (so they can only do better). */
  @Test
  void defaultOrders_includeDpAccountingsOrders() {
    double[] ours = RdpAccountant.defaultOrders();
    for (double a : DP_ACCOUNTING_ORDERS) {
      assertTrue(java.util.Arrays.stream(ours).anyMatch(o -> Math.abs(o - a) <= 1e-12), "missing order " + a);
    }
  }

  static Stream<ReferenceRows.Row> gaussianRows() {
    return ReferenceRows.read("accountant_gaussian.csv").stream();
  }

  /**
   * With dp_accounting's own orders, the same algorithm must give the same number: 1e-9 relative
   * allows for log-gamma and erfc implementations differing in the last bits, nothing more.
   */
  @ParameterizedTest
  @MethodSource("gaussianRows")
  void gaussian_withDpAccountingOrders_matchesDpAccounting(ReferenceRows.Row row) {
    double eps = new RdpAccountant(DP_ACCOUNTING_ORDERS)
        .epsilon(sgd(row.get("q"), row.get("sigma"), (long) row.get("steps")), row.get("delta")).epsilon();
    assertEquals(row.get("eps_rdp"), eps, 1e-9 * row.get("eps_rdp"), row.toString());
  }

  /**
   * With the default orders (a superset of dp_accounting's), epsilon is at or below dp_accounting's
   * (each order is a valid bound, so more orders can only help; 1e-9 relative for rounding) and never
   * below the PLD value (RDP is a looser method than PLD: falling below it would mean a wrong RDP).
   */
  @ParameterizedTest
  @MethodSource("gaussianRows")
  void gaussian_withDefaultOrders_isAtMostDpAccountingAndAtLeastPld(ReferenceRows.Row row) {
    double eps = new RdpAccountant()
        .epsilon(sgd(row.get("q"), row.get("sigma"), (long) row.get("steps")), row.get("delta")).epsilon();
    assertTrue(eps <= row.get("eps_rdp") * (1 + 1e-9), row + " gave " + eps);
    assertTrue(eps >= row.get("eps_pld"), row + " gave " + eps);
  }

  static Stream<ReferenceRows.Row> unsampledLaplaceRows() {
    return ReferenceRows.read("accountant_laplace.csv").stream().filter(r -> r.get("q") == 1);
  }

  /** Laplace RDP (Mironov 2017, Prop. 6) against dp_accounting, and never below the PLD value. */
  @ParameterizedTest
  @MethodSource("unsampledLaplaceRows")
  void laplace_matchesDpAccountingWithItsOrders(ReferenceRows.Row row) {
    DpEvent e = new DpEvent.SelfComposed(new DpEvent.Laplace(row.get("scale"), 1), (long) row.get("steps"));
    double theirs = new RdpAccountant(DP_ACCOUNTING_ORDERS).epsilon(e, row.get("delta")).epsilon();
    assertEquals(row.get("eps_rdp"), theirs, 1e-9 * row.get("eps_rdp"), row.toString());
    double ours = new RdpAccountant().epsilon(e, row.get("delta")).epsilon();
    assertTrue(ours <= theirs * (1 + 1e-9) && ours >= row.get("eps_pld"), row + " gave " + ours);
  }
}
