package org.dpaudit.core.accounting;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two privacy loss distributions of a mechanism under add/remove-one neighbours: one with the
 * output "with the example" as the numerator, one with "without" as the numerator. A mechanism is
 * (eps, delta)-DP when both are; each composes separately, because a fixed pair of neighbouring
 * datasets is in the same order at every step. For symmetric mechanisms (Gaussian or Laplace without
 * subsampling) the two are the same object and are computed once; otherwise the two are composed
 * on two threads (the second on the common pool), which changes nothing in the results.
 */
record PldPair(DiscretePld withExampleFirst, DiscretePld withoutExampleFirst) {
  static PldPair symmetric(DiscretePld pld) {
    return new PldPair(pld, pld);
  }

  boolean isSymmetric() {
    return withExampleFirst == withoutExampleFirst;
  }

  PldPair map(Function<DiscretePld, DiscretePld> f) {
    if (isSymmetric()) {
      return symmetric(f.apply(withExampleFirst));
    }
    return both(() -> f.apply(withExampleFirst), () -> f.apply(withoutExampleFirst));
  }

  PldPair compose(PldPair other, double tailMass) {
    if (isSymmetric() && other.isSymmetric()) {
      return symmetric(withExampleFirst.compose(other.withExampleFirst, tailMass));
    }
    return both(() -> withExampleFirst.compose(other.withExampleFirst, tailMass),
        () -> withoutExampleFirst.compose(other.withoutExampleFirst, tailMass));
  }

  /** Computes the two orders concurrently; an exception from either is rethrown as it was. */
  private static PldPair both(Supplier<DiscretePld> first, Supplier<DiscretePld> second) {
    CompletableFuture<DiscretePld> later = CompletableFuture.supplyAsync(second);
    DiscretePld a;
    try {
      a = first.get();
    } catch (RuntimeException e) {
      later.cancel(false);
      throw e;
    }
    try {
      return new PldPair(a, later.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
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
