package org.dpaudit.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.junit.jupiter.api.Test;

class GaussianCurveTest {
  private static final DpEvent G = new DpEvent.Gaussian(1.2);

  @Test
  void composedUnsubsampledGaussians_haveAGaussianCurve() {
    assertTrue(GaussianCurve.holds(G));
    assertTrue(GaussianCurve.holds(new DpEvent.SelfComposed(G, 500)));
    assertTrue(GaussianCurve.holds(new DpEvent.Composed(List.of(G, new DpEvent.SelfComposed(new DpEvent.Gaussian(2), 3)))));
    assertTrue(GaussianCurve.holds(new DpEvent.PoissonSampled(1.0, G)));
  }

  @Test
  void subsampledOrOtherMechanisms_doNot() {
    assertFalse(GaussianCurve.holds(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(0.05, G), 540)));
    assertFalse(GaussianCurve.holds(new DpEvent.Laplace(1, 1)));
    assertFalse(GaussianCurve.holds(new DpEvent.NonPrivate()));
    assertFalse(GaussianCurve.holds(new DpEvent.Gaussian(0)));
    assertFalse(GaussianCurve.holds(new DpEvent.Composed(List.of())));
    assertFalse(GaussianCurve.holds(new DpEvent.Composed(List.of(G, new DpEvent.Laplace(1, 1)))));
    assertFalse(GaussianCurve.holds(new DpEvent.ParallelComposed(List.of(G))));
  }
}
