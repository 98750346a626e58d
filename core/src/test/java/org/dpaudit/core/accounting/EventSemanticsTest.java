package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.dpaudit.core.UnsupportedEventException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.NeighbouringRelation;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each event means to each accountant: composition rules, "no privacy", and unsupported parts. */
class EventSemanticsTest {
  private static final DpEvent.Gaussian G1 = new DpEvent.Gaussian(1.0);
  private static final DpEvent SAMPLED = new DpEvent.PoissonSampled(0.01, G1);

  static Stream<Accountant> allAccountants() {
    return Stream.of(new RdpAccountant(), new PldAccountant(), new GdpCltAccountant(), new PureDpComposition());
  }

  static Stream<Accountant> gaussianAccountants() {
    return Stream.of(new RdpAccountant(), new PldAccountant(), new GdpCltAccountant());
  }

  @ParameterizedTest
  @MethodSource("allAccountants")
  void nothingReleased_isZero(Accountant a) {
    assertEquals(0, a.epsilon(new DpEvent.NoOp(), 1e-5).epsilon());
    assertEquals(0, a.epsilon(new DpEvent.Composed(List.of()), 1e-5).epsilon());
    assertEquals(0, a.epsilon(PrivacyLedger.empty().composedEvent(), 1e-5).epsilon());
    assertEquals(0, a.epsilon(new DpEvent.SelfComposed(new DpEvent.NoOp(), 1000), 1e-5).epsilon());
  }

