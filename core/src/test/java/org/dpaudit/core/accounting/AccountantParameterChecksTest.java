package org.dpaudit.core.accounting;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every parameter check with NaN, both infinities, and the values just inside and just outside each
 * bound ({@code Math.nextUp} / {@code nextDown}), as Commons Statistics' interval tests do.
 */
class AccountantParameterChecksTest {
  private static final DpEvent EVENT = NoiseCalibrator.dpSgd(0.01, 1.0, 10);

  static Stream<Accountant> accountants() {
    return Stream.of(new RdpAccountant(), new PldAccountant(), new GdpCltAccountant(), new PureDpComposition());
  }

  private static DpEvent supportedBy(Accountant a) {
    return a instanceof PureDpComposition ? new DpEvent.Laplace(1, 1) : EVENT;
  }

  @ParameterizedTest
  @MethodSource("accountants")
  void delta_mustBeInTheOpenUnitInterval(Accountant a) {
    DpEvent e = supportedBy(a);
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0,
        -Double.MIN_VALUE, 1, Math.nextUp(1.0)}) {
      InvalidInputException x = assertThrows(InvalidInputException.class, () -> a.epsilon(e, bad), a.kind() + " " + bad);
      assertTrue(x.getMessage().startsWith("delta must be in (0, 1); got "), x.getMessage());
    }
    for (double ok : new double[] {Double.MIN_VALUE, 1e-300, Math.nextDown(1.0)}) {
      assertDoesNotThrow(() -> a.epsilon(e, ok), a.kind() + " " + ok);
    }
  }

  @Test
  void gaussianNoiseMultiplier_isNonNegativeAndFinite() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE, -1}) {
      assertThrows(InvalidInputException.class, () -> new DpEvent.Gaussian(bad), String.valueOf(bad));
    }
    for (double ok : new double[] {0, Double.MIN_VALUE, Double.MAX_VALUE}) {
      assertDoesNotThrow(() -> new DpEvent.Gaussian(ok));
    }
  }

  @Test
  void laplaceScaleAndSensitivity_arePositiveAndFinite() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0, -Double.MIN_VALUE}) {
      assertThrows(InvalidInputException.class, () -> new DpEvent.Laplace(bad, 1), "scale " + bad);
      assertThrows(InvalidInputException.class, () -> new DpEvent.Laplace(1, bad), "sensitivity " + bad);
    }
    assertDoesNotThrow(() -> new DpEvent.Laplace(Double.MIN_VALUE, Double.MIN_VALUE));
  }

  @Test
  void samplingRate_isInHalfOpenUnitInterval() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0, Math.nextUp(1.0)}) {
      assertThrows(InvalidInputException.class, () -> new DpEvent.PoissonSampled(bad, new DpEvent.Gaussian(1)), String.valueOf(bad));
      assertThrows(InvalidInputException.class, () -> NoiseCalibrator.dpSgd(bad, 1, 1), String.valueOf(bad));
    }
    for (double ok : new double[] {Double.MIN_VALUE, Math.nextDown(1.0), 1.0}) {
      assertDoesNotThrow(() -> new RdpAccountant().epsilon(NoiseCalibrator.dpSgd(ok, 1, 1), 1e-5));
    }
  }

  @Test
  void counts_areAtLeastOne() {
    assertThrows(InvalidInputException.class, () -> new DpEvent.SelfComposed(EVENT, 0));
    assertThrows(InvalidInputException.class, () -> new DpEvent.SelfComposed(EVENT, Long.MIN_VALUE));
    assertThrows(InvalidInputException.class, () -> NoiseCalibrator.dpSgd(0.1, 1, 0));
    assertDoesNotThrow(() -> new DpEvent.SelfComposed(EVENT, 1));
    assertDoesNotThrow(() -> new RdpAccountant().epsilon(new DpEvent.SelfComposed(EVENT, Long.MAX_VALUE), 1e-5));
  }

  @Test
  void renyiOrders_areFiniteAndAboveOne() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, Math.nextDown(1.0), 0}) {
      InvalidInputException x = assertThrows(InvalidInputException.class, () -> new RdpAccountant(2, bad), String.valueOf(bad));
      assertTrue(x.getMessage().startsWith("every Renyi order must be finite and above 1; got"), x.getMessage());
    }
    assertThrows(InvalidInputException.class, () -> new RdpAccountant(new double[0]));
    assertDoesNotThrow(() -> new RdpAccountant(Math.nextUp(1.0), Double.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0, -Double.MIN_VALUE})
  void pldInterval_isPositiveAndFinite(double bad) {
    assertThrows(InvalidInputException.class, () -> new PldAccountant(bad));
  }

  @Test
  void pldInterval_isAtMostTheCoarsestGrid() {
    assertThrows(InvalidInputException.class, () -> new PldAccountant(Math.nextUp(PldAccountant.MAX_INTERVAL)));
    assertDoesNotThrow(() -> new PldAccountant(PldAccountant.MAX_INTERVAL).epsilon(EVENT, 1e-5));
    assertDoesNotThrow(() -> new PldAccountant(Double.MIN_VALUE));
  }

  @Test
  void deltaQueries_needAFiniteNonNegativeEpsilon() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE}) {
      assertThrows(InvalidInputException.class, () -> new RdpAccountant().delta(EVENT, bad), String.valueOf(bad));
      assertThrows(InvalidInputException.class, () -> new PldAccountant().delta(EVENT, bad), String.valueOf(bad));
    }
    assertDoesNotThrow(() -> new PldAccountant().delta(EVENT, 0));
  }

  @Test
  void calibratorArguments_areChecked() {
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0}) {
      assertThrows(InvalidInputException.class, () -> new NoiseCalibrator(RdpAccountant::new, bad), "tolerance " + bad);
      assertThrows(InvalidInputException.class, () -> new NoiseCalibrator.Bracket(0, bad), "upper " + bad);
    }
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE}) {
      assertThrows(InvalidInputException.class, () -> new NoiseCalibrator.Bracket(bad, 1), "lower " + bad);
    }
    assertThrows(InvalidInputException.class, () -> new NoiseCalibrator.Bracket(1, 1));
    assertThrows(InvalidInputException.class, () -> new NoiseCalibrator.Bracket(Math.nextUp(1.0), 1));
    assertDoesNotThrow(() -> new NoiseCalibrator.Bracket(Math.nextDown(1.0), 1));
    NoiseCalibrator cal = new NoiseCalibrator(RdpAccountant::new);
    for (PrivacyBudget bad : new PrivacyBudget[] {new PrivacyBudget(0, 1e-5), new PrivacyBudget(Double.POSITIVE_INFINITY, 1e-5),
        new PrivacyBudget(1, 0)}) {
      assertThrows(InvalidInputException.class, () -> cal.noiseMultiplier(s -> NoiseCalibrator.dpSgd(0.1, s, 10), bad), bad.toString());
      assertThrows(InvalidInputException.class, () -> cal.maxSteps(t -> NoiseCalibrator.dpSgd(0.1, 1, t), bad, 10), bad.toString());
    }
    assertThrows(InvalidInputException.class, () -> new PrivacyBudget(Double.NaN, 1e-5));
    assertThrows(InvalidInputException.class, () -> cal.maxSteps(t -> EVENT, new PrivacyBudget(1, 1e-5), 0));
  }
}
