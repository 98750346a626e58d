package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Basic and advanced composition against their closed forms, and against the tighter accountants. */
class PureDpCompositionTest {
  private static final PureDpComposition PURE = new PureDpComposition();

  /** Few steps: basic composition, sum of s/b, wins and holds even at delta = 0. */
  @Test
  void fewSteps_useBasicComposition() {
    DpEvent e = new DpEvent.SelfComposed(new DpEvent.Laplace(2, 1), 10);
    EpsilonResult r = PURE.epsilon(e, 1e-5);
    assertEquals(5.0, r.epsilon(), 1e-12);
    assertTrue(r.note().startsWith("basic"), r.note());
  }

  /** Many small steps: advanced composition, sqrt(2k ln(1/delta)) eps + k eps (e^eps - 1) (Dwork and Roth, Thm 3.20). */
  @ParameterizedTest
  @CsvSource({"10000, 0.01, 1e-5", "1000, 0.05, 1e-6", "100000, 0.001, 1e-8"})
  void manySmallSteps_useAdvancedComposition(long k, double eps, double delta) {
    DpEvent e = new DpEvent.SelfComposed(new DpEvent.Laplace(1 / eps, 1), k);
    double expected = Math.sqrt(2 * k * Math.log(1 / delta)) * eps + k * eps * Math.expm1(eps);
    EpsilonResult r = PURE.epsilon(e, delta);
    assertEquals(expected, r.epsilon(), 1e-9 * expected);
    assertTrue(expected < k * eps);
    assertTrue(r.note().startsWith("advanced"), r.note());
  }

  /** Unequal steps: the same proof gives sqrt(2 ln(1/delta) sum eps_i^2) + sum eps_i (e^eps_i - 1). */
  @Test
  void unequalSteps_useTheHeterogeneousForm() {
    DpEvent e = new DpEvent.Composed(List.of(
        new DpEvent.SelfComposed(new DpEvent.Laplace(100, 1), 5000),
        new DpEvent.SelfComposed(new DpEvent.Laplace(50, 1), 2000)));
    double sumSq = 5000 * 1e-4 + 2000 * 4e-4;
    double mean = 5000 * 0.01 * Math.expm1(0.01) + 2000 * 0.02 * Math.expm1(0.02);
    assertEquals(Math.sqrt(2 * Math.log(1e5) * sumSq) + mean, PURE.epsilon(e, 1e-5).epsilon(), 1e-9);
  }

  /** Amplification by Poisson sampling: log(1 + q (e^eps - 1)) per step (Li, Qardaji, Su 2012). */
  @Test
  void poissonSampling_amplifies() {
    DpEvent step = new DpEvent.PoissonSampled(0.01, new DpEvent.Laplace(1, 1));
    assertEquals(Math.log1p(0.01 * Math.expm1(1)), PURE.epsilon(step, 1e-5).epsilon(), 1e-15);
    assertEquals(Math.log1p(1e-3 * Math.expm1(700)), PureDpComposition.stepEpsilon(
        new DpEvent.PoissonSampled(1e-3, new DpEvent.Laplace(1, 700))), 1e-12 * 700);
  }

  /** The tighter accountants never exceed pure-DP composition on Laplace steps. */
  @ParameterizedTest
  @CsvSource({"1.0, 1.0, 100", "0.01, 1.0, 1000", "0.1, 5.0, 300"})
  void pldAndRdp_areAtMostPureDp(double q, double scale, long steps) {
    DpEvent e = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q, new DpEvent.Laplace(scale, 1)), steps);
    double pure = PURE.epsilon(e, 1e-5).epsilon();
    assertTrue(new PldAccountant().epsilon(e, 1e-5).epsilon() <= pure);
    if (q == 1) {
      assertTrue(new RdpAccountant().epsilon(e, 1e-5).epsilon() <= pure);
    }
  }

  @Test
  void parallelPartitions_costTheWorst() {
    DpEvent e = new DpEvent.ParallelComposed(List.of(new DpEvent.Laplace(1, 1), new DpEvent.SelfComposed(new DpEvent.Laplace(4, 1), 3)));
    assertEquals(1.0, PURE.epsilon(e, 1e-5).epsilon(), 1e-15);
  }
}
