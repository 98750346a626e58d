package org.dpaudit.trainers.schemes;

import org.dpaudit.core.privacy.DpEvent;

/** Poisson sampling at rate 1 removed, as the accountants read it. */
final class EventsForTest {
  private EventsForTest() {}

  static DpEvent simplify(DpEvent e) {
    if (e instanceof DpEvent.PoissonSampled p) {
      return p.samplingRate() == 1 ? simplify(p.event()) : new DpEvent.PoissonSampled(p.samplingRate(), simplify(p.event()));
    }
    if (e instanceof DpEvent.ParallelComposed p) {
      return new DpEvent.ParallelComposed(p.events().stream().map(EventsForTest::simplify).toList());
    }
    if (e instanceof DpEvent.Composed c) {
      return new DpEvent.Composed(c.events().stream().map(EventsForTest::simplify).toList());
    }
    return e;
  }
}
