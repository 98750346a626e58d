package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discretised privacy loss distribution: connect-the-dots dominates the true curve, the
 * epsilon/delta sweeps invert each other, and truncation and parallel composition only move the
 * curve up.
 */
class DiscretePldTest {
  private static final double H = 1e-3;

  static Stream<Arguments> curves() {
    GaussianHockeyStick g = new GaussianHockeyStick(1.0);
    LaplaceHockeyStick l = new LaplaceHockeyStick(0.7);
    return Stream.of(
        Arguments.of("gaussian 0.5", new GaussianHockeyStick(0.5)),
        Arguments.of("gaussian 3", new GaussianHockeyStick(3)),
        Arguments.of("laplace 0.7", l),
        Arguments.of("laplace 5", new LaplaceHockeyStick(5)),
        Arguments.of("sampled gaussian with", new SubsampledHockeyStick(g, 0.05, SubsampledHockeyStick.Order.WITH_EXAMPLE_FIRST)),
        Arguments.of("sampled gaussian without", new SubsampledHockeyStick(g, 0.05, SubsampledHockeyStick.Order.WITHOUT_EXAMPLE_FIRST)),
        Arguments.of("sampled laplace with", new SubsampledHockeyStick(l, 0.3, SubsampledHockeyStick.Order.WITH_EXAMPLE_FIRST)),
        Arguments.of("sampled laplace without", new SubsampledHockeyStick(l, 0.3, SubsampledHockeyStick.Order.WITHOUT_EXAMPLE_FIRST)));
  }

  private static DiscretePld grid(HockeyStick c) {
    return ConnectTheDots.discretise(c, H, 1e-18, 1 << 21);
  }

  /**
   * The grid curve is at or above the true curve everywhere (Doroshenko et al.; the rounding defect
   * of the masses is absorbed at infinity), and equal to it at grid points up to the mass that
   * clipping negative rounding adds (at most 1e-9). Points between grid points are probed too. The
   * 1e-12 allowed below is the rounding of evaluating delta itself, a sum of up to 10^4 terms.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("curves")
  void connectTheDots_dominatesTheTrueCurve(String name, HockeyStick curve) {
    DiscretePld p = grid(curve);
    double lo = p.loss(0) - 1;
    double hi = p.loss(p.probs.length - 1) + 1;
    double step = (hi - lo) / 999;
    for (double eps = lo; eps <= hi; eps += step) {
      double between = Math.floor(eps / H) * H + 0.37 * H;
      for (double e : new double[] {eps, between}) {
        assertTrue(p.delta(e) >= curve.delta(e) - 1e-12, name + " at " + e + ": " + p.delta(e) + " < " + curve.delta(e));
      }
    }
    for (int k = 0; k < p.probs.length; k += Math.max(1, p.probs.length / 200)) {
      assertEquals(curve.delta(p.loss(k)), p.delta(p.loss(k)), 1e-9, name + " at grid point " + p.loss(k));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curves")
  void massesSumToOneUpToRounding(String name, HockeyStick curve) {
    DiscretePld p = grid(curve);
    double total = p.infinityMass;
    for (double x : p.probs) {
      assertTrue(x >= 0);
      total += x;
    }
    // Exactly 1 in exact arithmetic; rounding and clipping negative masses to zero (pessimistic) add a little.
    assertTrue(total >= 1 - 1e-12 && total <= 1 + 1e-9, name + ": " + total);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curves")
  void epsilonAndDelta_invertEachOther(String name, HockeyStick curve) {
    DiscretePld p = grid(curve).selfCompose(20, PldAccountant.TAIL_TRUNCATION);
    for (double delta : new double[] {0.3, 1e-2, 1e-5, 1e-8}) {
      double eps = p.epsilon(delta);
      assertTrue(p.delta(eps) <= delta * (1 + 1e-9), name + ": delta(" + eps + ") = " + p.delta(eps) + " > " + delta);
      if (eps > 1e-6) {
        assertTrue(p.delta(eps - 1e-6) > delta, name + ": epsilon " + eps + " is not the smallest");
      }
    }
  }

  @Test
  void epsilon_isInfiniteWhenTheMassAtInfinityExceedsDelta_andZeroWhenDeltaCoversEverything() {
    DiscretePld p = new DiscretePld(H, -10, new double[] {0.5, 0.25, 0.2}, 0.05);
    assertEquals(Double.POSITIVE_INFINITY, p.epsilon(0.04));
    assertTrue(Double.isFinite(p.epsilon(0.05)));
    assertEquals(0, p.epsilon(0.999));
    assertEquals(0, DiscretePld.identity(H).epsilon(1e-10));
  }

  @Test
  void deltasOnGrid_matchDeltaAtEachPoint() {
    DiscretePld p = grid(new SubsampledHockeyStick(new GaussianHockeyStick(0.9), 0.1,
        SubsampledHockeyStick.Order.WITH_EXAMPLE_FIRST)).selfCompose(3, 0);
    long from = p.offset - 5;
    long to = p.lastIndex() + 5;
    double[] d = p.deltasOnGrid(from, to);
    for (int i = 0; i < d.length; i += 7) {
      assertEquals(p.delta((from + i) * H), d[i], 1e-12);
    }
  }

  /** More truncated mass can only raise epsilon (mass moves up or to infinity). */
  @Test
  void truncation_isPessimistic() {
    DiscretePld p = grid(new SubsampledHockeyStick(new GaussianHockeyStick(1), 0.02,
        SubsampledHockeyStick.Order.WITH_EXAMPLE_FIRST));
    double[] eps = new double[3];
    double[] tails = {0, 1e-12, 1e-7};
    for (int i = 0; i < 3; i++) {
      eps[i] = p.selfCompose(64, tails[i]).epsilon(1e-5);
    }
    assertTrue(eps[0] <= eps[1] && eps[1] <= eps[2], java.util.Arrays.toString(eps));
  }

  /** A parallel composition's distribution dominates each partition's. */
  @Test
  void worstOf_dominatesEveryPart() {
    DiscretePld a = grid(new GaussianHockeyStick(1.5)).selfCompose(4, 0);
    DiscretePld b = grid(new SubsampledHockeyStick(new GaussianHockeyStick(0.7), 0.2,
        SubsampledHockeyStick.Order.WITH_EXAMPLE_FIRST)).selfCompose(9, 0);
    DiscretePld c = grid(new LaplaceHockeyStick(0.4));
    DiscretePld worst = ConnectTheDots.worstOf(List.of(a, b, c));
    for (double eps = -3; eps < 6; eps += 0.0123) {
      double max = Math.max(a.delta(eps), Math.max(b.delta(eps), c.delta(eps)));
      assertTrue(worst.delta(eps) >= max - 1e-12, "at " + eps + ": " + worst.delta(eps) + " < " + max);
    }
    DiscretePld same = ConnectTheDots.worstOf(List.of(a, a));
    assertEquals(a.epsilon(1e-5), same.epsilon(1e-5), 1e-9);
  }

  @Test
  void selfComposeOnce_isTheSameDistribution_andIdentityIsNeutral() {
    DiscretePld a = grid(new GaussianHockeyStick(2));
    assertSame(a, a.selfCompose(1, PldAccountant.TAIL_TRUNCATION));
    DiscretePld withIdentity = a.compose(DiscretePld.identity(H), 0);
    // equal up to the convolution's round-off allowance, added at infinity
    assertEquals(a.epsilon(1e-6), withIdentity.epsilon(1e-6), 1e-8 * a.epsilon(1e-6));
  }
}
