package org.dpaudit.audit;

import java.util.List;
import java.util.Locale;
import org.dpaudit.audit.bounds.FdpOneRun;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.audit.bounds.TradeoffCurve;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.UnsupportedEventException;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.PrivacyProfile;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * Builds the trade-off curve the PLD accountant proves for a ledger and tests it against canary
 * guesses with the f-DP one-run test ({@link FdpOneRun}); the outcome is a {@link LedgerTest}.
 */
public final class LedgerTests {
  private LedgerTests() {}

  /** Profile points the curve is built from (a thinner profile is a weaker, still valid, curve). */
  static final int PROFILE_POINTS = 4000;

  /**
   * The ledger's curve, or null when the ledger proves nothing to test (a non-private release) or
   * its events are beyond the PLD accountant.
   */
  public static TradeoffCurve curve(PrivacyLedger ledger, double extraDelta) {
    DpEvent event = ledger.composedEvent();
    synchronized (CACHE) {
      TradeoffCurve c = CACHE.get(new Key(event, extraDelta));
      if (c != null) {
        return c;
      }
    }
    TradeoffCurve c = build(event, extraDelta);
    if (c != null) {
      synchronized (CACHE) {
        CACHE.put(new Key(event, extraDelta), c);
      }
    }
    return c;
  }

  private record Key(DpEvent event, double extraDelta) {}

  /** The last few curves built: an audit and its self-test ask for the same ledger many times. */
  private static final java.util.Map<Key, TradeoffCurve> CACHE = new java.util.LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<Key, TradeoffCurve> eldest) {
      return size() > 4;
    }
  };

  private static TradeoffCurve build(DpEvent event, double extraDelta) {
    PldAccountant pld = new PldAccountant();
    if (!pld.supports(event)) {
      return null;
    }
    try {
      PrivacyProfile p = pld.profile(event, 1e-15, PROFILE_POINTS).plusDelta(extraDelta);
      if (p.size() == 1 && p.delta(0) >= 1) {
        return null;
      }
      return TradeoffCurve.of(p);
    } catch (InvalidInputException | UnsupportedEventException tooLarge) {
      return null;
    }
  }

  /** Tests {@code curve} with each rule's counts at {@code level}. */
  public static LedgerTest run(TradeoffCurve curve, List<OneRunCounts> counts, double level, double extraDelta) {
    boolean rejected = false;
    for (OneRunCounts c : counts) {
      rejected |= FdpOneRun.rejects(curve, c, level);
    }
    return new LedgerTest(rejected, level, extraDelta, String.format(Locale.ROOT, "the trade-off curve the PLD "
        + "accountant proves for the run's ledger (its privacy profile at %d points%s), tested by the f-DP one-run "
        + "test of Mahloujifar et al. (2024) at level %.3g per guess rule", PROFILE_POINTS,
        extraDelta > 0 ? String.format(Locale.ROOT, ", plus %.3g delta for the noise sampler's bounded support",
            extraDelta) : "", level));
  }
}