  /** sigma = 0 or a non-private release anywhere means no privacy: infinity, not an error (issue 14). */
  @ParameterizedTest
  @MethodSource("gaussianAccountants")
  void noNoise_isInfiniteEpsilon_notAnError(Accountant a) {
    DpEvent[] noPrivacy = {
        new DpEvent.Gaussian(0),
        new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(0)), 100),
        new DpEvent.NonPrivate(),
        new DpEvent.Composed(List.of(new DpEvent.SelfComposed(SAMPLED, 100), new DpEvent.NonPrivate())),
        new DpEvent.ParallelComposed(List.of(G1, new DpEvent.NonPrivate())),
    };
    for (DpEvent e : noPrivacy) {
      EpsilonResult r = a.epsilon(e, 1e-5);
      assertEquals(Double.POSITIVE_INFINITY, r.epsilon(), e.toString());
      assertTrue(r.note().contains("no privacy"), r.note());
      assertNull(r.optimalOrder());
    }
  }

  @ParameterizedTest
  @MethodSource("allAccountants")
  void unsupportedEvent_isRefusedNamingTheSubEvent(Accountant a) {
    DpEvent bad = new DpEvent.Unsupported("clipping threshold chosen from private data");
    DpEvent nested = new DpEvent.Composed(List.of(new DpEvent.NoOp(), new DpEvent.SelfComposed(bad, 3)));
    assertFalse(a.supports(nested));
    UnsupportedEventException e = assertThrows(UnsupportedEventException.class, () -> a.epsilon(nested, 1e-5));
    assertTrue(e.getMessage().contains("clipping threshold chosen from private data"), e.getMessage());
    assertTrue(e.getMessage().contains("inside"), e.getMessage());
  }

  @Test
  void sampledLaplace_isUnsupportedByRdpAndGdp_butAccountedByPldAndPureDp() {
    DpEvent e = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Laplace(1, 1)), 10);
    assertFalse(new RdpAccountant().supports(e));
    UnsupportedEventException x = assertThrows(UnsupportedEventException.class, () -> new RdpAccountant().epsilon(e, 1e-5));
    assertTrue(x.getMessage().contains("PLD"), x.getMessage());
    assertFalse(new GdpCltAccountant().supports(e));
    assertTrue(new PldAccountant().supports(e));
    assertTrue(new PureDpComposition().supports(e));
    assertTrue(new PldAccountant().epsilon(e, 1e-5).epsilon() <= new PureDpComposition().epsilon(e, 1e-5).epsilon());
  }

  @Test
  void gaussian_isUnsupportedByPureDp() {
    assertFalse(new PureDpComposition().supports(G1));
    assertThrows(UnsupportedEventException.class, () -> new PureDpComposition().epsilon(SAMPLED, 1e-5));
  }

  @Test
  void replaceOneNeighbours_refusePoissonSampling() {
    for (Accountant a : List.<Accountant>of(new RdpAccountant(NeighbouringRelation.REPLACE_ONE, 2, 4),
        new PldAccountant(1e-4, NeighbouringRelation.REPLACE_ONE), new GdpCltAccountant(NeighbouringRelation.REPLACE_ONE),
        new PureDpComposition(NeighbouringRelation.REPLACE_ONE))) {
      assertFalse(a.supports(new DpEvent.PoissonSampled(0.5, new DpEvent.Laplace(1, 1))), a.kind().toString());
    }
    assertTrue(new RdpAccountant(NeighbouringRelation.REPLACE_ONE, 2, 4).supports(G1));
  }

  /** RDP composition: Composed sums, SelfComposed multiplies, ParallelComposed takes the per-order maximum. */
  @Test
  void rdpComposition_sumsMultipliesAndMaximises() {
    RdpAccountant rdp = new RdpAccountant(1.5, 2, 8, 32);
    DpEvent a = SAMPLED;
    DpEvent b = new DpEvent.Laplace(2, 1);
    double[] ra = rdp.rdp(a);
    double[] rb = rdp.rdp(b);
    double[] sum = rdp.rdp(new DpEvent.Composed(List.of(a, b)));
    double[] times = rdp.rdp(new DpEvent.SelfComposed(a, 7));
    double[] max = rdp.rdp(new DpEvent.ParallelComposed(List.of(a, b)));
    for (int k = 0; k < ra.length; k++) {
      assertEquals(ra[k] + rb[k], sum[k], 1e-15);
      assertEquals(7 * ra[k], times[k], 1e-15);
      assertEquals(Math.max(ra[k], rb[k]), max[k], 0);
    }
  }

  /** Sampling at rate 1 is no sampling; rate q1 then q2 is rate q1 q2; Gaussians on one batch combine (McMahan and Andrew). */
  @Test
  void samplingNormalisation_isExact() {
    RdpAccountant rdp = new RdpAccountant();
    assertArrayEquals(rdp.rdp(G1), rdp.rdp(new DpEvent.PoissonSampled(1.0, G1)), 0);
    assertArrayEquals(rdp.rdp(new DpEvent.PoissonSampled(0.02, G1)),
        rdp.rdp(new DpEvent.PoissonSampled(0.1, new DpEvent.PoissonSampled(0.2, G1))), 1e-15);
    DpEvent twoQueries = new DpEvent.PoissonSampled(0.01,
        new DpEvent.Composed(List.of(new DpEvent.Gaussian(2), new DpEvent.SelfComposed(new DpEvent.Gaussian(4), 4))));
    double sigmaEff = 1 / Math.sqrt(1 / 4.0 + 4 / 16.0);
    assertArrayEquals(rdp.rdp(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(sigmaEff))), rdp.rdp(twoQueries), 1e-12);
    PldAccountant pld = new PldAccountant();
    assertEquals(pld.epsilon(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(sigmaEff)), 1e-5).epsilon(),
        pld.epsilon(twoQueries, 1e-5).epsilon(), 1e-12);
  }

  /** A ledger's composed event accounts the same as the event it was built from. */
  @Test
  void ledger_accountsLikeItsEvents() {
    PrivacyLedger ledger = PrivacyLedger.empty();
    for (int i = 0; i < 300; i++) {
      ledger = ledger.append(new DpEvent.PoissonSampled(0.01, G1));
    }
    assertEquals(300, ledger.steps());
    double viaLedger = new RdpAccountant(2, 5, 10, 20, 100).epsilon(ledger.composedEvent(), 1e-5).epsilon();
    assertEquals(2.39, viaLedger, 0.005);
  }

  /**
   * Decaying noise (heterogeneous composition) lies between all-high and all-low noise, for every
   * accountant, and PLD stays below RDP.
   */
  @Test
  void heterogeneousComposition_isBetweenItsExtremes() {
    DpEvent high = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.5)), 600);
    DpEvent low = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(0.9)), 600);
    DpEvent mixed = new DpEvent.Composed(List.of(
        new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.5)), 300),
        new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(0.9)), 300)));
    for (Accountant a : gaussianAccountants().toList()) {
      double e = a.epsilon(mixed, 1e-5).epsilon();
      assertTrue(a.epsilon(high, 1e-5).epsilon() < e && e < a.epsilon(low, 1e-5).epsilon(), a.kind() + ": " + e);
    }
    assertTrue(new PldAccountant().epsilon(mixed, 1e-5).epsilon() < new RdpAccountant().epsilon(mixed, 1e-5).epsilon());
  }

  /**
   * Parallel composition over disjoint partitions costs the worst partition, in every accountant,
   * and still composes (a parallel phase followed by a sequential one).
   */
  @Test
  void parallelComposition_isTheWorstPartition_andComposesFurther() {
    DpEvent a = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.02, new DpEvent.Gaussian(1.0)), 200);
    DpEvent b = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.05, new DpEvent.Gaussian(2.0)), 100);
    DpEvent parallel = new DpEvent.ParallelComposed(List.of(a, b));
    for (Accountant acc : gaussianAccountants().toList()) {
      double ea = acc.epsilon(a, 1e-5).epsilon();
      double eb = acc.epsilon(b, 1e-5).epsilon();
      double ep = acc.epsilon(parallel, 1e-5).epsilon();
      assertTrue(ep >= Math.max(ea, eb) - 1e-9, acc.kind() + ": " + ep + " < max(" + ea + ", " + eb + ")");
      assertTrue(ep <= acc.epsilon(new DpEvent.Composed(List.of(a, b)), 1e-5).epsilon(), acc.kind().toString());
    }
    PldAccountant pld = new PldAccountant();
    assertEquals(pld.epsilon(a, 1e-5).epsilon(), pld.epsilon(new DpEvent.ParallelComposed(List.of(a, a)), 1e-5).epsilon(), 1e-6);
    double thenMore = pld.epsilon(new DpEvent.Composed(List.of(parallel, a)), 1e-5).epsilon();
    assertTrue(thenMore > pld.epsilon(parallel, 1e-5).epsilon());
    assertTrue(thenMore <= new RdpAccountant().epsilon(new DpEvent.Composed(List.of(parallel, a)), 1e-5).epsilon());
  }

  @Test
  void gdp_isLabelledAnApproximationWhenSubsampled_andExactOtherwise() {
    EpsilonResult sampled = new GdpCltAccountant().epsilon(new DpEvent.SelfComposed(SAMPLED, 1000), 1e-5);
    assertFalse(sampled.upperBound());
    assertTrue(sampled.note().startsWith("APPROXIMATION"), sampled.note());
    EpsilonResult plain = new GdpCltAccountant().epsilon(new DpEvent.SelfComposed(G1, 4), 1e-5);
    assertTrue(plain.upperBound());
    assertEquals(ExactGaussian.epsilon(2, 1e-5), plain.epsilon(), 1e-9);
  }

  /** The CLT formula: mu = q sqrt(T (e^(1/sigma^2) - 1)) (Dong, Roth, Su; Opacus' compute_muP). */
  @Test
  void gdp_muMatchesTheCltFormula() {
    DpEvent e = NoiseCalibrator.dpSgd(256 / 60000.0, 1.1, 14063);
    double expected = 256 / 60000.0 * Math.sqrt(14063 * Math.expm1(1 / 1.21));
    assertEquals(expected, new GdpCltAccountant().mu(e), 1e-12 * expected);
  }

  @Test
  void rdpResult_reportsTheOptimalOrderAndANote() {
    EpsilonResult r = new RdpAccountant().epsilon(new DpEvent.SelfComposed(SAMPLED, 1000), 1e-5);
    assertTrue(r.optimalOrder() > 1);
    assertTrue(r.note().contains("Renyi"), r.note());
    EpsilonResult p = new PldAccountant().epsilon(new DpEvent.SelfComposed(SAMPLED, 1000), 1e-5);
    assertNull(p.optimalOrder());
    assertTrue(p.note().contains("interval 1.0E-4"), p.note());
  }
}
