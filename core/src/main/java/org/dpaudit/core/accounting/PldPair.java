package org.dpaudit.core.accounting;

import java.util.List;
import java.util.function.Function;

/**
 * The two privacy loss distributions of a mechanism under add/remove-one neighbours: one with the
 * output "with the example" as the numerator, one with "without" as the numerator. A mechanism is
 * (eps, delta)-DP when both are; each composes separately, because a fixed pair of neighbouring
 * datasets is in the same order at every step. For symmetric mechanisms (Gaussian or Laplace without
 * subsampling) the two are the same object and are computed once.
 */
record PldPair(DiscretePld withExampleFirst, DiscretePld withoutExampleFirst) {
  static PldPair symmetric(DiscretePld pld) {
    return new PldPair(pld, pld);
  }

  boolean isSymmetric() {
    return withExampleFirst == withoutExampleFirst;
  }

  PldPair map(Function<DiscretePld, DiscretePld> f) {
    DiscretePld a = f.apply(withExampleFirst);
    return isSymmetric() ? symmetric(a) : new PldPair(a, f.apply(withoutExampleFirst));
  }

  PldPair compose(PldPair other, double tailMass) {
    DiscretePld a = withExampleFirst.compose(other.withExampleFirst, tailMass);
    if (isSymmetric() && other.isSymmetric()) {
      return symmetric(a);
    }
    return new PldPair(a, withoutExampleFirst.compose(other.withoutExampleFirst, tailMass));
  }

  static PldPair worstOf(List<PldPair> parts) {
    DiscretePld a = ConnectTheDots.worstOf(parts.stream().map(PldPair::withExampleFirst).toList());
    if (parts.stream().allMatch(PldPair::isSymmetric)) {
      return symmetric(a);
    }
    return new PldPair(a, ConnectTheDots.worstOf(parts.stream().map(PldPair::withoutExampleFirst).toList()));
  }

  /** The larger epsilon of the two orders at {@code delta}. */
  double epsilon(double delta) {
    double a = withExampleFirst.epsilon(delta);
    return isSymmetric() ? a : Math.max(a, withoutExampleFirst.epsilon(delta));
  }

  /** The larger delta of the two orders at {@code epsilon}. */
  double delta(double epsilon) {
    double a = withExampleFirst.delta(epsilon);
    return isSymmetric() ? a : Math.max(a, withoutExampleFirst.delta(epsilon));
  }
}
