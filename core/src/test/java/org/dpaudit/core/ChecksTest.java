package org.dpaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, -1e-300})
  void positive_rejectsNonPositiveNanAndInfinite(double v) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checks.positive("sigma", v));
    assertEquals("sigma must be positive and finite; got " + v, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.MIN_VALUE, 1.0, Double.MAX_VALUE})
  void positive_acceptsPositiveFinite(double v) {
    assertEquals(v, Checks.positive("sigma", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -Double.MIN_VALUE, Double.POSITIVE_INFINITY})
  void nonNegative_rejects(double v) {
    assertThrows(InvalidInputException.class, () -> Checks.nonNegative("x", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, Double.MIN_VALUE, 7.0})
  void nonNegative_accepts(double v) {
    assertEquals(v, Checks.nonNegative("x", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -Double.MIN_VALUE})
  void nonNegativeOrInfinite_rejects(double v) {
    assertThrows(InvalidInputException.class, () -> Checks.nonNegativeOrInfinite("eps", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 3.0, Double.POSITIVE_INFINITY})
  void nonNegativeOrInfinite_accepts(double v) {
    assertEquals(v, Checks.nonNegativeOrInfinite("eps", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, 0.0, 1.0, -0.5, Double.POSITIVE_INFINITY})
  void openUnit_rejectsBoundsAndNan(double v) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checks.openUnit("delta", v));
    assertEquals("delta must be in (0, 1); got " + v, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.MIN_VALUE, 0.5, 0.9999999999999999})
  void openUnit_acceptsJustInside(double v) {
    assertEquals(v, Checks.openUnit("delta", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, 0.0, -0.0, 1.0000000000000002, Double.POSITIVE_INFINITY})
  void samplingRate_rejects(double v) {
    assertThrows(InvalidInputException.class, () -> Checks.samplingRate("q", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.MIN_VALUE, 0.01, 1.0})
  void samplingRate_acceptsHalfOpenInterval(double v) {
    assertEquals(v, Checks.samplingRate("q", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -Double.MIN_VALUE, 1.0000000000000002})
  void probability_rejects(double v) {
    assertThrows(InvalidInputException.class, () -> Checks.probability("p", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, 0.3})
  void probability_accepts(double v) {
    assertEquals(v, Checks.probability("p", v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, 1.0, -Double.MIN_VALUE})
  void zeroToOneExclusive_rejects(double v) {
    assertThrows(InvalidInputException.class, () -> Checks.zeroToOneExclusive("delta", v));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void positiveInt_rejects(int v) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checks.positive("steps", v));
    assertEquals("steps must be at least 1; got " + v, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, Integer.MAX_VALUE})
  void positiveInt_accepts(int v) {
    assertEquals(v, Checks.positive("steps", v));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 11})
  void inRange_rejectsOutside(int v) {
    assertThrows(InvalidInputException.class, () -> Checks.inRange("k", v, 0, 10));
  }

  @org.junit.jupiter.api.Test
  void allFinite_namesTheFirstBadIndex() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Checks.allFinite("scores", new double[] {1, 2, Double.NaN, Double.POSITIVE_INFINITY}));
    assertEquals("scores[2] must be finite; got NaN", e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void notNull_rejectsNull() {
    assertThrows(InvalidInputException.class, () -> Checks.notNull("path", null));
  }
}
