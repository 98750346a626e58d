package org.dpaudit.core.accounting;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.dpaudit.core.Checks;
import org.dpaudit.core.UnsupportedEventException;
import org.dpaudit.core.privacy.DpEvent;

/**
 * Walks an event tree for the checks every accountant makes before computing: is every leaf
 * supported, and does anything release data without noise?
 */
final class EventChecks {
  private EventChecks() {}

  /**
   * The first sub-event (depth first) for which {@code supported} is false, looking through
   * compositions; {@code supported} decides about every other node, including Poisson sampling.
   */
  static Optional<DpEvent> firstUnsupported(DpEvent event, Predicate<DpEvent> supported) {
    List<DpEvent> children = compositionChildren(event);
    if (children == null) {
      return supported.test(event) ? Optional.empty() : Optional.of(event);
    }
    for (DpEvent child : children) {
      Optional<DpEvent> bad = firstUnsupported(child, supported);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  /** Throws {@link UnsupportedEventException} naming the first unsupported sub-event, if any. */
  static void requireSupported(String accountant, DpEvent event, Predicate<DpEvent> supported, String hint) {
    Optional<DpEvent> bad = firstUnsupported(event, supported);
    if (bad.isPresent()) {
      String where = bad.get() == event ? "" : " (inside " + summary(event) + ")";
      throw new UnsupportedEventException(
          "the " + accountant + " accountant cannot account for " + bad.get() + where + hint);
    }
  }

  /**
   * Whether anything in {@code event} is released with no noise: a {@link DpEvent.NonPrivate}, or a
   * Gaussian with noise multiplier 0, anywhere (also inside Poisson sampling or one partition of a
   * parallel composition). Epsilon is then infinite whatever else the event contains.
   */
  static boolean releasesWithoutNoise(DpEvent event) {
    if (event instanceof DpEvent.NonPrivate) {
      return true;
    }
    if (event instanceof DpEvent.Gaussian g) {
      return g.noiseMultiplier() == 0;
    }
    if (event instanceof DpEvent.PoissonSampled p) {
      return releasesWithoutNoise(p.event());
    }
    List<DpEvent> children = compositionChildren(event);
    return children != null && children.stream().anyMatch(EventChecks::releasesWithoutNoise);
  }

  /** The children of a composition node (self, sequential, parallel), or null for any other node. */
  static List<DpEvent> compositionChildren(DpEvent event) {
    if (event instanceof DpEvent.SelfComposed s) {
      return List.of(s.event());
    }
    if (event instanceof DpEvent.Composed c) {
      return c.events();
    }
    if (event instanceof DpEvent.ParallelComposed p) {
      return p.events();
    }
    return null;
  }

  /**
   * {@code event} with Poisson sampling normalised: nested sampling merged (rate q1, then rate q2, is
   * rate q1 q2; rounded up to the smallest positive double if it underflows, which is pessimistic),
   * and sampling at rate 1 removed (it samples everything). Nothing else changes.
   */
  static DpEvent simplify(DpEvent event) {
    if (event instanceof DpEvent.PoissonSampled p) {
      double q = p.samplingRate();
      DpEvent inner = p.event();
      while (inner instanceof DpEvent.PoissonSampled nested) {
        q = Math.max(Double.MIN_VALUE, q * nested.samplingRate());
        inner = nested.event();
      }
      DpEvent simple = simplify(inner);
      return q == 1 ? simple : new DpEvent.PoissonSampled(q, simple);
    }
    if (event instanceof DpEvent.SelfComposed s) {
      return new DpEvent.SelfComposed(simplify(s.event()), s.count());
    }
    if (event instanceof DpEvent.Composed c) {
      return new DpEvent.Composed(c.events().stream().map(EventChecks::simplify).toList());
    }
    if (event instanceof DpEvent.ParallelComposed p) {
      return new DpEvent.ParallelComposed(p.events().stream().map(EventChecks::simplify).toList());
    }
    return event;
  }

  /** Validates a delta argument: in (0, 1), as every accountant needs. */
  static double delta(double delta) {
    return Checks.openUnit("delta", delta);
  }

  private static String summary(DpEvent event) {
    String s = event.toString();
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
